package overlay

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"annals/internal/repo"
)

// requiredEnv is set by `make test`: the tests then run with the overlay's
// flags, and the check that the patched Fyne is what runs must not skip.
const requiredEnv = "ANNALS_FYNE_OVERLAY"

// TestUpstreamIsTheRecordedFile fails as soon as go.mod moves to another Fyne
// whose file differs from the one the patch was derived from.
func TestUpstreamIsTheRecordedFile(t *testing.T) {
	dir, err := ModuleDir(repo.Root())
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckUpstream(dir); err != nil {
		t.Fatal(err)
	}
}

// TestPrepareWritesABuildThatCompilesThePatch prepares a folder as the
// Makefile does, checks what it wrote and compiles Fyne's painter package
// with its flags: the patched file must compile, and be the one compiled.
func TestPrepareWritesABuildThatCompilesThePatch(t *testing.T) {
	root := repo.Root()
	dir := t.TempDir()
	if err := Prepare(root, dir); err != nil {
		t.Fatal(err)
	}
	var ov struct{ Replace map[string]string }
	data, err := os.ReadFile(filepath.Join(dir, OverlayFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &ov); err != nil {
		t.Fatal(err)
	}
	if len(ov.Replace) != len(Files) {
		t.Fatalf("overlay replaces %d files, want %d: %v", len(ov.Replace), len(Files), ov.Replace)
	}
	modDir, err := ModuleDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for from, to := range ov.Replace {
		if strings.HasPrefix(from, modDir) {
			t.Errorf("overlay replaces %s inside the module cache, which go build refuses", from)
		}
		// The mirror's file is upstream's, byte for byte; the overlay's is the patch.
		mirrored, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(mirrored); hex.EncodeToString(sum[:]) != Files[0].UpstreamSHA256 {
			t.Errorf("mirrored %s is not upstream's file", from)
		}
		patched, err := os.ReadFile(to)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(patched, []byte("shaperPool.Get()")) || bytes.Contains(patched, []byte("shaper := &shaping.HarfbuzzShaper{}")) {
			t.Errorf("%s does not take its shaper from the pool", to)
		}
	}
	mod, err := os.ReadFile(filepath.Join(dir, ModFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("replace %s => %s", Module, filepath.Join(dir, mirrorDir, filepath.Base(modDir))); !bytes.Contains(mod, []byte(want)) {
		t.Errorf("%s lacks %q", ModFile, want)
	}
	if _, err := os.Stat(filepath.Join(dir, SumFile)); err != nil {
		t.Error(err)
	}

	// With the flags, Fyne's painter is read from the mirror, and it compiles
	// with the patched file in it.
	args := append([]string{"list", "-tags", "sqlite_fts5 migrated_fynedo", "-f", "{{.Dir}} {{.GoFiles}}"}, Flags(dir)...)
	list := exec.Command("go", append(args, "fyne.io/fyne/v2/internal/painter")...)
	list.Dir = root
	out, err := list.CombinedOutput()
	if err != nil {
		t.Fatalf("go list with the flags: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), filepath.Join(dir, mirrorDir)) {
		t.Errorf("with the flags Fyne's painter comes from %s, not the mirror", out)
	}
	// -trimpath: the mirror is in a new temporary folder each run, and without
	// it the folder's path would make the build cache miss every time.
	args = append([]string{"build", "-trimpath", "-tags", "sqlite_fts5 migrated_fynedo", "-o", os.DevNull}, Flags(dir)...)
	build := exec.Command("go", append(args, "fyne.io/fyne/v2/internal/painter")...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the patched painter does not compile: %v\n%s", err, out)
	}
}

// TestPrepareRefusesAnotherFyne: when the upstream file is not the recorded
// one, Prepare says so and writes nothing a build could pick up.
func TestPrepareRefusesAnotherFyne(t *testing.T) {
	saved := Files
	t.Cleanup(func() { Files = saved })
	Files = []File{saved[0]}
	Files[0].UpstreamSHA256 = strings.Repeat("0", 64)
	dir := t.TempDir()
	err := Prepare(repo.Root(), dir)
	if !IsStale(err) {
		t.Fatalf("Prepare with a wrong recorded SHA-256: %v, want a StaleError", err)
	}
	if !strings.Contains(err.Error(), "Re-derive the patch") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	for _, name := range []string{ModFile, SumFile, OverlayFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s written for a stale Fyne (%v)", name, err)
		}
	}
}

// builtWithOverlay says whether this test binary's Fyne comes from the
// mirror Prepare writes, i.e. it was built with Flags: the source file of a
// Fyne function lies in the mirror (test binaries record no dependencies in
// their build info).
func builtWithOverlay() bool {
	pc := reflect.ValueOf(fyne.MeasureText).Pointer()
	file, _ := runtime.FuncForPC(pc).FileLine(pc)
	return strings.Contains(filepath.ToSlash(file), "/"+mirrorDir+"/")
}

// TestNewTextsReuseTheShaper checks that the Fyne running here is the patched
// one, by what it does: measuring a text never measured before allocates
// fewer objects than shaping it once with a new go-text shaper, which builds
// a harfbuzz font from the face (hundreds of allocations). Upstream's
// walkString makes a new shaper per text and shapes twice (a space, then the
// text), so it allocates at least twice that; the patched one reuses the
// pooled shaper's fonts. The race detector's sync.Pool drops a quarter of
// Puts, which costs the patched one a font build every fourth text: still
// well under the bound.
func TestNewTextsReuseTheShaper(t *testing.T) {
	if !builtWithOverlay() {
		if os.Getenv(requiredEnv) != "" {
			t.Fatalf("%s is set but this test binary's Fyne is not the overlay's mirror: the test ran without the overlay flags", requiredEnv)
		}
		t.Skip("built without the Fyne overlay's flags (make test passes them)")
	}
	test.NewTempApp(t)

	data := theme.DefaultTextFont().Content()
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	shapeFresh := func(text string) {
		runes := []rune(text)
		(&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
			Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
			Size: fixed.I(14), Script: language.Latin, Language: language.NewLanguage("en"),
		})
	}

	n := 0
	next := func() string { n++; return fmt.Sprintf("Annals timeline label %d", n) }
	fyne.MeasureText(next(), 14, fyne.TextStyle{}) // the pool's first shaper builds its font
	fresh := testing.AllocsPerRun(50, func() { shapeFresh(next()) })
	measured := testing.AllocsPerRun(100, func() { fyne.MeasureText(next(), 14, fyne.TextStyle{}) })
	t.Logf("allocations: a new shaper shaping a text %.0f; Fyne measuring a new text %.0f", fresh, measured)
	if fresh < 50 {
		t.Fatalf("a new shaper allocated only %.0f objects: the reference no longer builds a font, the test means nothing", fresh)
	}
	if measured >= fresh {
		t.Errorf("measuring a new text allocates %.0f objects, a new shaper's one shape %.0f: Fyne makes a new shaper per text (the patch is not in use)", measured, fresh)
	}
}

// BenchmarkMeasureNewText measures a text Fyne has not measured before, as
// a new label or timeline caption does (drawing it shapes it once more). Run
// it with and without the overlay's flags to compare:
//
//	go test -tags 'sqlite_fts5 migrated_fynedo' -run '^$' -bench MeasureNewText ./third_party/fyne/overlay
//	go test -tags 'sqlite_fts5 migrated_fynedo' $(go run ./third_party/fyne/cmd/fyneoverlay -dir dist/fyne-overlay -flags) -run '^$' -bench MeasureNewText ./third_party/fyne/overlay
func BenchmarkMeasureNewText(b *testing.B) {
	test.NewTempApp(b)
	b.Logf("built with the overlay: %v", builtWithOverlay())
	for _, c := range []struct{ name, format string }{
		{"en", "Annals timeline label %d"},
		{"ar", "أعلن ترمب صفقة تجارية %d"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				fyne.MeasureText(fmt.Sprintf(c.format, i), 14, fyne.TextStyle{})
			}
		})
	}
}
