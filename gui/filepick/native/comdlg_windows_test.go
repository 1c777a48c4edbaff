package native

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

var (
	findWindow     = user32.NewProc("FindWindowW")
	setDlgItemText = user32.NewProc("SetDlgItemTextW")
	postMessage    = user32.NewProc("PostMessageW")
	getDlgItem     = user32.NewProc("GetDlgItem")
)

const (
	wmCommand = 0x0111
	idOK      = 1
	idCancel  = 2
	// The file name box of the Explorer-style dialogs: a combo box
	// (cmb13) on Windows, an edit box (edt1) in older templates and Wine.
	cmb13 = 0x47c
	edt1  = 0x480
)

// dialogWindow waits for a top-level window of class (nil for any) and
// title (nil for any).
func dialogWindow(t *testing.T, class, title string) uintptr {
	t.Helper()
	ptr := func(s string) uintptr {
		if s == "" {
			return 0
		}
		p, _ := syscall.UTF16PtrFromString(s)
		return uintptr(unsafe.Pointer(p))
	}
	// ANNALS_DIALOG_PAUSE (say 3s) keeps each dialog on screen a while,
	// to look at it or take a screenshot.
	pause, _ := time.ParseDuration(os.Getenv("ANNALS_DIALOG_PAUSE"))
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if h, _, _ := findWindow.Call(ptr(class), ptr(title)); h != 0 {
			time.Sleep(300*time.Millisecond + pause) // let it finish its WM_INITDIALOG
			return h
		}
	}
	t.Fatalf("no dialog window %q %q", class, title)
	return 0
}

// answerWith types text into the dialog's name box (any of ids) and
// presses button, as a user would with the keyboard.
func answerWith(h uintptr, text string, button uintptr, ids ...uintptr) {
	p, _ := syscall.UTF16PtrFromString(text)
	for _, id := range ids {
		if c, _, _ := getDlgItem.Call(h, id); c != 0 {
			setDlgItemText.Call(h, id, uintptr(unsafe.Pointer(p)))
		}
	}
	postMessage.Call(h, wmCommand, button, 0)
}

func runDialog(req Request) <-chan [2]any {
	out := make(chan [2]any, 1)
	go func() {
		p, err := comdlg{}.Run(context.Background(), req)
		out <- [2]any{p, err}
	}()
	return out
}

func waitAnswer(t *testing.T, ch <-chan [2]any) (string, error) {
	t.Helper()
	select {
	case r := <-ch:
		err, _ := r[1].(error)
		return r[0].(string), err
	case <-time.After(30 * time.Second):
		t.Fatal("the dialog did not answer")
	}
	return "", nil
}

// TestCommonDialogs opens the real GetOpenFileNameW, GetSaveFileNameW and
// SHBrowseForFolderW dialogs and answers them through their controls:
// a file typed and OK, a name without extension (the filter's is added),
// a folder, and Cancel.
func TestCommonDialogs(t *testing.T) {
	if !(comdlg{}).Available() {
		t.Skip("comdlg32 is not available")
	}
	// Not t.TempDir: under Wine Go's RemoveAll fails ("Invalid
	// function"), which would fail the test after the dialogs passed.
	dir, err := os.MkdirTemp("", "annals-dialogs")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := []Filter{{Name: "Web page", Exts: []string{".html", ".htm"}}}

	ch := runDialog(Request{Kind: Open, Title: "annals test open", Filters: html, Dir: dir})
	answerWith(dialogWindow(t, "", "annals test open"), page, idOK, cmb13, edt1)
	if got, err := waitAnswer(t, ch); err != nil || !strings.EqualFold(got, page) {
		t.Errorf("open chose %q, %v; want %q", got, err, page)
	}

	ch = runDialog(Request{Kind: Save, Title: "annals test save", Name: "annals.zip", Dir: dir,
		Filters: []Filter{{Name: "Zip", Exts: []string{".zip"}}}})
	answerWith(dialogWindow(t, "", "annals test save"), filepath.Join(dir, "library"), idOK, cmb13, edt1)
	if got, err := waitAnswer(t, ch); err != nil || !strings.EqualFold(got, filepath.Join(dir, "library.zip")) {
		t.Errorf("save chose %q, %v; want %q", got, err, filepath.Join(dir, "library.zip"))
	}

	ch = runDialog(Request{Kind: Open, Title: "annals test cancel", Filters: html, Dir: dir})
	answerWith(dialogWindow(t, "", "annals test cancel"), "", idCancel)
	if got, err := waitAnswer(t, ch); err != nil || got != "" {
		t.Errorf("Cancel answered %q, %v", got, err)
	}

	// The folder browser: its caption is the title; the user goes to a
	// folder in its tree (BFFM_SETSELECTION, as the keyboard would) and
	// presses OK.
	ch = runDialog(Request{Kind: Folder, Title: "annals test folder"})
	h := dialogWindow(t, "", "annals test folder")
	d, _ := syscall.UTF16PtrFromString(dir)
	sendMessage.Call(h, bffmSetSelectionW, 1, uintptr(unsafe.Pointer(d)))
	time.Sleep(300 * time.Millisecond)
	postMessage.Call(h, wmCommand, idOK, 0)
	if got, err := waitAnswer(t, ch); err != nil || !strings.EqualFold(strings.TrimSuffix(got, `\`), dir) {
		t.Errorf("folder chose %q, %v; want %q", got, err, dir)
	}
}
