package widgets

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Measuring text is the cost of laying out an article. Fyne's
// RenderedTextSize builds a new HarfBuzz font for every string it has not
// seen (about 1 ms per paragraph), so the measurer here shapes with the same
// engine (go-text) and the same face chain as Fyne's painter (the theme's
// font, then Fyne's own face, then its emoji font) but keeps its shapers, and
// caches widths per word. Text with a character none of these faces has
// (Fyne would find a system font) is measured by the driver instead.

// NewMeasure returns a MeasureFunc for text of the given size drawn with th's
// fonts, as canvas.Text draws it. It is safe for concurrent use, so the
// reader can compute row heights off the UI thread. Calls with the same
// fonts and size share one cache of widths.
func NewMeasure(th fyne.Theme, size float32) MeasureFunc {
	var res [4][]fyne.Resource
	key := measureKey{size: size}
	for st := range SpanStyle(4) { // plain, bold, italic, bold|italic
		ts := textStyle(st)
		for _, r := range []fyne.Resource{th.Font(ts), fallbackFont(ts), theme.DefaultEmojiFont()} {
			if r != nil && !slices.ContainsFunc(res[st], func(o fyne.Resource) bool { return o.Name() == r.Name() }) {
				res[st] = append(res[st], r)
				key.fonts += r.Name() + "|"
			}
		}
		key.fonts += "/"
	}
	if m, ok := measurers.Load(key); ok {
		return m.(*measurer).measure
	}
	m := &measurer{size: size, fsize: fixed.Int26_6(float64(size) * 64)}
	for st, rs := range res {
		for _, r := range rs {
			m.chains[st] = append(m.chains[st], &lazyFace{res: r})
		}
		m.widths[st] = map[string]float32{}
	}
	actual, _ := measurers.LoadOrStore(key, m)
	return actual.(*measurer).measure
}

// DriverMeasure returns a MeasureFunc of the current theme at the given
// size; see NewMeasure.
func DriverMeasure(size float32) MeasureFunc {
	return NewMeasure(fyne.CurrentApp().Settings().Theme(), size)
}

type measureKey struct {
	fonts string
	size  float32
}

var measurers sync.Map // measureKey → *measurer

// maxWidths bounds a measurer's cache: an article has a few thousand
// distinct words.
const maxWidths = 1 << 16

type measurer struct {
	size   float32
	fsize  fixed.Int26_6
	chains [4]faceChain // per style: plain, bold, italic, bold|italic

	mu     sync.RWMutex
	widths [4]map[string]float32
	n      int
}

func (m *measurer) measure(text string, style SpanStyle) float32 {
	st := style & (StyleBold | StyleItalic)
	m.mu.RLock()
	w, ok := m.widths[st][text]
	m.mu.RUnlock()
	if ok {
		return w
	}
	w, ok = shapeWidth(text, m.chains[st], m.fsize)
	if !ok {
		s, _ := fyne.CurrentApp().Driver().RenderedTextSize(text, m.size, textStyle(st), nil)
		w = s.Width
	}
	m.mu.Lock()
	if m.n++; m.n > maxWidths {
		for i := range m.widths {
			m.widths[i] = map[string]float32{}
		}
		m.n = 0
	}
	m.widths[st][strings.Clone(text)] = w
	m.mu.Unlock()
	return w
}

// faceChain resolves a character to the first face that has it, like
// Fyne's font map; it implements shaping.Fontmap.
type faceChain []*lazyFace

// lazyFace is a font parsed when a character first needs it. Parsed
// faces stay in memory for good, and most labels never need the italic
// faces or the emoji font: parsing every face of every style up front
// cost 20 MB of the window's memory at start (tools/bench, cold start).
type lazyFace struct {
	res  fyne.Resource
	once sync.Once
	f    *font.Face
}

func (l *lazyFace) face() *font.Face {
	l.once.Do(func() { l.f = parsedFont(l.res) })
	return l.f
}

func (c faceChain) ResolveFace(r rune) *font.Face {
	for _, l := range c {
		if f := l.face(); f != nil {
			if _, ok := f.NominalGlyph(r); ok {
				return f
			}
		}
	}
	for _, l := range c {
		if f := l.face(); f != nil {
			return f
		}
	}
	return nil
}

func (c faceChain) covers(r rune) bool {
	for _, l := range c {
		if f := l.face(); f != nil {
			if _, ok := f.NominalGlyph(r); ok {
				return true
			}
		}
	}
	return false
}

// theShaper is one HarfBuzz shaper, whose font and plan caches make
// repeated shaping cheap. Its lock also guards the go-text faces, which keep
// unsynchronised caches.
var theShaper struct {
	sync.Mutex
	hb  shaping.HarfbuzzShaper
	seg shaping.Segmenter
	buf []rune
}

// shapeWidth is the advance of text shaped as Fyne's painter shapes it
// (painter.walkString), and false if a character is in none of the faces.
func shapeWidth(text string, chain faceChain, size fixed.Int26_6) (float32, bool) {
	if len(chain) == 0 {
		return 0, false
	}
	s := &theShaper
	s.Lock()
	defer s.Unlock()
	if s.buf == nil {
		s.hb.SetFontCacheSize(16) // the default, 0, caches nothing
	}
	s.buf = s.buf[:0]
	for _, r := range text {
		if r == '\t' || r == '\r' || !chain.covers(r) {
			return 0, false
		}
		s.buf = append(s.buf, r)
	}
	in := shaping.Input{
		Text: s.buf, RunStart: 0, RunEnd: len(s.buf),
		Direction: di.DirectionLTR, Face: chain.ResolveFace(' '), Size: size,
	}
	adv := float32(0)
	for _, run := range s.seg.Split(in, chain) {
		out := s.hb.Shape(run)
		adv += float32(out.Advance) / 64
	}
	return adv, true
}

var parsedFonts sync.Map // fyne.Resource name → *font.Face

// parsedFont parses a font resource, once per name.
func parsedFont(res fyne.Resource) *font.Face {
	if res == nil {
		return nil
	}
	if f, ok := parsedFonts.Load(res.Name()); ok {
		return f.(*font.Face)
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		f = nil
	}
	parsedFonts.Store(res.Name(), f)
	return f
}
