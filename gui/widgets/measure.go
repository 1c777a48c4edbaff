package widgets

import (
	"bytes"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	annalstheme "annals/gui/theme"
)

// Text is drawn one face per canvas.Text. Left to Fyne, a canvas.Text
// takes its characters from the theme's font, then Fyne's Latin face (so
// English digits came from the Arabic face, and the reader's Naskh changed
// English text), and the GL painter caches the texture of a word without
// the face in the key, so a word first drawn in one face was shown in
// another (screenshot 1 of issue 13). Here each character gets its face by
// one rule (faceOf), a run of text is cut where the face changes, and each
// piece is measured with, and drawn with (canvas.Text.FontSource), exactly
// that face: textures are then keyed by face, and what is measured is what
// is drawn.
//
// Measuring is also the cost of laying out an article. Fyne's
// RenderedTextSize builds a new HarfBuzz font for every string it has not
// seen (about 1 ms per paragraph), so the measurer shapes with the same
// engine (go-text) as Fyne's painter but keeps its shapers, and caches
// widths per word.

// The faces a character can be drawn with, in the order tried.
const (
	faceLatin = iota
	faceArabic
	faceSymbols
	faceEmoji
	numFaces
	// faceNone is a character none of the faces has: it is drawn without
	// a FontSource, through Fyne's own chain (which looks for a system
	// font).
	faceNone = -1
)

// NewMeasure returns a MeasureFunc for text of the given size drawn with th's
// faces, as Paragraph draws it. It is safe for concurrent use, so the
// reader can compute row heights off the UI thread. Calls with the same
// faces and size share one cache of widths.
func NewMeasure(th fyne.Theme, size float32) MeasureFunc {
	return newMeasurer(th, size).measure
}

// newMeasurer returns the shared measurer for th's faces at size.
func newMeasurer(th fyne.Theme, size float32) *measurer {
	var res [4][numFaces]fyne.Resource
	var key strings.Builder
	for st := range SpanStyle(4) { // plain, bold, italic, bold|italic
		fs := annalstheme.TextFaces(th, textStyle(st))
		res[st] = [numFaces]fyne.Resource{fs.Latin, fs.Arabic, fs.Symbols, theme.DefaultEmojiFont()}
		for _, r := range res[st] {
			if r != nil {
				key.WriteString(r.Name())
			}
			key.WriteByte('|')
		}
		key.WriteByte('/')
	}
	k := measureKey{fonts: key.String(), size: size}
	if m, ok := measurers.Load(k); ok {
		return m.(*measurer)
	}
	m := &measurer{size: size, res: res, fontKey: k.fonts}
	for st := range res {
		for i, r := range res[st] {
			if r != nil {
				m.faces[st][i] = &lazyFace{res: r}
			}
		}
	}
	for i := range m.widths {
		m.widths[i] = map[string]float32{}
	}
	actual, _ := measurers.LoadOrStore(k, m)
	return actual.(*measurer)
}

// DriverMeasure returns a MeasureFunc of the current theme at the given
// size; see NewMeasure.
func DriverMeasure(size float32) MeasureFunc {
	return NewMeasure(fyne.CurrentApp().Settings().Theme(), size)
}

// measureKey identifies a measurer: the names of all its faces (so a switch
// to Naskh, or any other face, gets fresh widths) and the size.
type measureKey struct {
	fonts string
	size  float32
}

var measurers sync.Map // measureKey → *measurer

// maxWidths bounds a measurer's cache: an article has a few thousand
// distinct words.
const maxWidths = 1 << 16

type measurer struct {
	size    float32
	fontKey string                     // the names of its faces (measureKey.fonts)
	res     [4][numFaces]fyne.Resource // per style: plain, bold, italic, bold|italic
	faces   [4][numFaces]*lazyFace

	mu     sync.RWMutex
	widths [8]map[string]float32 // per style, with and without styleInRTL
	n      int

	vOnce [8][numFaces + 1]sync.Once
	vert  [8][numFaces + 1]vmetrics // the last is faceNone

	scaleOnce sync.Once
	scale     float32 // see latinScale
}

// slot is the index of a style in the per-style tables: bold, italic and
// styleInRTL.
func slot(style SpanStyle) int {
	s := int(style & (StyleBold | StyleItalic))
	if style&styleInRTL != 0 {
		s += 4
	}
	return s
}

// latinScale is the size of Latin text (and digits, punctuation, symbols)
// inside right-to-left paragraphs relative to the Arabic around it. Noto
// Sans Arabic is drawn to sit with Noto Sans at the same size, so its
// ratio of Latin x-height to Arabic body height (the height of ه) is the
// rule: a face with a smaller body, as Naskh's, gets Latin scaled by the
// same proportion (0.87), so "2024" or "OpenAI" inside Naskh does not look
// a size larger. Left-to-right paragraphs are not scaled.
func (m *measurer) latinScale() float32 {
	// one ratio for all styles, from the regular faces: bold Latin must
	// not come out smaller than regular Latin beside it
	m.scaleOnce.Do(func() {
		m.scale = 1
		ref := annalstheme.ArabicRegular
		l := m.faces[0][faceArabic]
		if l == nil || l.res.Name() == ref.Name() {
			return
		}
		a, b := bodyHeight(l.face()), bodyHeight(parsedFont(ref))
		if a > 0 && b > 0 {
			m.scale = max(0.75, min(1, a/b))
		}
	})
	return m.scale
}

