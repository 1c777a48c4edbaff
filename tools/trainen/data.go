package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis"
	"annals/data/analysis/token"
	"annals/internal/repo"
	"annals/internal/unseengold"
)

// devSplits are the English splits with entities a tagger may learn from
// and be scored on (test and ar are never read; dev3 has no entities).
var devSplits = []string{"dev", "dev2", "dev4", "dev5", "dev6"}

// page is one English article ready for the tagger: its text, gold, the
// rules' result (Analyze without the English tagger), its tokens, the
// sentences as token ranges, gold classes and the analysis's features.
type page struct {
	id, split string
	text      string
	published time.Time
	gold      []unseengold.Name
	res       analysis.Result
	toks      []token.Token
	sents     [][2]int // token ranges [from, to) of each sentence
	gold2     []int    // gold class per token (index into classes)
	feats     [][]uint64
}

// classes are the tagger's tags (analysis.EnglishNERClasses: IO over the
// four gold types).
var classes = analysis.EnglishNERClasses

var classOf = map[string]int{"PER": 1, "ORG": 2, "LOC": 3, "PRODUCT": 4}

// loadPages reads the dev splits' gold and the annotators' files, checks
// each text against its body_sha256 and analyses it. Pages of the test and
// ar splits are never read; an annotated page that is also an unseen gold
// page of any split is dropped from the training pages (so no held-out
// page is ever trained on).
func loadPages(bench string, logf func(string, ...any)) (dev, ann []*page, err error) {
	truth, err := unseengold.ReadGroundTruth(bench)
	if err != nil {
		return nil, nil, err
	}
	root := repo.Root()
	evalFiles, _ := filepath.Glob(filepath.Join(root, "tools", "eval", "testdata", "unseen_gold*.json"))
	annFiles, _ := filepath.Glob(filepath.Join(root, "tools", "trainen", "gold", "train_ann*.json"))
	inEval := map[string]bool{} // every unseen gold id, whatever the split
	keep := map[string]bool{}
	for _, s := range devSplits {
		keep[s] = true
	}
	for _, f := range evalFiles {
		g, err := unseengold.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range g.Articles {
			inEval[a.ID] = true
			if !keep[a.Split] || a.Text != "ground-truth" || len(a.Entities) == 0 {
				continue
			}
			p, err := newPage(bench, a, truth)
			if err != nil {
				logf("skip %s: %v", short(a.ID), err)
				continue
			}
			dev = append(dev, p)
		}
	}
	seen := map[string]bool{}
	for _, f := range annFiles {
		g, err := unseengold.ReadFile(f)
		if err != nil {
			// an annotator's file may be mid-write: use the others
			logf("skip %s: %v", filepath.Base(f), err)
			continue
		}
		for _, a := range g.Articles {
			// a page with no entity is kept: it teaches what is no name
			if inEval[a.ID] || seen[a.ID] {
				continue
			}
			seen[a.ID] = true
			if a.Text == "" {
				a.Text = "ground-truth"
			}
			p, err := newPage(bench, a, truth)
			if err != nil {
				logf("skip %s: %v", short(a.ID), err)
				continue
			}
			p.split = "ann"
			ann = append(ann, p)
		}
	}
	return dev, ann, nil
}

// newPage reads an annotated page's text — article-extraction's
// articleBody ("ground-truth") or Annals' capture of the page ("capture",
// trafilatura-eval-dev's English pages) — checks that it is the text
// annotated, and analyses it.
func newPage(bench string, a unseengold.Article, truth map[string]string) (*page, error) {
	var text string
	switch a.Text {
	case "ground-truth":
		var ok bool
		if text, ok = truth[a.ID]; !ok {
			return nil, fmt.Errorf("not in ground-truth.json")
		}
		h := sha256.Sum256([]byte(text))
		if a.BodySHA256 != "" && hex.EncodeToString(h[:]) != a.BodySHA256 {
			return nil, fmt.Errorf("body_sha256 differs: not the text annotated")
		}
	case "capture":
		captured, same, err := unseengold.CaptureText(bench, a)
		if err != nil {
			return nil, err
		}
		if !same {
			return nil, fmt.Errorf("text_sha256 differs: capture's text changed since the page was annotated")
		}
		text = captured
	default:
		return nil, fmt.Errorf("unknown text %q", a.Text)
	}
	var pub time.Time
	if t, err := time.Parse("2006-01-02", a.Published); err == nil {
		pub = t.Add(12 * time.Hour) // as tools/eval does
	}
	p := &page{id: a.ID, split: a.Split, text: text, gold: a.Entities, published: pub}
	if err := p.prepare(); err != nil {
		return nil, err
	}
	return p, nil
}

// prepare analyses the page with the rules alone (the English tagger must
// be off: see rulesOnly), computes the tagger's features as the analysis
// does and projects the gold onto the tokens.
func (p *page) prepare() error {
	res, err := analyze(p, nil)
	if err != nil {
		return err
	}
	p.res = res
	p.toks, p.feats, p.sents = analysis.NERFeaturesEnglish(p.text)
	p.gold2 = projectGold(p.text, p.toks, p.gold)
	return nil
}

// projectGold labels the tokens with the gold: every occurrence of every
// form (name and aliases) on word boundaries, longest form first, a text
// range taken by one form not taken again.
func projectGold(text string, toks []token.Token, gold []unseengold.Name) []int {
	type form struct{ s, typ string }
	var forms []form
	for _, g := range gold {
		if classOf[g.Type] == 0 {
			continue
		}
		for _, f := range append([]string{g.Name}, g.Aliases...) {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			forms = append(forms, form{f, g.Type})
			if alt := strings.ReplaceAll(f, "'", "’"); alt != f {
				forms = append(forms, form{alt, g.Type})
			}
			if alt := strings.ReplaceAll(f, "’", "'"); alt != f {
				forms = append(forms, form{alt, g.Type})
			}
		}
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].s) > len(forms[j].s) })
	taken := make([]bool, len(text))
	type span struct {
		start, end int
		typ        string
	}
	var spans []span
	for _, f := range forms {
		for from := 0; from < len(text); {
			at := strings.Index(text[from:], f.s)
			if at < 0 {
				break
			}
			at += from
			end := at + len(f.s)
			from = at + 1
			if !boundary(text, at, end) {
				continue
			}
			free := true
			for k := at; k < end; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := at; k < end; k++ {
				taken[k] = true
			}
			spans = append(spans, span{at, end, f.typ})
		}
	}
	out := make([]int, len(toks))
	for _, s := range spans {
		for i, t := range toks {
			if t.Start >= s.start && t.End <= s.end {
				out[i] = classOf[s.typ]
			}
		}
	}
	return out
}

// boundary reports whether text[start:end] begins and ends on word
// boundaries.
func boundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func short(id string) string {
	if len(id) > 10 {
		return id[:10]
	}
	return id
}
