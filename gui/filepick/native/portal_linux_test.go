//go:build linux

package native

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// sessionBus starts a private dbus-daemon for the test and points
// DBUS_SESSION_BUS_ADDRESS at it; skipped without dbus-daemon.
func sessionBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed")
	}
	// A bus of its own, without the system's service files: the real
	// xdg-desktop-portal, if installed, would be started for the name.
	conf := filepath.Join(t.TempDir(), "bus.conf")
	if err := os.WriteFile(conf, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=`+filepath.Dir(conf)+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o644); err != nil {
		t.Fatal(err)
	}
	d := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--print-address")
	out, err := d.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Process.Kill(); d.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr = strings.TrimSpace(addr)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	return addr
}

// fakePortal answers FileChooser calls as xdg-desktop-portal does: the
// call returns the request's object path at once, and the answer comes
// later as that request's Response signal.
type fakePortal struct {
	conn *dbus.Conn
	mu   sync.Mutex
	// what the last call asked
	method, title string
	opts          map[string]dbus.Variant
	// how to answer
	code uint32
	uris []string
}

func (p *fakePortal) answer(method string, sender dbus.Sender, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	p.mu.Lock()
	p.method, p.title, p.opts = method, title, opts
	code, uris := p.code, p.uris
	p.mu.Unlock()
	token, _ := opts["handle_token"].Value().(string)
	handle := dbus.ObjectPath(portalPath + "/request/" + strings.ReplaceAll(strings.TrimPrefix(string(sender), ":"), ".", "_") + "/" + token)
	go func() {
		time.Sleep(100 * time.Millisecond) // the user thinks
		p.conn.Emit(handle, "org.freedesktop.portal.Request.Response", code,
			map[string]dbus.Variant{"uris": dbus.MakeVariant(uris)})
	}()
	return handle, nil
}

// set chooses the next answers.
func (p *fakePortal) set(code uint32, uris ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.code, p.uris = code, uris
}

// asked is what the last call asked.
func (p *fakePortal) asked() (method, title string, opts map[string]dbus.Variant) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.method, p.title, p.opts
}

func (p *fakePortal) OpenFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return p.answer("OpenFile", sender, title, opts)
}

func (p *fakePortal) SaveFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	return p.answer("SaveFile", sender, title, opts)
}

func startFakePortal(t *testing.T, addr string, version uint32) *fakePortal {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	p := &fakePortal{conn: conn}
	if err := conn.Export(p, portalPath, portalFiles); err != nil {
		t.Fatal(err)
	}
	if _, err := prop.Export(conn, portalPath, prop.Map{portalFiles: {"version": {Value: version}}}); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own %s: %v %v", portalName, reply, err)
	}
	return p
}

// TestPortalFileChooser talks to a portal on a real (private) session
// bus: the request's options, the path read from the answer's URI, the
// user's Cancel, a failed backend, and a bus without the portal.
func TestPortalFileChooser(t *testing.T) {
	addr := sessionBus(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	if _, err := (portal{}).Run(ctx, Request{Kind: Open, Title: "x"}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("no portal on the bus: %v, want ErrUnavailable", err)
	}

	p := startFakePortal(t, addr, 3)
	html := []Filter{{Name: "Web page", Exts: []string{".html", ".htm"}}}
	p.set(0, "file:///home/reader/saved%20pages/%D9%85%D9%82%D8%A7%D9%84.html")
	got, err := portal{}.Run(ctx, Request{Kind: Open, Title: "Open a file", Filters: html})
	if want := "/home/reader/saved pages/مقال.html"; err != nil || got != want {
		t.Errorf("open chose %q, %v; want %q", got, err, want)
	}
	if method, title, opts := p.asked(); method != "OpenFile" || title != "Open a file" || !strings.Contains(opts["filters"].String(), `"*.htm"`) || opts["modal"].Value() != true {
		t.Errorf("asked %s %q with %v", method, title, opts)
	}

	p.set(0, "file:///home/reader/library")
	got, err = portal{}.Run(ctx, Request{Kind: Save, Title: "Back up", Name: "annals.annals", Dir: "/home/reader",
		Filters: []Filter{{Name: "Backup", Exts: []string{".annals"}}}})
	if err != nil || got != "/home/reader/library.annals" {
		t.Errorf("save chose %q, %v; want /home/reader/library.annals", got, err)
	}
	if method, _, opts := p.asked(); method != "SaveFile" || opts["current_name"].Value() != "annals.annals" || string(opts["current_folder"].Value().([]byte)) != "/home/reader\x00" {
		t.Errorf("save asked %s with %v", method, opts)
	}

	p.set(0, "file:///home/reader/exports")
	got, err = portal{}.Run(ctx, Request{Kind: Folder, Title: "Export"})
	if _, _, opts := p.asked(); err != nil || got != "/home/reader/exports" || opts["directory"].Value() != true {
		t.Errorf("folder chose %q, %v, asked with %v", got, err, opts)
	}

	p.set(1) // Cancel
	if got, err := (portal{}).Run(ctx, Request{Kind: Open, Title: "x"}); got != "" || err != nil {
		t.Errorf("cancel answered %q, %v", got, err)
	}
	p.set(2) // the backend failed: the next dialog is tried
	if _, err := (portal{}).Run(ctx, Request{Kind: Open, Title: "x"}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("a failed portal answered %v, want ErrUnavailable", err)
	}
}

// TestOldPortalCannotChooseFolders: before version 3 the file chooser
// has no "directory" option; the next dialog is tried.
func TestOldPortalCannotChooseFolders(t *testing.T) {
	addr := sessionBus(t)
	startFakePortal(t, addr, 2)
	if _, err := (portal{}).Run(context.Background(), Request{Kind: Folder}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("folder from a version 2 portal: %v, want ErrUnavailable", err)
	}
}
