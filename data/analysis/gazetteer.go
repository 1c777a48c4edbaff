package analysis

import (
	"bytes"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// GazetteerEntry is one known entity with all the ways it is written.
type GazetteerEntry struct {
	ID      string   // "person:donald-trump"
	Type    string   // person, organisation, product, place, event
	Name    string   // canonical English name
	NameAr  string   // canonical Arabic name
	Aliases []string // every other spelling, in any script
	Tags    []string // us-president, country, capital, company, ai-model…
}

// HasTag reports whether e carries tag.
func (e GazetteerEntry) HasTag(tag string) bool { return slices.Contains(e.Tags, tag) }

// alias is one folded spelling of an entry, split into words.
type alias struct {
	words     []string
	entry     int
	needUpper bool // Latin alias written with a capital: the text must have one too
}

// Gazetteer finds known entities in text by their folded aliases. It is
// safe for concurrent use; Add may be called while others analyse.
type Gazetteer struct {
	mu      sync.RWMutex
	entries []GazetteerEntry
	byID    map[string]int
	index   map[string][]alias // first folded word → aliases, longest first
	folded  map[string]int     // whole folded alias → entry

	// firsts has the bit firstBit(w) set for every key w of index: match
	// looks a word up only when its bit is set. Five words in six of an
	// English text start no alias, and a miss in the 12,000-word map
	// (hash, probe, a cache miss) cost more than all the rest of match.
	firsts []uint64

	wordsMu sync.Mutex
	words   map[string]string // see wordKinds
	wordsN  int               // len(entries) when words was built
}

// NewGazetteer returns an empty gazetteer.
func NewGazetteer() *Gazetteer {
	return &Gazetteer{byID: map[string]int{}, index: map[string][]alias{}, folded: map[string]int{},
		firsts: make([]uint64, firstBits/64)}
}

// firstBits is the size of Gazetteer.firsts: 32 KB, about one bit in
// twenty set by the shipped gazetteer's 12,670 first words.
const firstBits = 1 << 18

// firstBit is w's bit in Gazetteer.firsts (FNV-1a).
func firstBit(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h & (firstBits - 1)
}

// mayStart reports whether w may be a key of g.index (false: it is not).
func (g *Gazetteer) mayStart(w string) bool {
	b := firstBit(w)
	return g.firsts[b/64]&(1<<(b%64)) != 0
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// DefaultGazetteer returns the gazetteer shipped in assets/gazetteer.tsv,
// loaded once. Callers that Add to it change it for everyone; use Clone
// for a private copy.
func DefaultGazetteer() *Gazetteer {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = LoadGazetteer(bytes.NewReader(assets.Gazetteer))
		if defaultErr != nil {
			defaultGaz = NewGazetteer()
			return
		}
		places, err := LoadGazetteer(bytes.NewReader(assets.GazetteerPlaces))
		if err != nil {
			defaultErr = err
			return
		}
		for _, e := range places.entries {
			defaultGaz.Add(e)
		}
	})
	return defaultGaz
}

