package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"annals/data/article"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
)

// How an article's page is stored (issue 19). An article's words used to be
// kept three times, uncompressed: as html, as text and inside the blocks'
// JSON, 43 of the 71 KB an article took at 10,000 articles. Now:
//
//   - text is one zstd frame: every reader of the words (the reader, search
//     snippets, highlights, the analysis) needs it, and zstd decodes an
//     article in tens of microseconds.
//   - html is raw DEFLATE with the article's own text as the preset
//     dictionary: the words are already in the text, so what is left is
//     the markup, a few hundred bytes. (zstd takes a raw dictionary too,
//     but building an encoder for each article's dictionary costs ms;
//     klauspost's flate writer takes a new dictionary on Reset, so one
//     pooled writer serves every article: a new one allocates 1 MB.)
//     Nothing reads the HTML but Get and backups.
//   - blocks, when their texts joined by a blank line are exactly the
//     text (what capture makes), keep only their kinds, levels, images and
//     the length of each text (blocksSkeleton); otherwise the whole JSON
//     as one zstd frame.
//
// A stored value is a BLOB whose first byte says which of these it is. A
// TEXT value is a row written before migration 014 (or by plain SQL with
// the columns' defaults) and is read as it is, so old and new rows live
// side by side until CompactArticles has rewritten the old ones.
//
// SQL reads the text through annals_text(text) (registered on every
// connection, see store.go), the triggers of 014 included; annals_html and
// annals_blocks give the other two as they were saved.
const (
	storedZstd       byte = 1 // a zstd frame of the value
	storedFlateText  byte = 2 // raw DEFLATE, the article's text as dictionary (html)
	storedBlocksText byte = 3 // a zstd frame of a blocksSkeleton; the texts are cut from the article's text
)

// maxDecoded bounds what one stored value may decode to: a crafted backup
// must not make a few bytes expand to gigabytes. No real article comes
// near it (capture caps a page far lower).
const maxDecoded = 256 << 20

var (
	zstdEncoder = sync.OnceValue(func() *zstd.Encoder {
		// EncodeAll is safe for concurrent use; the default level is the
		// one that pays: "best" saves 4% more for seven times the time.
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithLowerEncoderMem(true))
		if err != nil {
			panic(err) // only bad options fail
		}
		return e
	})
	zstdDecoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxDecoded))
		if err != nil {
			panic(err)
		}
		return d
	})
)

func zstdPack(kind byte, b []byte) []byte {
	out := make([]byte, 1, 1+len(b)/2+16)
	out[0] = kind
	return zstdEncoder().EncodeAll(b, out)
}

func zstdUnpack(b []byte) ([]byte, error) {
	out, err := zstdDecoder().DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("store: stored text cannot be decoded: %w", err)
	}
	return out, nil
}

// encodeText is how text is stored.
func encodeText(text string) []byte {
	b := zstdPack(storedZstd, []byte(text))
	recentTexts.put(b, text)
	return b
}

// recentTexts are the texts encodeText packed last, by their packed bytes.
// A save reads its text back right after writing it: the search index's
// trigger twice (annals_text), SaveAnalyses to check the spans, the
// highlights' re-anchoring. Each read was a zstd decode of the bytes just
// encoded, a fifth of what compression added to saving a page
// (BenchmarkAddPagesOneCore, data/library). The bytes decode to exactly
// the text, so a hit returns what decoding would.
var recentTexts = newTextCache(64, 8<<20)

// textDecodes counts the texts decodeText had to decompress, for the test
// that saving pages decodes none of them.
var textDecodes atomic.Int64

// textCache maps packed texts to their texts: at most n of them, holding
// at most budget bytes of packed and plain text together; the oldest go
// first.
type textCache struct {
	mu     sync.Mutex
	byKey  map[string]string
	order  []string // keys, oldest first
	bytes  int
	n      int
	budget int
}

