package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// displayCalls are the Fyne calls whose string arguments the user sees.
var displayCalls = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"SetText": true, "SetPlaceHolder": true, "NewMenu": true, "NewMenuItem": true,
	"NewTabItem": true, "NewTabItemWithIcon": true, "NewFormItem": true, "NewCheck": true,
	"ShowInformation": true, "ShowConfirm": true, "NewCustom": true, "NewCustomConfirm": true,
	"NewForm": true, "NewConfirm": true, "NewInformation": true, "NewWindow": true,
}

// ownLanguage are strings shown as they are in every interface language:
// the app's name and each language's name in that language.
var ownLanguage = map[string]bool{"Annals": true, "English": true, "العربية": true}

func guiSources(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"..", filepath.Join("..", "views")} {
		matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			if !strings.HasSuffix(m, "_test.go") {
				files = append(files, m)
			}
		}
	}
	if len(files) < 5 {
		t.Fatalf("found only %d GUI sources", len(files))
	}
	return files
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// TestNoUntranslatedStrings fails when a string the user would see is
// written into the GUI without going through T.
func TestNoUntranslatedStrings(t *testing.T) {
	fset := token.NewFileSet()
	for _, path := range guiSources(t) {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		// check flags string literals in a shown expression, also inside
		// concatenations ("Could not load: " + err.Error()), but not inside
		// calls (i18n.T, a format's own arguments).
		var check func(e ast.Expr, where string)
		check = func(e ast.Expr, where string) {
			switch e := e.(type) {
			case *ast.BinaryExpr:
				check(e.X, where)
				check(e.Y, where)
			case *ast.ParenExpr:
				check(e.X, where)
			case *ast.BasicLit:
				if e.Kind != token.STRING {
					return
				}
				s, _ := strconv.Unquote(e.Value)
				if hasLetter(s) && !ownLanguage[s] {
					t.Errorf("%s: %s shows %q without a translation", fset.Position(e.Pos()), where, s)
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && displayCalls[sel.Sel.Name] {
					for _, a := range n.Args {
						check(a, sel.Sel.Name)
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Text" {
					check(n.Value, "Text:")
				}
			}
			return true
		})
	}
}

var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// TestEveryKeyTranslated fails when a key used in the code is missing from
// en.json or ar.json, or when the two files disagree.
func TestEveryKeyTranslated(t *testing.T) {
	en, ar := Table(English), Table(Arabic)
	fset := token.NewFileSet()
	for _, path := range guiSources(t) {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "i18n" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				key, _ := strconv.Unquote(lit.Value)
				if _, ok := en[key]; !ok {
					t.Errorf("%s: key %q is not in en.json", fset.Position(lit.Pos()), key)
				}
				if _, ok := ar[key]; !ok {
					t.Errorf("%s: key %q is not in ar.json", fset.Position(lit.Pos()), key)
				}
			}
			return true
		})
	}
	for k := range en {
		v, ok := ar[k]
		if !ok || strings.TrimSpace(v) == "" {
			t.Errorf("ar.json lacks %q", k)
			continue
		}
		if a, b := verbs.FindAllString(k, -1), verbs.FindAllString(v, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("%q: the Arabic %q has the verbs %v, want %v", k, v, b, a)
		}
	}
	for k := range ar {
		if _, ok := en[k]; !ok {
			t.Errorf("ar.json has %q, which en.json lacks", k)
		}
	}
}

func TestTAndDigits(t *testing.T) {
	defer func() { current = English; eastern = false }()
	current = Arabic
	if got := T("%d events", 3); got != "3 حدث" {
		t.Errorf("T in Arabic = %q", got)
	}
	if got := T("a string nobody translated"); got != "a string nobody translated" {
		t.Errorf("missing key = %q, want the English text", got)
	}
	SetEasternDigits(true)
	if got := Digits("2025-01-20"); got != "٢٠٢٥-٠١-٢٠" {
		t.Errorf("Digits = %q", got)
	}
	current = English
	if got := Digits("2025"); got != "2025" {
		t.Errorf("Eastern digits leak into English: %q", got)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "translations", "ar.json")); err != nil {
		t.Errorf("translations/ar.json: %v", err)
	}
}

// TestMonthNameIn checks the one month table every view reads, at both ends
// and in both languages, whatever the interface language is.
func TestMonthNameIn(t *testing.T) {
	cases := []struct {
		lang string
		m    int
		want string
	}{
		{Arabic, 1, "يناير"}, {Arabic, 5, "مايو"}, {Arabic, 12, "ديسمبر"},
		{English, 1, "January"}, {English, 12, "December"},
	}
	for _, c := range cases {
		if got := MonthNameIn(c.lang, c.m); got != c.want {
			t.Errorf("MonthNameIn(%q, %d) = %q, want %q", c.lang, c.m, got, c.want)
		}
	}
}
