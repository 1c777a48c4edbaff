package gui

import (
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"annals/data/library"
	"annals/gui/browserhelp"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"
	"annals/internal/buildinfo"
)

// bridges holds each window's endpoint for the browser button, so the
// menu items can reach it without a field in MainWindow.
var bridges sync.Map // *MainWindow → *library.BridgeServer

// startBridge opens the endpoint the "Save to Annals" browser button sends
// pages to, for as long as the window is open; stop closes it. A busy port
// range or a read-only library leaves the button off, which the log says;
// the window works as before.
func (m *MainWindow) startBridge(ports []int) (stop func()) {
	if m.lib.ReadOnly() {
		return func() {}
	}
	var srv *library.BridgeServer
	srv, err := m.lib.StartBridge(library.BridgeOptions{Version: buildinfo.Version, Ports: ports, OnPair: func(p library.Pairing) {
		fynedo.Do(func() { m.showPairing(srv, p) })
	}})
	if err != nil {
		m.log.WithError(err).Warn("the browser button cannot reach Annals")
		return func() {}
	}
	bridges.Store(m, srv)
	return func() {
		bridges.Delete(m)
		srv.Close()
	}
}

// showPairing asks the reader whether a browser may save pages, with the
// code the browser shows too: a page pretending to be the extension
// cannot make the two match.
func (m *MainWindow) showPairing(srv *library.BridgeServer, p library.Pairing) {
	code := canvas.NewText(p.Code, theme.Color(theme.ColorNameForeground))
	code.TextSize = 2.4 * theme.TextSize()
	code.TextStyle = fyne.TextStyle{Bold: true}
	code.Alignment = fyne.TextAlignCenter
	var d *dialog.CustomDialog
	answer := func(allow bool) {
		d.Hide()
		var err error
		if allow {
			err = srv.Allow(p.Code)
		} else {
			err = srv.Deny(p.Code)
		}
		if err != nil {
			m.log.WithError(err).Warn("answer a pairing request")
			m.showError(i18n.T("Could not answer the browser"), err)
		}
	}
	deny := widget.NewButtonWithIcon(i18n.T("Don't allow"), theme.CancelIcon(), func() { answer(false) })
	allow := widget.NewButtonWithIcon(i18n.T("Allow"), theme.ConfirmIcon(), func() { answer(true) })
	allow.Importance = widget.HighImportance
	d = m.newDialog(i18n.T("Allow this browser to save pages to Annals?"), container.NewVBox(
		paragraph(i18n.T("%s asks to save the pages you choose into your library.", i18n.Isolate(p.Browser))),
		code,
		paragraph(i18n.T("Allow only if the browser shows the same code.")),
	), deny, allow)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	if pairingShown != nil {
		pairingShown(d)
	}
}

// paragraph is wrapped text read in the interface's direction (the bidi
// label: "يطلب Chromium …" keeps the Latin name in place).
func paragraph(text string) *widgets.Label {
	l := widgets.NewLabel(text)
	l.Wrap = true
	if i18n.RTL() {
		l.Direction = widgets.DirRTL
	}
	return l
}

// showPairedBrowsers lists the browsers that can save pages, each with a
// button that unpairs it at once.
func (m *MainWindow) showPairedBrowsers() {
	v, ok := bridges.Load(m)
	if !ok {
		m.showNote(i18n.T("Browsers that can save pages"), i18n.T("The browser button is off: another program holds its port, or the library is read-only."))
		return
	}
	srv := v.(*library.BridgeServer)
	list := container.NewVBox()
	var fill func()
	fill = func() {
		list.RemoveAll()
		bs := srv.Browsers()
		if len(bs) == 0 {
			list.Add(paragraph(i18n.T("No browser is paired yet. Add the \"Save to Annals\" button to your browser and press it once.")))
		}
		for _, b := range bs {
			b := b
			when := paragraph(i18n.T("%s, paired on %s", i18n.Isolate(b.Name), i18n.Digits(b.Paired.Local().Format("2006-01-02"))))
			remove := widget.NewButton(i18n.T("Remove"), func() {
				if err := srv.Revoke(b.ID); err != nil {
					m.showError(i18n.T("Could not remove the browser"), err)
				}
				fill()
			})
			if i18n.RTL() {
				list.Add(container.NewBorder(nil, nil, remove, nil, when))
			} else {
				list.Add(container.NewBorder(nil, nil, nil, remove, when))
			}
		}
		list.Refresh()
	}
	fill()
	d := m.showNote(i18n.T("Browsers that can save pages"), list)
	d.Resize(fyne.NewSize(460, 220))
}

