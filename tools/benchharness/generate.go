package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/data/store"
	"annals/internal/extractscore"
)

// corpus is what the synthetic articles are made of: real sentences (the
// English benchmark pages' ground truth, ANERcorp's Arabic news text) and
// the gazetteer's entities, in both scripts.
type corpus struct {
	en, ar   []string // sentences
	entities []analysis.GazetteerEntry
	enWords  []string // for queries
	arWords  []string
}

func loadCorpus(root string) (*corpus, error) {
	c := &corpus{}
	bench := filepath.Join(root, "..", "shared", "bench")
	b, err := os.ReadFile(filepath.Join(bench, "article-extraction", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(gt))
	for k := range gt {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		for _, s := range splitSentences(gt[k].ArticleBody) {
			if n := len(strings.Fields(s)); n >= 6 && n <= 45 && !hasArabic(s) {
				c.en = append(c.en, s)
			}
		}
	}
	f, err := os.Open(filepath.Join(bench, "anercorp", "ANERCorp.txt"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cur []string
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if i <= 0 {
			continue
		}
		tok := strings.TrimSpace(line[:i])
		if tok == "" {
			continue
		}
		if tok == "." {
			if len(cur) >= 6 && len(cur) <= 45 {
				c.ar = append(c.ar, joinArabic(cur)+".")
			}
			cur = cur[:0]
			continue
		}
		cur = append(cur, tok)
	}
	if len(c.en) < 100 || len(c.ar) < 100 {
		return nil, fmt.Errorf("corpus too small: %d English, %d Arabic sentences", len(c.en), len(c.ar))
	}
	for _, e := range analysis.DefaultGazetteer().Entries() {
		if e.Name != "" && e.NameAr != "" {
			c.entities = append(c.entities, e)
		}
	}
	c.enWords = vocabulary(c.en)
	c.arWords = vocabulary(c.ar)
	return c, nil
}

// joinArabic glues ANERcorp's tokens back into text: punctuation sticks
// to the word before it.
func joinArabic(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && !strings.ContainsAny(t[:1], ",:;)،؛") {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

func splitSentences(s string) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		for para != "" {
			i := strings.Index(para, ". ")
			if i < 0 {
				out = append(out, strings.TrimSpace(para))
				break
			}
			out = append(out, strings.TrimSpace(para[:i+1]))
			para = para[i+2:]
		}
	}
	return out
}

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// vocabulary lists words of 5+ letters that occur at least 3 times, for
// building queries that hit.
func vocabulary(sents []string) []string {
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range extractscore.Tokens(s) {
			if len([]rune(w)) >= 5 {
				count[w]++
			}
		}
	}
	var out []string
	for w, n := range count {
		if n >= 3 {
			out = append(out, w)
		}
	}
	sortStrings(out)
	return out
}

var (
	enMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	arMonths = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	enVerbs  = []string{"announced", "signed", "launched", "unveiled", "approved", "released", "criticised", "visited", "met", "rejected"}
	arVerbs  = []string{"أعلن", "وقع", "أطلق", "كشف", "وافق على", "انتقد", "زار", "التقى", "رفض", "أصدر"}
	enObjs   = []string{"a new agreement", "the budget plan", "a trade deal", "new sanctions", "the report", "an investment fund", "a peace initiative", "the election results"}
	arObjs   = []string{"اتفاقا جديدا", "خطة الموازنة", "صفقة تجارية", "عقوبات جديدة", "التقرير", "صندوقا استثماريا", "مبادرة سلام", "نتائج الانتخابات"}
)

func (c *corpus) dateText(r *rand.Rand, ar bool) string {
	y, m, d := 1990+r.IntN(37), r.IntN(12), 1+r.IntN(28)
	switch r.IntN(3) {
	case 0:
		if ar {
			return fmt.Sprintf("في %d %s %d", d, arMonths[m], y)
		}
		return fmt.Sprintf("on %s %d, %d", enMonths[m], d, y)
	case 1:
		if ar {
			return fmt.Sprintf("في %s %d", arMonths[m], y)
		}
		return fmt.Sprintf("in %s %d", enMonths[m], y)
	default:
		if ar {
			return fmt.Sprintf("في عام %d", y)
		}
		return fmt.Sprintf("in %d", y)
	}
}

func (c *corpus) eventSentence(r *rand.Rand, ar bool) string {
	e := c.entities[r.IntN(len(c.entities))]
	o := c.entities[r.IntN(len(c.entities))]
	if ar {
		return fmt.Sprintf("%s %s %s مع %s %s.", arVerbs[r.IntN(len(arVerbs))], e.NameAr, arObjs[r.IntN(len(arObjs))], o.NameAr, c.dateText(r, true))
	}
	return fmt.Sprintf("%s %s %s with %s %s.", e.Name, enVerbs[r.IntN(len(enVerbs))], enObjs[r.IntN(len(enObjs))], o.Name, c.dateText(r, false))
}

var baseTime = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// article i of the synthetic library: 40% Arabic, 300–3,000 words,
// paragraphs of real sentences with one dated event sentence in ten
// naming gazetteer entities; sometimes a sentence of the other language.
func (c *corpus) article(i int) *store.Article {
	r := rand.New(rand.NewPCG(uint64(i), 0x616e6e616c73))
	ar := r.IntN(10) < 4
	want := 300 + r.IntN(2701)
	pool, other := c.en, c.ar
	if ar {
		pool, other = c.ar, c.en
	}
	var paras []string
	words := 0
	for words < want {
		var p []string
		for range 3 + r.IntN(4) {
			var s string
			switch k := r.IntN(20); {
			case k < 2:
				s = c.eventSentence(r, ar)
			case k == 5:
				s = other[r.IntN(len(other))]
			default:
				s = pool[r.IntN(len(pool))]
			}
			p = append(p, s)
			words += len(strings.Fields(s))
		}
		paras = append(paras, strings.Join(p, " "))
	}
	title := c.eventSentence(r, ar)
	title = strings.TrimSuffix(title, ".")
	blocks := make([]capture.Block, len(paras))
	var h strings.Builder
	for k, p := range paras {
		blocks[k] = capture.Block{Kind: capture.BlockParagraph, Text: p}
		h.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	saved := baseTime.Add(-time.Duration(i) * 17 * time.Minute)
	lang, dir, site := "en", "ltr", fmt.Sprintf("news%d.example", r.IntN(40))
	if ar {
		lang, dir, site = "ar", "rtl", fmt.Sprintf("akhbar%d.example", r.IntN(25))
	}
	text := strings.Join(paras, "\n\n")
	return &store.Article{
		URL:       fmt.Sprintf("https://%s/%d/%02d/article-%d", site, saved.Year(), int(saved.Month()), i),
		Title:     title,
		Site:      site,
		Excerpt:   firstRunes(paras[0], 200),
		Published: saved.Add(-time.Duration(r.IntN(72)) * time.Hour),
		Saved:     saved,
		Language:  lang, Dir: dir,
		HTML: h.String(), Text: text, Blocks: blocks,
		WordCount: words, ReadingMinutes: (words + 199) / 200,
		Status:   store.StatusReady,
		Archived: r.IntN(5) == 0, Favourite: r.IntN(20) == 0,
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// queries are 50 mixed searches: entity names in both scripts, common and
// rarer words of both languages, two-word queries.
func (c *corpus) queries() []string {
	r := rand.New(rand.NewPCG(50, 50))
	var qs []string
	for range 10 {
		e := c.entities[r.IntN(len(c.entities))]
		qs = append(qs, e.Name, e.NameAr)
	}
	for range 10 {
		qs = append(qs, c.enWords[r.IntN(len(c.enWords))], c.arWords[r.IntN(len(c.arWords))])
	}
	for range 5 {
		qs = append(qs, c.enWords[r.IntN(len(c.enWords))]+" "+c.enWords[r.IntN(len(c.enWords))])
		qs = append(qs, c.arWords[r.IntN(len(c.arWords))]+" "+c.arWords[r.IntN(len(c.arWords))])
	}
	return qs
}

func sortStrings(s []string) { sort.Strings(s) }
