// Package analysis reads an article and finds the dated events it reports
// and the entities (people, organisations, products, places) involved, in
// Arabic and English. It is a chain of pure stages over plain structs:
//
//	language → sentences → tokens (textnorm folding) → time expressions
//	(package timex) → entities (gazetteer, rules and, for Arabic names,
//	the tagger of package ner) → events
//
// All spans (Span, Sentence, Timex, Entity.Mentions, Event.Sentence) are
// BYTE offsets into Input.Text; use RuneSpan to convert them to rune
// offsets (what a UI counting characters needs).
package analysis

import (
	"context"
	"time"
	"unicode/utf8"

	"annals/data/analysis/timex"
	"annals/data/analysis/token"
)

// Version is bumped whenever the output for the same input changes, so that
// stored results can be refreshed.
const Version = 12 // 12: the English names tagger (assets/ner_en.bin.gz, issue 14, session 11) adds and re-bounds English entities; 11: the round of session 10 (issue 14: an English entities split dev6 and the Arabic tagger's trainer); 10: the Arabic tagger reads a lexicon of what ANERcorp's training part tagged each word as (issue 14, session 9); 9: the round of session 8 (issue 14, unseen dev5): English names after a role in capitals, a possessive or hyphenated syllable inside a name, web addresses, clubs, a lower-case designator left out of a place; 8: the round of session 7 (issue 14, unseen dev2/dev3): dates (a modal "may", verbs of the calendar in the present, "would" of a past report, game quarters, «منذ»/«بعد» spans, «اليوم»/"Today," meaning nowadays), titles, participants, English entities; 7: English tense read at the date (its qualifier, clause, quotes), "the next year" of the story, a time of a day as an event, English name patterns, the Arabic tagger retrained with a margin and its places kept beside same-spelt family names (issue 14, unseen gold, ANERcorp CV); 6: the Arabic tagger decoded with Viterbi over BIO, new features and model (2026-12); 5: clause titles and participants, tense-resolved dates, Umm al-Qura, the Arabic tagger and place data

// Input is one article.
type Input struct {
	Text      string
	Title     string
	Language  string    // "ar", "en"; "" = detect
	Published time.Time // document creation time (DCT); zero = unknown
	// Gazetteer to use; nil means DefaultGazetteer().
	Gazetteer *Gazetteer
}

// Span is a half-open range of BYTE offsets into Input.Text.
type Span struct{ Start, End int }

// Sentence is one sentence of the text.
type Sentence struct {
	Span
	Text string
}

// Timex is a time expression with its TIMEX3 value.
type Timex struct {
	Span
	Text      string
	Value     string // TIMEX3 value: 2025-01-20, 2024-11, 2023, 202 (2020s), P3M, PRESENT_REF…
	Precision string // day, week, month, season, quarter, year, decade, century; "" for durations/sets
	Type      string // DATE, TIME, DURATION, SET
	Mod       string // TIMEX3 mod: START, MID, END, APPROX…
	Anaphoric bool   // resolved against an earlier date of the text, not the publication date
}

// Entity is one real-world thing mentioned in the text, merged across
// spellings and scripts.
type Entity struct {
	ID            string // stable canonical key, e.g. "person:donald-trump"
	Name          string // canonical English name (or the text's spelling when unknown)
	NameAr        string // canonical Arabic name
	Type          string // person, organisation, product, place, event
	Aliases       []string
	Mentions      []Span
	FromGazetteer bool
	InTitle       bool // also named in Input.Title (when the title is not part of Text)
}

// Event is a dated happening reported by one sentence.
type Event struct {
	Date         string // TIMEX3 value
	Precision    string // day, month, year…
	Type         string // release, announcement, political, agreement, regulation, market, other
	Title        string // short title made from the sentence
	Trigger      string // the word that gave the type, as written
	Sentence     Span
	SentenceText string
	Timex        Span
	EntityIDs    []string
}

// Result is the analysis of one article.
type Result struct {
	Version   int
	Language  string
	Sentences []Sentence
	Timexes   []Timex
	Entities  []Entity
	Events    []Event
}

// Analyze runs every stage on in. It only fails when ctx is cancelled.
func Analyze(ctx context.Context, in Input) (Result, error) {
	res := Result{Version: Version}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	g := in.Gazetteer
	if g == nil {
		g = DefaultGazetteer()
	}
	res.Language = in.Language
	if res.Language == "" {
		res.Language = detectLanguage(in.Title, in.Text)
	}
	res.Sentences = Sentences(in.Text)
	// no token outlives Analyze (the result keeps only spans and strings):
	// the slice goes back to be reused by the next article (issue 19)
	toks := token.TokenizePooled(in.Text)
	defer token.Release(toks)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	ents, usPresident := findEntities(in.Text, toks, res.Sentences, g)
	if in.Title != "" && !hasPrefixTrim(in.Text, in.Title) {
		ents = addTitleEntities(ents, in.Title, g)
	}
	res.Entities = ents
	if err := ctx.Err(); err != nil {
		return res, err
	}
	for _, m := range timex.ExtractTokens(in.Text, toks, timex.Options{DCT: in.Published, Lang: res.Language, USPresident: usPresident}) {
		res.Timexes = append(res.Timexes, Timex{Span: Span{m.Start, m.End}, Text: m.Text, Value: m.Value,
			Precision: m.Precision, Type: m.Type, Mod: m.Mod, Anaphoric: m.Anaphoric})
	}
	res.Events = findEvents(in.Text, toks, res)
	return res, ctx.Err()
}

// RuneSpan converts a byte span of text to rune (code point) offsets.
func RuneSpan(text string, s Span) (start, end int) {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return 0, 0
	}
	start = utf8.RuneCountInString(text[:s.Start])
	return start, start + utf8.RuneCountInString(text[s.Start:s.End])
}

// DetectLanguage returns "ar" when Arabic letters outnumber Latin ones, "en"
// when Latin letters do, "" when the text has neither.
func DetectLanguage(text string) string {
	ar, la := scriptLetters(text)
	return languageOf(ar, la)
}

// detectLanguage is DetectLanguage(title + "\n" + text) without building
// that copy of the article (the line break counts for neither script).
func detectLanguage(title, text string) string {
	ar, la := scriptLetters(title)
	ar2, la2 := scriptLetters(text)
	return languageOf(ar+ar2, la+la2)
}

func languageOf(ar, la int) string {
	switch {
	case ar == 0 && la == 0:
		return ""
	case ar >= la:
		return "ar"
	}
	return "en"
}

// scriptLetters counts the Arabic and the Latin letters of text. ASCII,
// most of an English text, is counted byte by byte without decoding
// (issue 19).
func scriptLetters(text string) (ar, la int) {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				la++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0xFB50 && r <= 0xFEFC:
			ar++
		case r >= 0xC0 && r < 0x250:
			la++
		}
	}
	return ar, la
}