// LoadGazetteer reads the TSV format of assets/gazetteer.tsv: '#' comment
// lines, a header line, then id, type, name, name_ar, aliases_en,
// aliases_ar, tags (lists separated by ';'). An empty id is made from the
// type and the English name.
func LoadGazetteer(r io.Reader) (*Gazetteer, error) {
	g := NewGazetteer()
	err := assets.ReadGazetteer(r, func(row assets.GazetteerRow) error {
		g.Add(GazetteerEntry{ID: row.ID, Type: row.Type, Name: row.Name, NameAr: row.NameAr,
			Aliases: append(row.AliasesEn, row.AliasesAr...), Tags: row.Tags})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// Slug makes the key part of an entity ID: lower-case ASCII words joined
// by '-', or the folded text when the name has no Latin letters.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range textnorm.Fold(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// Add puts e into the gazetteer. An entry whose ID is already known is
// merged into it: new aliases and tags are added, empty fields filled. This
// is how user corrections ("this name is that entity") are applied.
func (g *Gazetteer) Add(e GazetteerEntry) {
	if e.ID == "" {
		name := e.Name
		if name == "" {
			name = e.NameAr
		}
		e.ID = e.Type + ":" + Slug(name)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	idx, ok := g.byID[e.ID]
	if !ok {
		idx = len(g.entries)
		g.entries = append(g.entries, GazetteerEntry{ID: e.ID, Type: e.Type, Name: e.Name, NameAr: e.NameAr})
		g.byID[e.ID] = idx
	}
	cur := &g.entries[idx]
	if cur.Name == "" {
		cur.Name = e.Name
	}
	if cur.NameAr == "" {
		cur.NameAr = e.NameAr
	}
	if cur.Type == "" {
		cur.Type = e.Type
	}
	for _, t := range e.Tags {
		if !slices.Contains(cur.Tags, t) {
			cur.Tags = append(cur.Tags, t)
		}
	}
	for _, a := range append([]string{e.Name, e.NameAr}, e.Aliases...) {
		if a == "" {
			continue
		}
		if a != cur.Name && a != cur.NameAr && !slices.Contains(cur.Aliases, a) {
			cur.Aliases = append(cur.Aliases, a)
		}
		g.addAlias(a, idx)
	}
}

func (g *Gazetteer) addAlias(a string, idx int) {
	var words []string
	for _, t := range token.Tokenize(a) {
		if t.Kind != token.Punct {
			words = append(words, t.Norm)
		}
	}
	if len(words) == 0 {
		return
	}
	key := strings.Join(words, " ")
	if _, ok := g.folded[key]; !ok {
		g.folded[key] = idx
	}
	r, _ := utf8.DecodeRuneInString(a)
	al := alias{words: words, entry: idx, needUpper: unicode.IsUpper(r)}
	list := g.index[words[0]]
	for _, x := range list {
		if slices.Equal(x.words, words) {
			return // first entry to claim a spelling keeps it
		}
	}
	list = append(list, al)
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	g.index[words[0]] = list
	b := firstBit(words[0])
	g.firsts[b/64] |= 1 << (b % 64)
}

// Lookup finds the entry one spelling belongs to (any script, any case,
// with or without hamza or harakat).
func (g *Gazetteer) Lookup(name string) (GazetteerEntry, bool) {
	var words []string
	for _, t := range token.Tokenize(name) {
		if t.Kind != token.Punct {
			words = append(words, t.Norm)
		}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	idx, ok := g.folded[strings.Join(words, " ")]
	if !ok {
		return GazetteerEntry{}, false
	}
	return g.copyEntry(idx), true
}

// Entry returns the entry with that ID.
func (g *Gazetteer) Entry(id string) (GazetteerEntry, bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	idx, ok := g.byID[id]
	if !ok {
		return GazetteerEntry{}, false
	}
	return g.copyEntry(idx), true
}

func (g *Gazetteer) copyEntry(idx int) GazetteerEntry {
	e := g.entries[idx]
	e.Aliases = slices.Clone(e.Aliases)
	e.Tags = slices.Clone(e.Tags)
	return e
}

// Len is the number of entries.
func (g *Gazetteer) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.entries)
}

// Entries returns a copy of all entries.
func (g *Gazetteer) Entries() []GazetteerEntry {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]GazetteerEntry, len(g.entries))
	for i := range g.entries {
		out[i] = g.copyEntry(i)
	}
	return out
}

// Clone returns an independent copy, for adding user aliases without
// changing the shared default.
func (g *Gazetteer) Clone() *Gazetteer {
	c := NewGazetteer()
	for _, e := range g.Entries() {
		c.Add(e)
	}
	return c
}

// gazMatch is one gazetteer hit in a token stream.
type gazMatch struct {
	start, end int // byte span
	next       int // token index after the match
	entry      int
}

// match finds the longest alias starting at token i. Arabic words are also
// tried without attached particles (لواشنطن → واشنطن), but the whole word
// is preferred, so a name like بكين is never read as ب + كين.
func (g *Gazetteer) match(toks []token.Token, i int) (gazMatch, bool) {
	t := &toks[i]
	if t.Kind == token.Punct || !t.Arabic && !g.mayStart(t.Norm) {
		// (a Latin word is tried as it is only: most start no alias, and
		// are turned away here before try is made and called)
		return gazMatch{}, false
	}
	var best gazMatch
	found := false
	try := func(form string, start int) {
		if !g.mayStart(form) {
			return // the map would have no list for it
		}
		for _, a := range g.index[form] {
			if found && len(a.words) <= best.next-i {
				return
			}
			if a.needUpper && !t.Arabic && t.Kind == token.Word && !t.Upper {
				continue
			}
			k := i + 1
			ok := true
			for _, w := range a.words[1:] {
				for k < len(toks) && toks[k].Kind == token.Punct && skippable(toks[k].Norm) && !toks[k].Space {
					k++
				}
				if k >= len(toks) || toks[k].Norm != w || toks[k].Break {
					ok = false
					break
				}
				k++
			}
			if ok && (!found || k > best.next) {
				best = gazMatch{start: start, end: toks[k-1].End, next: k, entry: a.entry}
				found = true
			}
		}
	}
	try(t.Norm, t.Start)
	if !found && t.Arabic {
		for _, f := range t.Forms[1:] {
			try(f.Text, f.Start)
		}
	}
	// a Latin alias must end at a word boundary ("Meta" but not "Metaverse")
	return best, found
}

func skippable(p string) bool {
	switch p {
	case ".", "-", "'", "’", "·", "_":
		return true
	}
	return false
}