// bodyHeight is the height of ه (heh) in font units, 0 without it.
func bodyHeight(f *font.Face) float32 {
	if f == nil {
		return 0
	}
	theShaper.Lock() // go-text faces keep unsynchronised caches
	defer theShaper.Unlock()
	g, ok := f.NominalGlyph('\u0647')
	if !ok {
		return 0
	}
	e, ok := f.GlyphExtents(g)
	if !ok {
		return 0
	}
	return e.YBearing
}

// sizeOf is the text size of face in style: Latin and symbols are scaled
// inside right-to-left paragraphs.
func (m *measurer) sizeOf(style SpanStyle, face int) float32 {
	if style&styleInRTL != 0 && (face == faceLatin || face == faceSymbols) {
		return m.size * m.latinScale()
	}
	return m.size
}

// vmetrics place a canvas.Text of one face: Fyne puts its baseline at
// ascent below its top and centres it in its box when the box is taller
// than height.
type vmetrics struct {
	ascent, height float32
}

// vertical returns where a canvas.Text of face (or faceNone) in style st
// has its baseline, and its height: the face's line metrics at its size,
// as Fyne's RenderedTextSize(" ") gives them (painter.walkString: the
// LineBounds of a space shaped with the face), read from the measurer's
// own parsed face, face by face when first needed. Asked of Fyne for every
// face at once, they made Fyne parse each font file, the emoji and symbol
// faces included, on the UI thread while the window's first labels were
// drawn (~77 ms of the launch at a load of 12).
func (m *measurer) vertical(style SpanStyle, face int) vmetrics {
	sl := slot(style)
	if face == faceNone {
		face = numFaces
	}
	m.vOnce[sl][face].Do(func() { m.vert[sl][face] = m.verticalOf(style, face) })
	return m.vert[sl][face]
}

func (m *measurer) verticalOf(style SpanStyle, i int) vmetrics {
	st := style & (StyleBold | StyleItalic)
	var res fyne.Resource
	size := m.size
	if i < numFaces {
		if res = m.res[st][i]; res == nil {
			return vmetrics{}
		}
		size = m.sizeOf(style, i)
		if f := m.faces[st][i].face(); f != nil {
			return lineMetrics(f, size)
		}
	}
	sz, base := fyne.CurrentApp().Driver().RenderedTextSize(" ", size, textStyle(st), res)
	return vmetrics{ascent: base, height: sz.Height}
}

// lineMetrics is the ascent and line height of face f at size, as Fyne's
// painter measures them.
func lineMetrics(f *font.Face, size float32) vmetrics {
	s := &theShaper
	s.Lock()
	defer s.Unlock()
	if s.buf == nil {
		s.hb.SetFontCacheSize(16)
	}
	out := s.hb.Shape(shaping.Input{Text: []rune{' '}, RunStart: 0, RunEnd: 1, Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(float64(size) * 64)})
	return vmetrics{ascent: float32(float64(out.LineBounds.Ascent) / 64), height: float32(float64(out.LineBounds.LineThickness()) / 64)}
}

// source is the FontSource a canvas.Text of face in style st is given.
func (m *measurer) source(st SpanStyle, face int) fyne.Resource {
	if face == faceNone {
		return nil
	}
	return m.res[st&(StyleBold|StyleItalic)][face]
}

// has reports whether face i of style st has a glyph for r.
func (m *measurer) has(st SpanStyle, i int, r rune) bool {
	l := m.faces[st][i]
	if l == nil {
		return false
	}
	f := l.face()
	if f == nil {
		return false
	}
	_, ok := f.NominalGlyph(r)
	return ok
}

// faceOf is the face that draws r after a character drawn with prev: the
// Arabic face for Arabic script, else the first of Latin, Arabic, Symbols
// and emoji that has it. Digits and punctuation are Latin's (the Arabic
// faces' ASCII digits are Noto Sans's own, so nothing changes inside
// Arabic text, and English digits sit on the Latin baseline); Arabic
// punctuation (، ؛ ؟) and Arabic-Indic digits, which Latin lacks, are the
// Arabic face's. Combining marks and format characters (ZWJ, ZWNJ) stay
// with the character before them, so a word is shaped as one.
func (m *measurer) faceOf(r rune, style SpanStyle, prev int) int {
	st := style & (StyleBold | StyleItalic)
	// the gaps between Arabic words are the Arabic face's spaces
	if r == ' ' && style&styleInRTL != 0 && m.has(st, faceArabic, r) {
		return faceArabic
	}
	if prev != faceNone && unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) && (prev == faceArabic || m.has(st, prev, r)) {
		return prev
	}
	if unicode.Is(unicode.Arabic, r) && m.has(st, faceArabic, r) {
		return faceArabic
	}
	for i := range numFaces {
		if m.has(st, i, r) {
			return i
		}
	}
	return faceNone
}

