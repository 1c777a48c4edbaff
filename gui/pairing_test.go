package gui

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"annals/data/library"
	"annals/gui/browserhelp"
	"annals/gui/fynedo"
	"annals/gui/i18n"
)

// TestPairingDialogAllowsAndRevokes: a browser asking to pair puts the
// dialog in the window with the code the browser got; Allow hands the
// browser its token; the paired-browsers dialog removes it again.
func TestPairingDialogAllowsAndRevokes(t *testing.T) {
	a, lib := openLibrary(t)
	shown := make(chan dialog.Dialog, 1)
	pairingShown = func(d dialog.Dialog) { shown <- d }
	t.Cleanup(func() { pairingShown = nil })
	var m *MainWindow
	var stop func()
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		stop = m.startBridge([]int{0})
	})
	t.Cleanup(func() { fynedo.Do(stop) })
	v, ok := bridges.Load(m)
	if !ok {
		t.Fatal("the window did not start the endpoint")
	}
	base := "http://127.0.0.1:" + strconv.Itoa(v.(*library.BridgeServer).Port())
	post := func(path string, body any, into any) {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Annals-Request", "1")
		req.Header.Set("Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(into)
	}
	var asked struct{ Pairing, Code string }
	post("/pair", map[string]string{"browser": "Edge"}, &asked)
	waitSignal(t, shown, "the pairing dialog")

	var allow *widget.Button
	var codeShown bool
	fynedo.Do(func() {
		over := m.Window.Canvas().Overlays().Top()
		if over == nil {
			return
		}
		for _, o := range test.LaidOutObjects(over) {
			switch o := o.(type) {
			case *canvas.Text:
				codeShown = codeShown || o.Text == asked.Code
			case *widget.Button:
				if o.Text == i18n.T("Allow") {
					allow = o
				}
			}
		}
	})
	if !codeShown || allow == nil {
		t.Fatalf("the dialog shows code %v (want %q), Allow button %v", codeShown, asked.Code, allow != nil)
	}
	var st struct{ State, Token string }
	post("/pair/status", map[string]string{"pairing": asked.Pairing}, &st)
	if st.State != "waiting" {
		t.Fatalf("before Allow: %+v", st)
	}
	fynedo.Do(func() { test.Tap(allow) })
	post("/pair/status", map[string]string{"pairing": asked.Pairing}, &st)
	if st.State != "allowed" || st.Token == "" {
		t.Fatalf("after Allow: %+v", st)
	}

	var remove *widget.Button
	fynedo.Do(func() {
		m.showPairedBrowsers()
		for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("Remove") {
				remove = b
			}
		}
	})
	if remove == nil {
		t.Fatal("the paired browser is not listed with a Remove button")
	}
	fynedo.Do(func() { test.Tap(remove) })
	if n := len(v.(*library.BridgeServer).Browsers()); n != 0 {
		t.Fatalf("%d browsers still paired after Remove", n)
	}
}

// TestBrowserGuidePage: the illustrated guide carries every step of the
// help dialog, without the typed numbers (the list numbers them), and the
// pictures of the Chromium steps and of pairing.
func TestBrowserGuidePage(t *testing.T) {
	p := guidePage(browserHelpSections())
	if len(p.Sections) != 3 || p.Intro == "" {
		t.Fatalf("sections %d, intro %q", len(p.Sections), p.Intro)
	}
	chromium := p.Sections[0]
	if len(chromium.Steps) != 4 || !strings.HasPrefix(chromium.Steps[0], "Unzip annals-browser-") || !strings.Contains(chromium.Steps[2], "Load unpacked") {
		t.Fatalf("Chromium steps: %q", chromium.Steps)
	}
	if strings.Join(chromium.Images, ",") != "chrome-extensions.png,toolbar.png" || len(p.Sections[2].Images) != 1 {
		t.Fatalf("pictures: %v / %v", chromium.Images, p.Sections[2].Images)
	}
	dir := t.TempDir()
	index, err := browserhelp.Write(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(index)
	if !strings.Contains(string(b), "<li>Open about:debugging, then &#34;This Firefox&#34;.</li>") {
		t.Errorf("the Firefox step is missing from the page:\n%s", b)
	}
}