func newTextCache(n, budget int) *textCache {
	return &textCache{byKey: make(map[string]string, n), n: n, budget: budget}
}

func (c *textCache) put(packed []byte, text string) {
	size := len(packed) + len(text)
	if size > c.budget/4 {
		return // one huge page would push out every other
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[string(packed)]; ok {
		return
	}
	for len(c.order) > 0 && (len(c.order) >= c.n || c.bytes+size > c.budget) {
		k := c.order[0]
		c.order = c.order[1:]
		c.bytes -= len(k) + len(c.byKey[k])
		delete(c.byKey, k)
	}
	k := string(packed)
	c.byKey[k] = text
	c.order = append(c.order, k)
	c.bytes += size
}

// reset forgets every text.
func (c *textCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.byKey)
	c.order, c.bytes = nil, 0
}

func (c *textCache) get(packed []byte) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	text, ok := c.byKey[string(packed)]
	return text, ok
}

// decodeText is the text stored as v (a TEXT value as it is).
func decodeText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		if len(v) == 0 {
			return "", nil
		}
		if v[0] != storedZstd {
			return "", fmt.Errorf("store: stored text has unknown format %d", v[0])
		}
		if text, ok := recentTexts.get(v); ok {
			return text, nil
		}
		textDecodes.Add(1)
		out, err := zstdUnpack(v[1:])
		return string(out), err
	}
	return "", fmt.Errorf("store: stored text is a %T", v)
}

var (
	flateWriters = sync.Pool{New: func() any {
		w, err := flate.NewWriter(io.Discard, flate.DefaultCompression)
		if err != nil {
			panic(err) // only a bad level fails
		}
		return w
	}}
	flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

// encodeHTML is how html is stored beside text.
func encodeHTML(html, text string) ([]byte, error) {
	if html == "" {
		// A link saved without its page (most imported items): no
		// compressor of about a megabyte taken from the pool for nothing.
		return []byte{}, nil
	}
	b := bytes.NewBuffer(make([]byte, 0, 64+len(html)/8))
	b.WriteByte(storedFlateText)
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.ResetDict(b, []byte(text))
	if _, err := io.WriteString(w, html); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decodeHTML is the html stored as v beside text (the decoded text).
func decodeHTML(v any, text string) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		if len(v) == 0 {
			return "", nil
		}
		if v[0] != storedFlateText {
			return "", fmt.Errorf("store: stored HTML has unknown format %d", v[0])
		}
		r := flateReaders.Get().(io.ReadCloser)
		defer flateReaders.Put(r)
		if err := r.(flate.Resetter).Reset(bytes.NewReader(v[1:]), []byte(text)); err != nil {
			return "", fmt.Errorf("store: stored HTML cannot be decoded: %w", err)
		}
		out, err := io.ReadAll(io.LimitReader(r, maxDecoded+1))
		if err != nil {
			return "", fmt.Errorf("store: stored HTML cannot be decoded: %w", err)
		}
		if len(out) > maxDecoded {
			return "", errors.New("store: stored HTML is too large")
		}
		return string(out), nil
	}
	return "", fmt.Errorf("store: stored HTML is a %T", v)
}

// skeletonBlock is a Block whose text, unless it is an image's alt, lies
// in the article's text: N bytes, after the previous text block and a
// blank line.
type skeletonBlock struct {
	Kind  article.BlockKind `json:"k"`
	Level int               `json:"l,omitempty"`
	N     int               `json:"n,omitempty"`
	Alt   string            `json:"t,omitempty"` // images only
	Src   string            `json:"s,omitempty"`
}

// blocksMatchText reports whether text is blocks' texts, images left out,
// joined by blank lines: then the blocks need not hold their texts again.
func blocksMatchText(blocks []article.Block, text string) bool {
	pos, first := 0, true
	for _, bl := range blocks {
		if bl.Kind == article.BlockImage {
			continue
		}
		if !first {
			if len(text)-pos < 2 || text[pos:pos+2] != "\n\n" {
				return false
			}
			pos += 2
		}
		first = false
		if len(text)-pos < len(bl.Text) || text[pos:pos+len(bl.Text)] != bl.Text {
			return false
		}
		pos += len(bl.Text)
	}
	return pos == len(text)
}

