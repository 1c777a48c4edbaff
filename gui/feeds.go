package gui

import (
	"context"
	"errors"
	"strings"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/views"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// feedsWindow manages subscriptions: add a feed, refresh, remove, and save
// items of feeds that list new items rather than saving them.
type feedsWindow struct {
	m      *MainWindow
	win    fyne.Window
	feeds  []library.Feed
	items  []library.FeedItem
	list   *widget.List
	itemsL *widget.List
	status *widgets.Label
	chosen int64
}

// showFeeds opens the Feeds window.
func (m *MainWindow) showFeeds() {
	f := &feedsWindow{m: m, win: fyne.CurrentApp().NewWindow(i18n.T("Feeds"))}
	f.status = widgets.NewLabel("")
	f.status.Wrap = true
	f.status.Importance = widget.LowImportance
	f.list = widget.NewList(func() int { return len(f.feeds) }, func() fyne.CanvasObject {
		t := widgets.NewLabel("")
		t.Bold = true
		t.Truncate = true
		info := widgets.NewLabel("")
		info.Importance = widget.LowImportance
		info.Truncate = true
		return container.NewVBox(t, info)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		fd := f.feeds[i]
		c := o.(*fyne.Container)
		title := fd.Title
		if title == "" {
			title = fd.URL
		}
		c.Objects[0].(*widgets.Label).SetText(title)
		info := i18n.T("%d new", fd.Unsaved)
		if fd.AutoSave {
			info = i18n.T("saved automatically")
		}
		if fd.LastError != "" {
			info = fd.LastError
		}
		c.Objects[1].(*widgets.Label).SetText(info)
	})
	f.list.OnSelected = func(i widget.ListItemID) { f.chosen = f.feeds[i].ID; f.loadItems() }
	f.itemsL = widget.NewList(func() int { return len(f.items) }, func() fyne.CanvasObject {
		save := widget.NewButtonWithIcon(i18n.T("Save"), theme.DownloadIcon(), nil)
		return container.NewBorder(nil, nil, nil, save, widgets.NewParagraph(nil, widgets.DirAuto))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		it := f.items[i]
		c := o.(*fyne.Container)
		c.Objects[0].(*widgets.Paragraph).SetSpans([]widgets.Span{{Text: shortTitle(it.Title, 70)}})
		save := c.Objects[1].(*widget.Button)
		if it.ArticleID != 0 {
			save.SetText(i18n.T("Saved"))
			save.Disable()
			return
		}
		save.SetText(i18n.T("Save"))
		save.Enable()
		save.OnTapped = func() {
			m.jobs.track(m.lib.SaveFeedItem(context.Background(), it.ID), func(_ library.Result, err error) {
				if err != nil {
					m.showError(i18n.T("Could not save the article"), err)
				}
				f.loadItems()
			})
		}
	})
	add := widget.NewButtonWithIcon(i18n.T("Add a feed…"), theme.ContentAddIcon(), f.askAdd)
	add.Importance = widget.HighImportance
	refresh := widget.NewButtonWithIcon(i18n.T("Check for new articles"), theme.ViewRefreshIcon(), f.refresh)
	remove := widget.NewButtonWithIcon(i18n.T("Unsubscribe"), theme.DeleteIcon(), f.remove)
	left := container.NewBorder(container.NewVBox(add, refresh), container.NewVBox(remove, f.status), nil, nil, f.list)
	split := container.NewHSplit(left, f.itemsL)
	split.Offset = 0.38
	f.win.SetContent(split)
	f.win.Resize(fyne.NewSize(900, 560))
	f.win.Show()
	f.load()
}

func shortTitle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

func (f *feedsWindow) load() {
	go func() {
		feeds, err := f.m.lib.Feeds(context.Background())
		fynedo.Do(func() {
			if err != nil {
				f.status.SetText(views.ErrorMessage(err))
				return
			}
			f.feeds = feeds
			f.list.Refresh()
			if len(feeds) == 0 {
				f.status.SetText(i18n.T("No feeds yet. Add the address of a site or of its RSS feed."))
			} else {
				f.status.SetText("")
			}
		})
	}()
}

func (f *feedsWindow) loadItems() {
	id := f.chosen
	go func() {
		items, err := f.m.lib.FeedItems(context.Background(), id)
		fynedo.Do(func() {
			if err == nil && id == f.chosen {
				f.items = items
				f.itemsL.Refresh()
			}
		})
	}()
}

func (f *feedsWindow) askAdd() {
	entry := widgets.NewEntry()
	entry.SetPlaceHolder(i18n.T("https://…"))
	auto := widget.NewCheck(i18n.T("Save new articles automatically"), nil)
	d := dialog.NewForm(i18n.T("Add a feed"), i18n.T("Add"), i18n.T("Cancel"), []*widget.FormItem{
		widget.NewFormItem(i18n.T("Address"), entry),
		widget.NewFormItem("", auto),
	}, func(ok bool) {
		if !ok || strings.TrimSpace(entry.Text) == "" {
			return
		}
		u, autoSave := strings.TrimSpace(entry.Text), auto.Checked
		f.status.SetText(i18n.T("Checking %s…", i18n.IsolatePath(u)))
		go func() {
			fd, err := f.m.lib.Subscribe(context.Background(), u, autoSave)
			fynedo.Do(func() {
				if err != nil {
					f.status.SetText("")
					showErrorIn(f.win, i18n.T("Could not subscribe"), err)
					return
				}
				f.status.SetText(i18n.T("Subscribed to %s.", i18n.Isolate(fd.Title)))
				f.m.jobs.track(f.m.lib.RefreshFeeds(context.Background(), fd.ID), func(library.Result, error) { f.load() })
				f.load()
			})
		}()
	}, f.win)
	d.Resize(fyne.NewSize(520, 200))
	entry.OnSubmitted = func(string) { d.Submit() } // Enter adds, as in widget.Entry
	d.Show()
}

func (f *feedsWindow) refresh() {
	f.m.jobs.track(f.m.lib.RefreshFeeds(context.Background()), func(res library.Result, err error) {
		if err != nil && !errors.Is(err, library.ErrRefreshRunning) {
			f.status.SetText(views.ErrorMessage(err))
		} else {
			f.status.SetText(i18n.T("%d new articles saved.", len(res.IDs)))
		}
		f.load()
		if f.chosen != 0 {
			f.loadItems()
		}
	})
}

func (f *feedsWindow) remove() {
	id := f.chosen
	if id == 0 {
		return
	}
	confirmIn(f.win, i18n.T("Unsubscribe"), i18n.T("Stop following this feed? Articles already saved stay in your library."), i18n.T("Unsubscribe"), func() {
		go func() {
			err := f.m.lib.Unsubscribe(context.Background(), id)
			fynedo.Do(func() {
				if err != nil {
					showErrorIn(f.win, i18n.T("Could not unsubscribe"), err)
				}
				f.chosen = 0
				f.items = nil
				f.itemsL.Refresh()
				f.load()
			})
		}()
	})
}
