package gui

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"annals/assets"
	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
)

func (m *MainWindow) askLink() {
	entry := widgets.NewEntry()
	entry.SetPlaceHolder(i18n.T("https://…"))
	if clip := m.clipboardLink(); clip != "" {
		entry.SetText(clip)
	}
	// Only a web link counts: widget.Entry showed a green tick for any
	// text at all. (A saved page is added with Open file….)
	entry.Validator = func(s string) error {
		if !IsWebLink(s) {
			return errors.New(i18n.T("Paste the link of an article, starting with https://"))
		}
		return nil
	}
	m.showForm(i18n.T("Add link"), i18n.T("Save"), []formField{{i18n.T("Link"), entry}}, fyne.NewSize(560, 160), func() {
		m.Add(strings.TrimSpace(entry.Text))
	})
	m.Window.Canvas().Focus(entry)
}

// clipboardLink offers a link the user has just copied.
func (m *MainWindow) clipboardLink() string {
	cb := fyne.CurrentApp().Clipboard()
	if cb == nil {
		return ""
	}
	if s := strings.TrimSpace(cb.Content()); IsWebLink(s) {
		return s
	}
	return ""
}

// IsWebLink reports whether s is an http(s) link with a host and nothing
// else: the only thing Add link can save.
func IsWebLink(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.HasPrefix(u.Host, ".")
}

func (m *MainWindow) askFile() {
	m.pickFile([]string{".html", ".htm"}, func(path string) { m.Add(path) })
}

// dropped accepts saved pages and links dragged onto the window.
func (m *MainWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	var items []string
	for _, u := range uris {
		switch u.Scheme() {
		case "http", "https":
			items = append(items, u.String())
		case "file":
			p := u.Path()
			// Some desktops hand a dragged browser link over as a file path.
			if i := strings.Index(p, "http"); i >= 0 && strings.Contains(p[i:], "://") {
				items = append(items, p[i:])
			} else {
				items = append(items, p)
			}
		}
	}
	if len(items) > 0 {
		m.Add(items...)
	}
}

// Add saves links or files in the background, showing progress; when one
// article is saved it is opened.
func (m *MainWindow) Add(items ...string) {
	job := m.lib.Add(context.Background(), items...)
	m.jobs.track(job, func(res library.Result, err error) {
		if m.onJobDone != nil {
			defer m.onJobDone()
		}
		if len(res.IDs) == 1 && len(items) == 1 {
			m.Reader.Open(res.IDs[0])
		}
		if err != nil {
			if library.Classify(err).Kind == library.ErrorCanceled { // context.Canceled or a canceled fetch
				return
			}
			m.showError(i18n.T("Could not save the article"), err)
			return
		}
		if len(res.Failed) > 0 {
			m.showError(i18n.T("Some articles were not saved"), &failures{list: res.Failed, of: len(items)})
		}
	})
}

// addSamples saves the bundled sample articles (one Arabic, one English),
// so a new user sees what Annals does without hunting for a link.
func (m *MainWindow) addSamples() {
	entries, err := assets.Samples.ReadDir("samples")
	if err != nil {
		m.showError(i18n.T("Could not add the samples"), err)
		return
	}
	var pages []library.Page
	for _, e := range entries {
		data, err := assets.Samples.ReadFile("samples/" + e.Name())
		if err != nil {
			m.showError(i18n.T("Could not add the samples"), err)
			return
		}
		pages = append(pages, library.Page{URL: "https://example.invalid/samples/" + e.Name(), HTML: data})
	}
	m.jobs.track(m.lib.AddPages(context.Background(), pages...), func(res library.Result, err error) {
		if m.onJobDone != nil {
			defer m.onJobDone()
		}
		if err != nil {
			m.showError(i18n.T("Could not add the samples"), err)
			return
		}
		if len(res.IDs) > 0 {
			m.Reader.Open(res.IDs[0])
		}
	})
}

// askImport imports an export from another read-it-later app: pick the
// file, see what it holds (format, items, tags), then import; the pages
// are fetched in the background afterwards.
func (m *MainWindow) askImport() {
	m.pickFile(nil, func(path string) {
		go func() {
			p, err := library.PreviewImport(context.Background(), path, "auto")
			fynedo.Do(func() {
				if err != nil {
					m.showError(i18n.T("This file cannot be imported"), err)
					return
				}
				tags := strings.Join(p.Tags, i18n.T(", "))
				if len(p.Tags) > 12 {
					tags = strings.Join(p.Tags[:12], i18n.T(", ")) + "…"
				}
				msg := i18n.T("Format: %s\nArticles: %d (%d different links)\nTags: %s", p.Format, p.Items, p.Unique, tags)
				confirmIn(m.Window, i18n.T("Import"), msg, i18n.T("Import"), func() { m.runImport(path) })
			})
		}()
	})
}

func (m *MainWindow) runImport(path string) {
	m.jobs.track(m.lib.Import(context.Background(), path), func(res library.Result, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			title, shown := importFailure(len(res.IDs), err)
			if shown != err {
				m.log.WithError(err).Warn("the import stopped partway")
			}
			m.showError(title, shown)
			if len(res.IDs) == 0 {
				return
			}
		}
		// The articles exist now, by title and link; fetch their pages.
		m.jobs.track(m.lib.FetchPending(context.Background()), func(res library.Result, err error) {
			if len(res.Failed) > 0 {
				m.showError(i18n.T("Some articles were not saved"), said(i18n.T("%d pages could not be fetched; they stay in the library with their links.", len(res.Failed))))
			}
		})
	})
}

// retryFailed fetches again the pages of imported articles that failed.
func (m *MainWindow) retryFailed() {
	m.jobs.track(m.lib.RetryFailed(context.Background()), func(res library.Result, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			m.showError(i18n.T("Some articles were not saved"), err)
			return
		}
		if len(res.Failed) > 0 {
			m.showError(i18n.T("Some articles were not saved"), said(i18n.T("%d pages could not be fetched; they stay in the library with their links.", len(res.Failed))))
		}
	})
}

// importFailure is what the reader is told when an import ends with err
// after saved articles were stored. The import saves its pages in batches
// as they come, so a problem partway (disk full, a locked library) keeps
// what was saved before it: that is said, with how many, and those pages
// are still fetched.
func importFailure(saved int, err error) (title string, shown error) {
	if saved == 0 {
		return i18n.T("The import failed; nothing was imported"), err
	}
	return i18n.T("The import stopped partway"),
		said(i18n.N("{n} articles were imported before the problem; the others were not. Importing the same file again adds the rest.", saved))
}
