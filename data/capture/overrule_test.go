package capture

import (
	"net/url"
	"strings"
	"testing"
)

// A live ticker is made of boxes whose class says "comment": each is small,
// but together they are the story, so the class rule must not remove them.
// A real comment box beside a story still goes.
func TestNameRuleThatWouldRemoveTheStoryDoesNotFire(t *testing.T) {
	minute := func(m, s string) string {
		return `<div class="live-match-comment slider-ele left"><p class="live-match-comment-time">` + m +
			`'</p><div class="live-match-comment-body">` + s + `</div></div>`
	}
	ticker := `<p>Lorient and Lyon drew one all at the Moustoir.</p>` +
		minute("95", "It is over at the Moustoir, and Lorient held Lyon to a draw they will remember.") +
		minute("93", "Lorient break again and Le Goff races down the left wing but waits too long.") +
		minute("90", "There will be at least five minutes of added time in this second half.") +
		minute("85", "Depay heads a cross from Dubois just over the bar from close range.")
	story := `<p>The city council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers.</p>` +
		`<p>The mayor said the crossing would reopen to cyclists and walkers once the repairs were finished, probably next year.</p>` +
		`<div class="comment">Great news, about time! Posted by a reader.</div>`
	pageURL, _ := url.Parse("https://www.example.org/live/lorient-lyon.html")
	for _, tt := range []struct {
		name, html string
		keep, drop []string
	}{
		{"live ticker", ticker, []string{"It is over at the Moustoir", "Depay heads a cross"}, nil},
		{"a comment beside a story", story, []string{"old bridge", "reopen to cyclists"}, []string{"Great news"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{doc: &Document{}, pageURL: pageURL}
			j.article.Node = articleNode(t, tt.html)
			newCleaner(j, "Lorient 1-1 Lyon").clean(j.article.Node)
			blocksStep(j)
			text := strings.Join(strings.Fields(j.doc.Text), " ")
			for _, k := range tt.keep {
				if !strings.Contains(text, k) {
					t.Errorf("lost %q; text = %q", k, text)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(text, d) {
					t.Errorf("kept %q; text = %q", d, text)
				}
			}
		})
	}
}