// showNote shows body (a text or widgets) under title with a Close button.
func (m *MainWindow) showNote(title string, body any) *dialog.CustomDialog {
	var content fyne.CanvasObject
	switch b := body.(type) {
	case string:
		content = paragraph(b)
	case fyne.CanvasObject:
		content = b
	}
	var d *dialog.CustomDialog
	d = m.newDialog(title, content, widget.NewButton(i18n.T("Close"), func() { d.Hide() }))
	d.Show()
	return d
}

// addBrowserMenuItems puts the browser button's entries in the Settings
// and Help menus.
func (m *MainWindow) addBrowserMenuItems(settings, help *fyne.Menu) {
	settings.Items = append(settings.Items, fyne.NewMenuItem(i18n.T("Browsers that can save pages…"), m.showPairedBrowsers))
	help.Items = append(help.Items, fyne.NewMenuItem(i18n.T("Add the browser button…"), m.showBrowserHelp))
}

// showBrowserHelp tells a reader, in plain steps, how to add the button
// to Chrome, Edge or Firefox today (before it is in their stores).
func (m *MainWindow) showBrowserHelp() {
	sections := browserHelpSections()
	// The bidi label draws one line: each step is its own paragraph, so
	// a step that mixes Arabic and a chrome:// address keeps its order.
	steps := container.NewVBox()
	for i, sec := range sections {
		if i > 0 {
			steps.Add(widget.NewSeparator())
		}
		for _, line := range strings.Split(sec, "\n") {
			steps.Add(paragraph(line))
		}
	}
	var d *dialog.CustomDialog
	guide := widget.NewButtonWithIcon(i18n.T("Open the guide with pictures"), theme.DocumentIcon(), func() {
		index, err := browserhelp.Write(filepath.Dir(m.lib.DBPath()), guidePage(sections))
		if err == nil {
			err = fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(index)})
		}
		if err != nil {
			m.log.WithError(err).Warn("open the browser button guide")
			m.showError(i18n.T("Could not open the guide"), err)
		}
	})
	d = m.newDialog(i18n.T("Add the browser button"), container.NewVScroll(steps),
		widget.NewButton(i18n.T("Close"), func() { d.Hide() }), guide)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}

// browserHelpSections is the help's text: an introduction, then the
// steps for Chromium browsers, for Firefox, and pairing.
func browserHelpSections() []string {
	return []string{
		i18n.T("\"Save to Annals\" is a button for your browser: press it on a page you are reading and Annals keeps the page exactly as you see it, even behind a login."),
		i18n.T("Chrome or Edge:\n1. Unzip annals-browser-%s.zip into a folder you keep.\n2. Open chrome://extensions (in Edge: edge://extensions) and turn on Developer mode.\n3. Press \"Load unpacked\" and choose that folder.\n4. Pin the Annals button to the toolbar.", buildinfo.Version),
		i18n.T("Firefox:\n1. Open about:debugging, then \"This Firefox\".\n2. Press \"Load Temporary Add-on…\" and choose annals-browser-%s.xpi. Firefox forgets it when it closes, until the button is signed by Mozilla.", buildinfo.Version),
		i18n.T("Then press the button once, with Annals open: Annals asks whether to allow the browser. Allow it if both show the same code."),
	}
}

// guidePage is the help dialog's text as the illustrated page: the first
// line of each section its heading, the numbered lines its steps, with
// the pictures of the Chromium steps and of pairing.
func guidePage(sections []string) browserhelp.Page {
	p := browserhelp.Page{Lang: i18n.Lang(), RTL: i18n.RTL(), Title: i18n.T("Add the browser button"), Intro: sections[0]}
	pictures := [][]string{nil, {"chrome-extensions.png", "toolbar.png"}, nil, {"pairing.png"}}
	for i, sec := range sections[1:] {
		lines := strings.Split(sec, "\n")
		s := browserhelp.Section{Heading: lines[0], Images: pictures[i+1]}
		for _, l := range lines[1:] {
			s.Steps = append(s.Steps, strings.TrimLeft(l, "0123456789. "))
		}
		p.Sections = append(p.Sections, s)
	}
	return p
}

// pairingShown, when set (tests), is told of each pairing dialog shown.
var pairingShown func(dialog.Dialog)
