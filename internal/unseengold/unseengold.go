// Package unseengold reads the unseen-article gold (the hand-annotated
// pages of tools/eval/testdata/unseen_gold*.json and of
// tools/trainen/gold/train_ann*.json) and the article-extraction
// benchmark's texts they were annotated on, and scores an engine's
// entities against that gold. tools/eval reports the score and
// tools/trainen trains and scores its tagger with it: one definition, so
// the trainer's figures and the evaluation's never disagree.
package unseengold

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/data/textnorm"
)

// File is one gold file (tools/eval/testdata/README.md says how the gold
// was made): pages the analysis was never tuned on, annotated by hand
// with their dated events and named entities, split dev/test once before
// the first score.
type File struct {
	Articles []Article `json:"articles"`
}

// Article is one annotated page.
type Article struct {
	ID         string `json:"id"`
	Source     string `json:"source"` // a folder of shared/bench
	File       string `json:"file"`
	Text       string `json:"text"` // "ground-truth" (the page's articleBody) or "capture"
	BodySHA256 string `json:"body_sha256"`
	TextSHA256 string `json:"text_sha256"`
	Published  string `json:"published"`
	Split      string `json:"split"`
	// EntitiesOnly: only the entities were annotated (split dev2); the
	// scorer leaves the article's events out of the event figures instead
	// of counting every engine event as extra.
	EntitiesOnly bool    `json:"entities_only"`
	Events       []Event `json:"events"`
	Entities     []Name  `json:"entities"`
}

// Event is a gold dated event: the quote of the text that reports it.
type Event struct {
	Quote        string   `json:"quote"`
	Date         string   `json:"date"`
	Participants []string `json:"participants"`
	Optional     bool     `json:"optional"`
}

// Name is a gold named entity: PER, ORG, LOC or PRODUCT.
type Name struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// ReadFile reads one gold file.
func ReadFile(path string) (File, error) {
	var g File
	b, err := os.ReadFile(path)
	if err != nil {
		return g, err
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return g, nil
}

// ReadGroundTruth reads the article-extraction benchmark's article texts
// (articleBody) by page id, from the bench folder dir.
func ReadGroundTruth(dir string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "article-extraction", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	bodies := make(map[string]string, len(truth))
	for id, t := range truth {
		bodies[id] = t.ArticleBody
	}
	return bodies, nil
}

// CaptureText is the text Annals' capture gives the page a "capture"
// article was annotated on (its File under bench/Source, gzipped HTML),
// and whether that is still the text annotated (TextSHA256): a change to
// capture moves the text under the gold's quotes and forms.
func CaptureText(bench string, a Article) (text string, same bool, err error) {
	raw, err := os.ReadFile(filepath.Join(bench, a.Source, a.File))
	if err != nil {
		return "", false, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", false, fmt.Errorf("%s: %w", a.File, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return "", false, fmt.Errorf("%s: %w", a.File, err)
	}
	doc, err := capture.Parse(context.Background(), page, "", nil)
	if err != nil {
		return "", false, fmt.Errorf("%s: %w", a.ID, err)
	}
	h := sha256.Sum256([]byte(doc.Text))
	return doc.Text, hex.EncodeToString(h[:]) == a.TextSHA256, nil
}

// EngineType names the gold's types as the engine does.
var EngineType = map[string]string{"PER": "person", "ORG": "organisation", "LOC": "place", "PRODUCT": "product"}

// FoldName is a name's matching form: textnorm's fold (case, Arabic
// letter variants), typographic apostrophes as ', spaces collapsed, a
// leading "the " and an abbreviation's final period dropped ("The New York
// Times" = "New York Times", "Pacific Gas & Electric Co." = "… Co").
func FoldName(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.Join(strings.Fields(textnorm.Fold(s)), " ")
	return strings.TrimSuffix(strings.TrimPrefix(s, "the "), ".")
}

// EntityScore counts the gold entities the engine found (and typed) and
// the engine's entities that name a gold one (precision: an engine entity
// none of whose forms is a gold form is extra).
type EntityScore struct {
	Entities, EntFound, Typed   int
	EngineEnts, EngineEntsRight int
}

// Add adds o's counts.
func (s *EntityScore) Add(o EntityScore) {
	s.Entities += o.Entities
	s.EntFound += o.EntFound
	s.Typed += o.Typed
	s.EngineEnts += o.EngineEnts
	s.EngineEntsRight += o.EngineEntsRight
}

// MissKind says what an EntityMiss is.
type MissKind int

const (
	// ExtraEntity: an engine entity that names no gold entity.
	ExtraEntity MissKind = iota
	// MissedEntity: a gold entity the engine did not find.
	MissedEntity
	// OtherType: a gold entity the engine found with another type only.
	OtherType
)

// EntityMiss is one error of ScoreEntities: the engine entity's type and
// name (ExtraEntity) or the gold entity's (MissedEntity, OtherType).
type EntityMiss struct {
	Kind       MissKind
	Type, Name string
}

// ScoreEntities scores the engine's entities ents on text against the
// gold entities. A gold entity is found when one of its forms (name,
// aliases, folded) is a form of an engine entity (name, Arabic name,
// aliases, the texts of its mentions), typed when that entity has its
// type; an engine entity is right when one of its forms is a gold form.
// The misses come extra engine entities first, in ents' order, then the
// gold's, in gold's order.
func ScoreEntities(gold []Name, text string, ents []analysis.Entity) (EntityScore, []EntityMiss) {
	var s EntityScore
	var misses []EntityMiss
	// the engine's forms of each entity, folded
	forms := map[string][]string{} // folded form → engine types
	for _, e := range ents {
		seen := map[string]bool{}
		add := func(f string) {
			if k := FoldName(f); k != "" && !seen[k] {
				seen[k] = true
				forms[k] = append(forms[k], e.Type)
			}
		}
		add(e.Name)
		add(e.NameAr)
		for _, al := range e.Aliases {
			add(al)
		}
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
				add(text[m.Start:m.End])
			}
		}
	}
	goldForms := map[string]bool{}
	for _, g := range gold {
		for _, f := range append([]string{g.Name}, g.Aliases...) {
			goldForms[FoldName(f)] = true
		}
	}
	for _, e := range ents {
		s.EngineEnts++
		right := goldForms[FoldName(e.Name)] || goldForms[FoldName(e.NameAr)]
		for _, al := range e.Aliases {
			right = right || goldForms[FoldName(al)]
		}
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
				right = right || goldForms[FoldName(text[m.Start:m.End])]
			}
		}
		if right {
			s.EngineEntsRight++
		} else {
			misses = append(misses, EntityMiss{ExtraEntity, e.Type, e.Name})
		}
	}
	for _, g := range gold {
		s.Entities++
		found, typed := false, false
		for _, f := range append([]string{g.Name}, g.Aliases...) {
			for _, t := range forms[FoldName(f)] {
				found = true
				typed = typed || t == EngineType[g.Type]
			}
		}
		switch {
		case !found:
			misses = append(misses, EntityMiss{MissedEntity, g.Type, g.Name})
		case !typed:
			s.EntFound++
			misses = append(misses, EntityMiss{OtherType, g.Type, g.Name})
		default:
			s.EntFound++
			s.Typed++
		}
	}
	return s, misses
}
