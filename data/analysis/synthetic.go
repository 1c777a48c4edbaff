package analysis

import (
	"fmt"
	"strings"
)

// SyntheticArticle returns a deterministic English news-style article of
// about n words, full of names and dates, for benchmarks.
func SyntheticArticle(n int) string {
	subjects := []string{"Donald Trump", "OpenAI", "Alibaba", "the European Union", "Microsoft", "President Macron", "Nvidia", "the White House", "DeepSeek", "Google"}
	verbs := []string{"announced", "released", "signed", "unveiled", "said it would delay", "launched", "criticised", "approved"}
	objects := []string{"a new reasoning model", "an executive order on chips", "a $500 billion infrastructure project", "a trade agreement with China", "new export restrictions", "its quarterly results", "a data centre in Texas", "the ChatGPT update"}
	whens := []string{"on January 20, 2025", "last week", "in November", "on Tuesday", "two days later", "earlier this year", "the next day", "in 2023", "on 23 Jan. 2025", "three months ago", "next month", "in the 1990s"}
	fillers := []string{"Analysts in Washington and Beijing said the move could reshape the industry.", "Shares of Meta and Amazon rose sharply on the Nasdaq.", "The company did not respond to a request for comment.", "Officials at the Department of Commerce declined to give details."}
	var b strings.Builder
	words := 0
	for i := 0; words < n; i++ {
		var s string
		if i%3 == 2 {
			s = fillers[i%len(fillers)]
		} else {
			s = fmt.Sprintf("%s %s %s %s, according to people familiar with the matter.",
				subjects[i%len(subjects)], verbs[(i/2)%len(verbs)], objects[(i/3)%len(objects)], whens[(i*7)%len(whens)])
		}
		b.WriteString(s)
		if i%5 == 4 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
		words += len(strings.Fields(s))
	}
	return b.String()
}
