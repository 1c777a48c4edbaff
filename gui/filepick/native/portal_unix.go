//go:build !windows && !darwin

package native

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/godbus/dbus/v5"
)

// portal is the FileChooser of xdg-desktop-portal: the desktop's own
// dialog (GNOME's, KDE's…), also from inside Flatpak and Snap sandboxes.
// https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.FileChooser.html
type portal struct{}

const (
	portalName  = "org.freedesktop.portal.Desktop"
	portalPath  = "/org/freedesktop/portal/desktop"
	portalFiles = "org.freedesktop.portal.FileChooser"
)

func (portal) Name() string { return "xdg-desktop-portal" }

// available: a session bus to ask; whether the portal is on it is known
// only by asking (run says ErrUnavailable).
func (portal) Available() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	_, err := os.Stat(filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), "bus"))
	return os.Getenv("XDG_RUNTIME_DIR") != "" && err == nil
}

// portalRule is one (kind, pattern) of a filter: kind 0 is a glob.
type portalRule struct {
	Kind    uint32
	Pattern string
}

type portalFilter struct {
	Name  string
	Rules []portalRule
}

func (p portal) Run(ctx context.Context, req Request) (string, error) {
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("%w: session bus: %v", ErrUnavailable, err)
	}
	defer conn.Close()
	if !portalPresent(conn) {
		return "", fmt.Errorf("%w: no %s on the session bus", ErrUnavailable, portalName)
	}
	obj := conn.Object(portalName, portalPath)
	var version uint32
	if v, err := obj.GetProperty(portalFiles + ".version"); err != nil {
		return "", fmt.Errorf("%w: the portal has no file chooser: %v", ErrUnavailable, err)
	} else if version, _ = v.Value().(uint32); req.Kind == Folder && version < 3 {
		return "", fmt.Errorf("%w: file chooser version %d cannot choose folders", ErrUnavailable, version)
	}

	token := newToken()
	// The answer comes as a Response signal on a request object whose
	// path the portal derives from our bus name and the token; listen
	// before asking so that a quick answer is not lost.
	sender := strings.ReplaceAll(strings.TrimPrefix(conn.Names()[0], ":"), ".", "_")
	expected := dbus.ObjectPath(portalPath + "/request/" + sender + "/" + token)
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	listen := func(path dbus.ObjectPath) error {
		return conn.AddMatchSignal(dbus.WithMatchObjectPath(path),
			dbus.WithMatchInterface("org.freedesktop.portal.Request"), dbus.WithMatchMember("Response"))
	}
	if err := listen(expected); err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnavailable, err)
	}

	opts := map[string]dbus.Variant{
		"handle_token": dbus.MakeVariant(token),
		"modal":        dbus.MakeVariant(true),
	}
	var filters []portalFilter
	for _, f := range req.Filters {
		pf := portalFilter{Name: f.label()}
		for _, pat := range f.patterns() {
			pf.Rules = append(pf.Rules, portalRule{0, pat})
		}
		filters = append(filters, pf)
	}
	if len(filters) > 0 && req.Kind != Folder {
		opts["filters"] = dbus.MakeVariant(filters)
		opts["current_filter"] = dbus.MakeVariant(filters[0])
	}
	if req.Dir != "" {
		opts["current_folder"] = dbus.MakeVariant(append([]byte(req.Dir), 0))
	}
	method := portalFiles + ".OpenFile"
	switch req.Kind {
	case Save:
		method = portalFiles + ".SaveFile"
		if req.Name != "" {
			opts["current_name"] = dbus.MakeVariant(req.Name)
		}
	case Folder:
		opts["directory"] = dbus.MakeVariant(true)
	}
	window := ""
	if req.Parent != 0 && os.Getenv("DISPLAY") != "" {
		window = fmt.Sprintf("x11:%x", req.Parent)
	}
	var handle dbus.ObjectPath
	if err := obj.CallWithContext(ctx, method, 0, window, req.Title, opts).Store(&handle); err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrUnavailable, method, err)
	}
	if handle != expected { // portals before version 0.9 chose their own path
		if err := listen(handle); err != nil {
			return "", fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
	}
	for {
		select {
		case <-ctx.Done():
			conn.Object(portalName, handle).Call("org.freedesktop.portal.Request.Close", 0)
			return "", ctx.Err()
		case s, ok := <-signals:
			if !ok {
				return "", fmt.Errorf("the session bus closed while the file dialog was open")
			}
			if s.Path != handle || s.Name != "org.freedesktop.portal.Request.Response" || len(s.Body) < 2 {
				continue
			}
			return portalAnswer(s.Body, req)
		}
	}
}

// portalAnswer reads a Response: 0 chosen, 1 cancelled, 2 failed (a
// backend without a file chooser, say: the next dialog is tried).
func portalAnswer(body []any, req Request) (string, error) {
	code, _ := body[0].(uint32)
	results, _ := body[1].(map[string]dbus.Variant)
	switch code {
	case 0:
	case 1:
		return "", nil
	default:
		return "", fmt.Errorf("%w: the portal answered %d", ErrUnavailable, code)
	}
	uris, _ := results["uris"].Value().([]string)
	if len(uris) == 0 {
		return "", nil
	}
	u, err := url.Parse(uris[0])
	if err != nil || u.Scheme != "file" {
		return "", fmt.Errorf("the file dialog chose %q, not a local file", uris[0])
	}
	return withExt(u.Path, req), nil
}

// portalPresent: the portal runs, or the bus can start it.
func portalPresent(conn *dbus.Conn) bool {
	bus := conn.BusObject()
	var has bool
	if bus.Call("org.freedesktop.DBus.NameHasOwner", 0, portalName).Store(&has) == nil && has {
		return true
	}
	var names []string
	if bus.Call("org.freedesktop.DBus.ListActivatableNames", 0).Store(&names) != nil {
		return false
	}
	for _, n := range names {
		if n == portalName {
			return true
		}
	}
	return false
}

func newToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "annals_" + hex.EncodeToString(b)
}
