package capture

import (
	"context"
	"strings"
	"testing"
)

// An old portal laid out with a table: a menu cell, the story cell with
// its paragraphs as <br>-separated text, and a cell of news briefs.
func TestTableLayoutPicksTheStoryCell(t *testing.T) {
	var menu, briefs strings.Builder
	for i := range 25 {
		menu.WriteString(`<a href="/s` + strings.Repeat("x", i+1) + `">Section of the portal</a><br>`)
	}
	for i := range 6 {
		briefs.WriteString(`<p><a href="/b` + strings.Repeat("y", i+1) + `">A brief from the region, one line long</a> and two words.</p>`)
	}
	story := `<font size="4"><b>Council closes the old bridge</b></font><br><br>` +
		`The city council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers.<br><br>` +
		`The mayor said the crossing would reopen to cyclists and walkers once the repairs were finished, probably late next year.<br><br>` +
		`Shopkeepers on both banks fear the closure will cost them customers; the council promised a ferry during the works.<br><br>` +
		`Engineers will first shore up the piers with steel sleeves, then replace the deck, which dates from 1931.`
	page := `<html><body><table width="100%"><tr><td colspan="3"><img src="/logo.gif"> Portal of the valley</td></tr>` +
		`<tr><td width="150" valign="top">` + menu.String() + `</td><td valign="top">` + story + `</td><td width="200" valign="top">` + briefs.String() + `</td></tr>` +
		`<tr><td colspan="3">© 2003 Portal of the valley · Contact · Imprint</td></tr></table></body></html>`
	doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"voted on Tuesday", "reopen to cyclists", "promised a ferry", "dates from 1931"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("missing %q; text = %q", want, doc.Text)
		}
	}
	for _, not := range []string{"Section of the portal", "A brief from the region", "Imprint"} {
		if strings.Contains(doc.Text, not) {
			t.Errorf("kept %q; text = %q", not, doc.Text)
		}
	}
}
