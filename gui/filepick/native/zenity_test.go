//go:build linux

package native

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xserver starts Xvfb on a free display for the test and points DISPLAY
// at it; the test is skipped when Xvfb, xdotool or zenity is missing.
func xserver(t *testing.T) {
	t.Helper()
	for _, p := range []string{"Xvfb", "xdotool", "zenity"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (apt-get install xvfb xdotool zenity)", p)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd: Xvfb picks a free display and writes its number on fd 3.
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb gave no display number")
		}
		t.Setenv("DISPLAY", ":"+n)
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start")
	}
	// dconf wants a session bus; the test has none.
	t.Setenv("GSETTINGS_BACKEND", "memory")
}

// xdo runs xdotool with args.
func xdo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("xdotool %v: %v: %s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// answer runs req through zenity while keys drive the dialog once its
// window, found by its title, is on screen; it returns what Run returned.
func answer(t *testing.T, req Request, keys func(win string)) (string, error) {
	t.Helper()
	type result struct {
		path string
		err  error
	}
	done := make(chan result, 1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	go func() {
		p, err := zenity{}.Run(ctx, req)
		done <- result{p, err}
	}()
	var win string
	for deadline := time.Now().Add(30 * time.Second); win == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+req.Title+"$").Output()
		win = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	if win == "" {
		cancel()
		t.Fatalf("no zenity window titled %q", req.Title)
	}
	// Without a window manager the keyboard goes where the pointer is.
	xdo(t, "mousemove", "--window", win, "200", "200")
	xdo(t, "windowfocus", "--sync", win)
	time.Sleep(300 * time.Millisecond) // the file list fills in
	keys(win)
	select {
	case r := <-done:
		return r.path, r.err
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("zenity did not answer")
	}
	return "", nil
}

// typePath opens the dialog's location box (Ctrl+L) and types path.
func typePath(t *testing.T, path string, replace bool) {
	if replace {
		xdo(t, "key", "ctrl+a")
	} else {
		xdo(t, "key", "ctrl+l")
	}
	time.Sleep(200 * time.Millisecond)
	xdo(t, "type", "--delay", "15", path)
	time.Sleep(300 * time.Millisecond)
	xdo(t, "key", "Return")
}

// TestZenityDialogs drives the real zenity program under Xvfb with
// xdotool as a user would: a path typed and Enter for Open, Save (whose
// missing extension the filter adds) and Folder, and Esc for a cancel.
func TestZenityDialogs(t *testing.T) {
	xserver(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "saved page.html")
	sub := filepath.Join(dir, "exports")
	for _, p := range []string{page, filepath.Join(dir, "other.zip")} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	html := []Filter{{Name: "Web page", Exts: []string{".html", ".htm"}}}
	title := func(what string) string { return fmt.Sprintf("annals test %s %d", what, time.Now().UnixNano()) }

	t.Run("open", func(t *testing.T) {
		got, err := answer(t, Request{Kind: Open, Title: title("open"), Filters: html, Dir: dir, Lang: "ar"},
			func(string) { typePath(t, page, false) })
		if err != nil || got != page {
			t.Errorf("open chose %q, %v; want %q", got, err, page)
		}
	})
	t.Run("save adds the extension", func(t *testing.T) {
		zip := []Filter{{Name: "Zip archive", Exts: []string{".zip"}}}
		got, err := answer(t, Request{Kind: Save, Title: title("save"), Filters: zip, Name: "annals.zip", Dir: dir},
			func(string) { typePath(t, filepath.Join(sub, "library"), true) })
		if want := filepath.Join(sub, "library.zip"); err != nil || got != want {
			t.Errorf("save chose %q, %v; want %q", got, err, want)
		}
		if _, err := os.Stat(filepath.Join(sub, "library.zip")); err == nil {
			t.Error("the save dialog created the file")
		}
	})
	t.Run("folder", func(t *testing.T) {
		got, err := answer(t, Request{Kind: Folder, Title: title("folder"), Dir: dir},
			func(string) { typePath(t, sub+"/", false); time.Sleep(300 * time.Millisecond); xdo(t, "key", "Return") })
		if err != nil || strings.TrimSuffix(got, "/") != sub {
			t.Errorf("folder chose %q, %v; want %q", got, err, sub)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		got, err := answer(t, Request{Kind: Open, Title: title("cancel"), Filters: html, Dir: dir},
			func(string) { xdo(t, "key", "Escape") })
		if err != nil || got != "" {
			t.Errorf("Esc answered %q, %v; want nothing", got, err)
		}
	})
}