// segments calls f with each maximal piece of text drawn with one face,
// in logical order.
func (m *measurer) segments(text string, style SpanStyle, f func(seg string, face int)) {
	st := style & (StyleBold | StyleItalic | styleInRTL)
	start, cur := 0, faceNone
	for i, r := range text {
		fc := m.faceOf(r, st, cur)
		if i == 0 {
			cur = fc
			continue
		}
		if fc != cur {
			f(text[start:i], cur)
			start, cur = i, fc
		}
	}
	if start < len(text) {
		f(text[start:], cur)
	}
}

// singleFace reports whether text is drawn with one face, and which.
func (m *measurer) singleFace(text string, style SpanStyle) (int, bool) {
	st := style & (StyleBold | StyleItalic | styleInRTL)
	cur := faceNone
	for i, r := range text {
		fc := m.faceOf(r, st, cur)
		if i > 0 && fc != cur {
			return 0, false
		}
		cur = fc
	}
	return cur, true
}

func (m *measurer) measure(text string, style SpanStyle) float32 {
	st := style & (StyleBold | StyleItalic | styleInRTL)
	sl := slot(st)
	m.mu.RLock()
	w, ok := m.widths[sl][text]
	m.mu.RUnlock()
	if ok {
		return w
	}
	w = 0
	m.segments(text, st, func(seg string, face int) { w += m.segmentWidth(seg, st, face) })
	m.mu.Lock()
	if m.n++; m.n > maxWidths {
		for i := range m.widths {
			m.widths[i] = map[string]float32{}
		}
		m.n = 0
	}
	m.widths[sl][strings.Clone(text)] = w
	m.mu.Unlock()
	return w
}

// segmentWidth is the advance of seg drawn with one face, as canvas.Text
// with that FontSource draws it.
func (m *measurer) segmentWidth(seg string, style SpanStyle, face int) float32 {
	st := style & (StyleBold | StyleItalic)
	size := m.sizeOf(style, face)
	if face != faceNone && !strings.ContainsAny(seg, "\t\r") {
		if f := m.faces[st][face].face(); f != nil {
			return shapeWidth(seg, f, fixed.Int26_6(float64(size)*64))
		}
	}
	s, _ := fyne.CurrentApp().Driver().RenderedTextSize(seg, size, textStyle(st), m.source(st, face))
	return s.Width
}

// lazyFace is a font parsed when a character first needs it. Parsed
// faces stay in memory for good, and most labels never need the italic
// faces or the emoji font: parsing every face of every style up front
// cost 20 MB of the window's memory at start (tools/benchharness, cold start).
type lazyFace struct {
	res  fyne.Resource
	once sync.Once
	f    *font.Face
}

func (l *lazyFace) face() *font.Face {
	l.once.Do(func() { l.f = parsedFont(l.res) })
	return l.f
}

// oneFace is a shaping.Fontmap of a single face, as Fyne's painter uses
// for a canvas.Text with a FontSource.
type oneFace struct{ f *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.f }

// theShaper is one HarfBuzz shaper, whose font and plan caches make
// repeated shaping cheap. Its lock also guards the go-text faces, which keep
// unsynchronised caches.
var theShaper struct {
	sync.Mutex
	hb  shaping.HarfbuzzShaper
	seg shaping.Segmenter
	buf []rune
	pen render.Renderer // draws line images (paragraph_ink.go)
}

// shapeWidth is the advance of text shaped with face f as Fyne's painter
// shapes it (painter.walkString: split by the segmenter at base direction
// left-to-right, each run shaped).
func shapeWidth(text string, f *font.Face, size fixed.Int26_6) float32 {
	s := &theShaper
	s.Lock()
	defer s.Unlock()
	if s.buf == nil {
		s.hb.SetFontCacheSize(16) // the default, 0, caches nothing
	}
	s.buf = s.buf[:0]
	for _, r := range text {
		s.buf = append(s.buf, r)
	}
	in := shaping.Input{
		Text: s.buf, RunStart: 0, RunEnd: len(s.buf),
		Direction: di.DirectionLTR, Face: f, Size: size,
	}
	adv := float32(0)
	for _, run := range s.seg.Split(in, oneFace{f}) {
		out := s.hb.Shape(run)
		adv += float32(out.Advance) / 64
	}
	return adv
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

// fallbackFont is the face Fyne falls back to for characters the theme's
// font lacks (see painter.CachedFontFace).
func fallbackFont(s fyne.TextStyle) fyne.Resource { return annalstheme.LatinFont(s) }
