package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestPluralCategoriesArabic checks the CLDR rules for Arabic: six forms,
// chosen by n % 100 above 100.
func TestPluralCategoriesArabic(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, Zero}, {1, One}, {2, Two}, {3, Few}, {10, Few}, {11, Many}, {99, Many},
		{100, Other}, {101, Other}, {102, Other}, {103, Few}, {111, Many}, {1000, Other},
		{10_000_003, Few}, {-2, Two},
	} {
		if got := PluralCategory(Arabic, tc.n); got != tc.want {
			t.Errorf("Arabic %d: %s, want %s", tc.n, got, tc.want)
		}
	}
	for n, want := range map[int]string{0: Other, 1: One, 2: Other, 11: Other, 101: Other} {
		if got := PluralCategory(English, n); got != want {
			t.Errorf("English %d: %s, want %s", n, got, want)
		}
	}
}

// TestNWithTheShippedTranslations reads the real translations/*.json.
func TestNWithTheShippedTranslations(t *testing.T) {
	defer func() { current = English; eastern = false }()
	current = English
	for n, want := range map[int]string{0: "0 sources", 1: "1 source", 4: "4 sources", 101: "101 sources"} {
		if got := N("{n} sources", n); got != want {
			t.Errorf("English %d: %q, want %q", n, got, want)
		}
	}
	current = Arabic
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "لا مصادر"}, {1, "مصدر واحد"}, {2, "مصدران"}, {3, "3 مصادر"}, {11, "11 مصدرًا"},
		{100, "100 مصدر"}, {101, "101 مصدر"}, {102, "102 مصدر"},
	} {
		if got := N("{n} sources", tc.n); got != tc.want {
			t.Errorf("Arabic %d: %q, want %q", tc.n, got, tc.want)
		}
	}
	SetEasternDigits(true)
	if got := N("{n} events", 11); got != "١١ حدثًا" {
		t.Errorf("Eastern digits: %q", got)
	}
	if got := NIn(English, "{n} events", 11); got != "11 events" {
		t.Errorf("NIn(English) in the Arabic interface: %q", got)
	}
}

func TestParsePlural(t *testing.T) {
	m, err := parsePlural("Found {n, plural, =0 {nothing} one {# thing {really}} other {# things}}!")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cat  string
		n    int
		want string
	}{
		{Other, 0, "Found nothing!"}, {One, 1, "Found # thing {really}!"}, {Other, 7, "Found # things!"}, {Few, 3, "Found # things!"},
	} {
		if got := m.form(tc.cat, tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.cat, tc.n, got, tc.want)
		}
	}
	for _, bad := range []string{"no plural", "{n, select, a {b}}", "{n, plural, one {x}}", "{n, plural, lots {x} other {y}}", "{n, plural, other {y}"} {
		if _, err := parsePlural(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	// a key nobody translated still reads, with {n} in place
	if got := NIn(English, "{n} untranslated things", 3); got != "3 untranslated things" {
		t.Errorf("missing key: %q", got)
	}
}

// TestEveryPluralKeyTranslated fails when the GUI asks N or NIn for a key
// that en.json or ar.json lacks, or whose entry is not a plural message
// with the forms its language needs.
func TestEveryPluralKeyTranslated(t *testing.T) {
	need := map[string][]string{English: {One, Other}, Arabic: {Zero, One, Two, Few, Many, Other}}
	fset := token.NewFileSet()
	files := guiSources(t)
	widgets, _ := filepath.Glob(filepath.Join("..", "widgets", "*.go"))
	files = append(files, widgets...)
	used := 0
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			arg := 0
			switch x, _ := sel.X.(*ast.Ident); {
			case x != nil && x.Name == "i18n" && sel.Sel.Name == "N":
			case x != nil && x.Name == "i18n" && sel.Sel.Name == "NIn":
				arg = 1
			case sel.Sel.Name == "count": // the timeline's Locale.count
			default:
				return true
			}
			if len(call.Args) <= arg {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			if !strings.Contains(key, "{n}") {
				return true
			}
			used++
			for l, forms := range need {
				s, ok := Table(l)[key]
				if !ok {
					t.Errorf("%s: plural key %q is not in %s.json", fset.Position(lit.Pos()), key, l)
					continue
				}
				m, err := parsePlural(s)
				if err != nil {
					t.Errorf("%s.json %q: %v", l, key, err)
					continue
				}
				// English needs "one" only when its forms differ ("# earlier").
				for _, c := range forms {
					if !slices.Contains(m.categories(), c) && !(l == English && c == One) {
						t.Errorf("%s.json %q lacks the %q form", l, key, c)
					}
				}
			}
			return true
		})
	}
	if used < 8 {
		t.Errorf("only %d plural keys found in the GUI's sources", used)
	}
}
