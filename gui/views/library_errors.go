package views

import (
	"strconv"

	"annals/data/library"
	"annals/gui/i18n"
)

// ErrorMessage says in the interface's language why err happened. The data
// packages' Error() is English, written for the log; the interface maps
// the kind of failure to a translated sentence instead, so the Arabic
// interface never shows an English message.
func ErrorMessage(err error) string {
	info := library.Classify(err)
	site := i18n.Isolate(info.Site)
	if site == "" {
		site = i18n.T("the site")
	}
	switch info.Kind {
	case library.ErrorCanceled:
		return i18n.T("It was canceled.")
	case library.ErrorBadURL:
		return i18n.T("That web address is not valid.")
	case library.ErrorNetwork:
		return i18n.T("Annals could not reach %s; check your internet connection.", site)
	case library.ErrorTimeout:
		return i18n.T("%s did not answer in time; try again later.", site)
	case library.ErrorNotFoundOnSite:
		return i18n.T("That page is not there any more (the site answered “not found”).")
	case library.ErrorForbidden:
		return i18n.T("The site would not show the page; it may need a login or a subscription.")
	case library.ErrorHTTPStatus:
		return i18n.T("The site answered with an error (%s); try again later.", i18n.Digits(strconv.Itoa(info.Status)))
	case library.ErrorNotHTML:
		if info.File {
			return i18n.T("That file is not a saved web page.")
		}
		return i18n.T("That link does not point to an article.")
	case library.ErrorTooLarge:
		return i18n.T("It is too large; Annals stops there to protect your computer.")
	case library.ErrorEmpty:
		return i18n.T("It is empty.")
	case library.ErrorNoArticle:
		if info.File {
			return i18n.T("Annals could not find any article text in this file.")
		}
		return i18n.T("Annals could not find any article text on this page; it may need JavaScript or a login.")
	case library.ErrorFileMissing:
		return i18n.T("The file is not there any more.")
	case library.ErrorFilePermission:
		return i18n.T("Annals is not allowed to open that file or folder.")
	case library.ErrorDiskFull:
		return i18n.T("The disk is full.")
	case library.ErrorFile:
		return i18n.T("The file could not be read or written.")
	case library.ErrorTooManyRedirects:
		return i18n.T("The link keeps redirecting, so Annals gave up; the page may be broken.")
	case library.ErrorUnknownFormat:
		return i18n.T("This file is not an export Annals can read (Pocket, Instapaper, wallabag, Omnivore, Readwise Reader, Karakeep or browser bookmarks).")
	case library.ErrorDamagedFile:
		return i18n.T("The file is damaged.")
	case library.ErrorNoSuchArticle:
		return i18n.T("That article is no longer in the library.")
	case library.ErrorBusy:
		return i18n.T("Annals is already doing that; wait for it to finish.")
	case library.ErrorLibraryLocked:
		return i18n.T("Another program is writing to the library right now; try again in a moment.")
	case library.ErrorReadOnly:
		return i18n.T("The library is read-only: its folder cannot be written, so nothing can be changed.")
	case library.ErrorLibraryDamaged:
		return i18n.T("The library file is damaged; no backup was made and the earlier backups were kept.")
	}
	return i18n.T("Something went wrong inside Annals. Help › Report a problem says where the log with the details is.")
}
