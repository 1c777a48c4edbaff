package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"annals/data/library"
	"annals/gui/filepick"
	"annals/gui/i18n"
)

// exportChoice is one way of writing the library out, as the File menu
// offers it.
type exportChoice struct {
	label  string // shown, translated
	format string // library.ExportFormats name
	file   string // suggested file name; "" for a folder
}

func exportChoices() []exportChoice {
	return []exportChoice{
		{i18n.T("Markdown files, one per article (a folder)"), "markdown", ""},
		{i18n.T("E-book (EPUB)"), "epub", "annals.epub"},
		{i18n.T("Spreadsheet (CSV)"), "csv", "annals.csv"},
		{i18n.T("Browser bookmarks (HTML)"), "netscape", "annals-bookmarks.html"},
	}
}

// askExport writes every article out in a format the user picks. The
// writing runs as a job: an export of a large library takes a while.
func (m *MainWindow) askExport() {
	choices := exportChoices()
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	m.pick(i18n.T("Export the library"), labels, func(i int) {
		c := choices[i]
		if c.file == "" {
			req := filepick.Request{Kind: filepick.Folder, Title: i18n.T("Export the library")}
			filepick.New(m.Window, m.log).Choose(req, func(dir string, err error) {
				if err != nil {
					m.showError(i18n.T("Could not export the library"), err)
					return
				}
				if dir != "" {
					m.runExport(c.format, filepath.Join(dir, i18n.T("Annals articles")), false)
				}
			})
			return
		}
		m.saveAs(i18n.T("Export the library"), c.file, c.label, func(path string) { m.runExport(c.format, path, true) })
	})
}

func (m *MainWindow) runExport(format, out string, file bool) {
	var n int
	m.runTransfer(transferJob{
		stage: library.StageExporting, item: out, title: i18n.T("Export the library"),
		failed: i18n.T("Could not export the library"), removeEmpty: file,
		run: func(ctx context.Context) (err error) {
			n, err = m.lib.ExportArticles(ctx, format, out)
			return err
		},
		done: func() string { return i18n.T("%d articles written to %s.", n, i18n.IsolatePath(out)) },
	})
}

// transferJob is one export, backup or restore: run as a job, then a
// dialog saying what it did, or why it failed.
type transferJob struct {
	stage         library.Stage
	item          string // the file or folder written or read
	title, failed string // the dialogs' titles
	removeEmpty   bool   // item is a file the job writes: remove it if the job fails and left it empty
	run           func(ctx context.Context) error
	done          func() string // what was done, once run has returned
}

func (m *MainWindow) runTransfer(t transferJob) {
	m.jobs.track(m.lib.RunJob(context.Background(), t.stage, t.item, t.run), func(_ library.Result, err error) {
		defer m.jobShown()
		if err != nil {
			if t.removeEmpty {
				removeIfEmpty(t.item)
			}
			if !errors.Is(err, context.Canceled) {
				m.showError(t.failed, err)
			}
			return
		}
		informIn(m.Window, t.title, t.done())
	})
}

// askBackup writes the whole library to one .annals file.
func (m *MainWindow) askBackup() {
	m.saveAs(i18n.T("Back up the library"), fmt.Sprintf("annals-%s.annals", time.Now().Format("2006-01-02")), i18n.T("Annals backup"), m.runBackup)
}

func (m *MainWindow) runBackup(path string) {
	var info library.BackupInfo
	m.runTransfer(transferJob{
		stage: library.StageBackingUp, item: path, title: i18n.T("Back up the library"),
		failed: i18n.T("Could not back up the library"), removeEmpty: true,
		run: func(ctx context.Context) (err error) {
			info, err = m.lib.Backup(ctx, path)
			return err
		},
		done: func() string {
			return i18n.T("%d articles and %d images backed up to %s (%.1f MB).", info.Articles, info.Images, i18n.IsolatePath(info.Path), float64(info.Size)/1e6)
		},
	})
}

// askRestore merges a backup into the library, after saying what it does.
func (m *MainWindow) askRestore() {
	m.pickFile([]string{".annals"}, func(path string) {
		msg := i18n.T("The articles of %s are added to this library. Articles already here keep their text and gain the backup's tags, flags and highlights. Nothing is deleted.", i18n.Isolate(filepath.Base(path)))
		confirmIn(m.Window, i18n.T("Restore from a backup"), msg, i18n.T("Restore"), func() { m.runRestore(path) })
	})
}

func (m *MainWindow) runRestore(path string) {
	var res library.RestoreResult
	m.runTransfer(transferJob{
		stage: library.StageRestoring, item: path, title: i18n.T("Restore from a backup"),
		failed: i18n.T("Could not restore the backup; the library is unchanged"),
		run: func(ctx context.Context) (err error) {
			res, err = m.lib.Restore(ctx, path)
			return err
		},
		done: func() string {
			return i18n.T("%d articles added, %d already here; %d highlights; %d feeds followed.", res.Articles, res.Merged, res.Highlights, res.Feeds)
		},
	})
}

// jobShown tells tests a job's outcome is on screen.
func (m *MainWindow) jobShown() {
	if m.onJobDone != nil {
		m.onJobDone()
	}
}

// saveAs asks where to write a file, suggesting name, with a filter of
// its extension called kind ("E-book (EPUB)"). The system's dialog does
// not create the file (Fyne's, the last fallback, creates it empty); the
// writers write it whole once done.
func (m *MainWindow) saveAs(title, name, kind string, then func(path string)) {
	req := filepick.Request{Kind: filepick.Save, Title: title, Name: name}
	if ext := filepath.Ext(name); ext != "" {
		req.Filters = []filepick.Filter{{Name: kind, Exts: []string{ext}}}
	}
	filepick.New(m.Window, m.log).Choose(req, func(path string, err error) {
		if err != nil {
			m.showError(i18n.T("Could not write the file"), err)
			return
		}
		if path != "" {
			then(path)
		}
	})
}

// removeIfEmpty removes the empty file a save dialog made for a write that
// then failed, and leaves anything else alone.
func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}