// encodeBlocks is how blocks are stored beside text.
func encodeBlocks(blocks []article.Block, text string) ([]byte, error) {
	blocks = nonNilBlocks(blocks)
	if !blocksMatchText(blocks, text) {
		js, err := json.Marshal(blocks)
		if err != nil {
			return nil, fmt.Errorf("store: encode blocks: %w", err)
		}
		return zstdPack(storedZstd, js), nil
	}
	sk := make([]skeletonBlock, len(blocks))
	for i, bl := range blocks {
		sk[i] = skeletonBlock{Kind: bl.Kind, Level: bl.Level, Src: bl.Src}
		if bl.Kind == article.BlockImage {
			sk[i].Alt = bl.Text
		} else {
			sk[i].N = len(bl.Text)
		}
	}
	js, err := json.Marshal(sk)
	if err != nil {
		return nil, fmt.Errorf("store: encode blocks: %w", err)
	}
	return zstdPack(storedBlocksText, js), nil
}

// decodeBlocks is the blocks stored as v beside text (the decoded text).
func decodeBlocks(v any, text string) ([]article.Block, error) {
	var js []byte
	switch v := v.(type) {
	case nil:
		return []article.Block{}, nil
	case string:
		js = []byte(v)
	case []byte:
		if len(v) == 0 {
			return []article.Block{}, nil
		}
		if v[0] != storedZstd && v[0] != storedBlocksText {
			return nil, fmt.Errorf("store: stored blocks have unknown format %d", v[0])
		}
		out, err := zstdUnpack(v[1:])
		if err != nil {
			return nil, err
		}
		if v[0] == storedBlocksText {
			return blocksFromSkeleton(out, text)
		}
		js = out
	default:
		return nil, fmt.Errorf("store: stored blocks are a %T", v)
	}
	var blocks []article.Block
	if err := json.Unmarshal(js, &blocks); err != nil {
		return nil, err
	}
	return nonNilBlocks(blocks), nil
}

func blocksFromSkeleton(js []byte, text string) ([]article.Block, error) {
	var sk []skeletonBlock
	if err := json.Unmarshal(js, &sk); err != nil {
		return nil, err
	}
	blocks := make([]article.Block, len(sk))
	pos, first := 0, true
	for i, s := range sk {
		blocks[i] = article.Block{Kind: s.Kind, Level: s.Level, Src: s.Src}
		if s.Kind == article.BlockImage {
			blocks[i].Text = s.Alt
			continue
		}
		if !first {
			pos += 2
		}
		first = false
		if s.N < 0 || pos+s.N > len(text) {
			return nil, errors.New("store: stored blocks do not fit the text")
		}
		blocks[i].Text = text[pos : pos+s.N]
		pos += s.N
	}
	return blocks, nil
}

// blocksJSON is decodeBlocks as JSON, for annals_blocks.
func blocksJSON(v any, text string) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	blocks, err := decodeBlocks(v, text)
	if err != nil {
		return "", err
	}
	js, err := json.Marshal(blocks)
	return string(js), err
}

// storedPage is an article's html, text and blocks as written to its row.
type storedPage struct {
	html, text, blocks []byte
}

func encodePage(html, text string, blocks []article.Block) (storedPage, error) {
	h, err := encodeHTML(html, text)
	if err != nil {
		return storedPage{}, fmt.Errorf("store: encode HTML: %w", err)
	}
	b, err := encodeBlocks(blocks, text)
	if err != nil {
		return storedPage{}, err
	}
	return storedPage{html: h, text: encodeText(text), blocks: b}, nil
}
