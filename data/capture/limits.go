package capture

import "annals/data/article"

// The lengths metadata is cut to live with the article model (data/article);
// capture names them as before.
const (
	MaxTitleRunes   = article.MaxTitleRunes
	MaxBylineRunes  = article.MaxBylineRunes
	MaxSiteRunes    = article.MaxSiteRunes
	MaxExcerptRunes = article.MaxExcerptRunes
	MaxTagRunes     = article.MaxTagRunes
	MaxTags         = article.MaxTags
	MaxNoteRunes    = article.MaxNoteRunes
	MaxURLBytes     = article.MaxURLBytes
)

// Clip cuts s to at most n runes, ending with "…" when it was cut.
func Clip(s string, n int) string { return article.Clip(s, n) }

// clipMetadata applies the caps to a captured Document.
func clipMetadata(d *Document) {
	d.Title = Clip(d.Title, MaxTitleRunes)
	d.Byline = Clip(d.Byline, MaxBylineRunes)
	d.SiteName = Clip(d.SiteName, MaxSiteRunes)
	d.Excerpt = Clip(d.Excerpt, MaxExcerptRunes)
}
