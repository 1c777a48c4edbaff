package widgets

import (
	"container/list"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// Drawing a line's text as one image (Paragraph.LineImages), the reader's
// rows. A canvas.Text costs Fyne's GL painter, for every text it has not
// drawn before: shaping it twice (once for its MinSize, once to draw it),
// each time with a new HarfBuzz font and shaping plan built from the face,
// and rasterising it through the generic, allocating image.NRGBA path. The
// cold open of the 1,000-paragraph article drew ~150 texts on its first
// screen and spent ~60 ms of the UI thread there, over half of it in those
// fonts, plans and the second shaping (perf, tools/uitiming; issue 19).
//
// Here the words of a line are drawn into one image with the measurer's own
// shaper (its fonts and plans kept) onto premultiplied RGBA: each text as
// Fyne would draw it as a texture of its own (walkString: the segmenter at
// a left-to-right base, each run shaped with the text's one face, drawn
// from the ceiling of its ascent), at the same snapped place, its glyphs
// rasterised as go-text's renderer (Fyne's) does but once per glyph and
// quarter pixel (drawGlyphs). A canvas.Raster per line shows the image;
// drawn lines are kept (inkCache) so a line shown again (scrolling back,
// reopening an article) is not drawn again.

// inkPiece is one text of a line image, as the renderer would otherwise
// have given a canvas.Text: its text, face, style (with styleInRTL: the
// size), colour and its box's top left relative to the image, in the
// paragraph's units (positions snapped to whole pixels), and its box's
// width and height.
type inkPiece struct {
	text   string
	face   int
	style  SpanStyle
	col    color.Color
	x, top float32
	w, h   float32
}

// lineInk is the raster of one line and what it draws.
type lineInk struct {
	raster *canvas.Raster
	ms     *measurer
	pieces []inkPiece
	// scale is the canvas scale the pieces were placed for; w, h the
	// raster's size (whole pixels at scale).
	scale float32
	w, h  float32
	key   string
}

func newLineInk() *lineInk {
	l := &lineInk{}
	l.raster = canvas.NewRaster(l.generate)
	return l
}

// set gives the line its pieces (positions in the paragraph) and places the
// raster around their boxes, snapped outwards to whole pixels; the raster
// is drawn again only when what it shows changed.
func (l *lineInk) set(ms *measurer, pieces []inkPiece, scale float32) {
	x0, y0 := float32(math.MaxFloat32), float32(math.MaxFloat32)
	x1, y1 := float32(-math.MaxFloat32), float32(-math.MaxFloat32)
	for _, pc := range pieces {
		x0, y0 = min(x0, pc.x), min(y0, pc.top)
		x1, y1 = max(x1, pc.x+pc.w+inkPad(pc)), max(y1, pc.top+pc.h)
	}
	floor := func(v float32) float32 { return float32(math.Floor(float64(v*scale))) / scale }
	ceil := func(v float32) float32 { return float32(math.Ceil(float64(v*scale))) / scale }
	x0, y0, x1, y1 = floor(x0), floor(y0), ceil(x1)+1/scale, ceil(y1)
	var key strings.Builder
	key.WriteString(strconv.FormatFloat(float64(scale), 'g', -1, 32))
	for i := range pieces {
		pc := &pieces[i]
		pc.x -= x0
		pc.top -= y0
		key.WriteByte(0)
		key.WriteString(pc.text)
		key.WriteByte(0)
		cr, cg, cb, ca := pc.col.RGBA()
		for _, v := range []int{pc.face, int(pc.style), int(cr), int(cg), int(cb), int(ca),
			int(math.Round(float64(pc.x * scale))), int(math.Round(float64(pc.top * scale))), int(math.Round(float64(pc.h * scale)))} {
			key.WriteString(strconv.Itoa(v))
			key.WriteByte(',')
		}
	}
	key.WriteString(strconv.FormatFloat(float64(ms.size), 'g', -1, 32))
	key.WriteString(ms.fontKey)
	l.raster.Move(fyne.NewPos(x0, y0))
	l.raster.Resize(fyne.NewSize(x1-x0, y1-y0))
	if k := key.String(); k != l.key || l.ms != ms {
		l.ms, l.pieces, l.scale, l.w, l.h, l.key = ms, pieces, scale, x1-x0, y1-y0, k
		l.raster.Refresh()
	} else {
		l.w, l.h = x1-x0, y1-y0
	}
}

// inkPad is the room an italic text's lean takes beyond its advance, as
// Fyne's painter leaves it (painter.VectorPad).
func inkPad(pc inkPiece) float32 {
	if pc.style&StyleItalic != 0 {
		return pc.h / 5
	}
	return 0
}

// generate is the raster's generator: the painter calls it, on the UI
// thread, with the raster's size in pixels.
func (l *lineInk) generate(pw, ph int) image.Image {
	if l.ms == nil || pw <= 0 || ph <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	s := l.scale
	// The GL painter's pixels per unit are the canvas scale times the
	// framebuffer's (2 on a Retina screen).
	for _, try := range []float32{l.scale, 2 * l.scale} {
		if int(math.Round(float64(l.w*try))) == pw {
			s = try
			break
		}
		s = float32(pw) / l.w
	}
	return l.ms.lineImage(l.key, l.pieces, s, pw, ph)
}

// lineImage draws pieces into an image of pw×ph pixels at s pixels per
// unit, or returns the one drawn before for the same key and size.
func (m *measurer) lineImage(key string, pieces []inkPiece, s float32, pw, ph int) *image.RGBA {
	ck := key + "|" + strconv.Itoa(pw) + "x" + strconv.Itoa(ph) + "@" + strconv.FormatFloat(float64(s), 'g', -1, 32)
	if img := inks.get(ck); img != nil {
		return img
	}
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	for _, pc := range pieces {
		m.drawPiece(img, pc, s)
	}
	inks.put(ck, img)
	return img
}

// drawPiece draws pc into dst at s pixels per unit as Fyne's painter draws
// a canvas.Text of it into its texture (painter.DrawString, walkString and
// shapeCallback), the texture's top left at the piece's place rounded to a
// pixel.
func (m *measurer) drawPiece(dst *image.RGBA, pc inkPiece, s float32) {
	st := pc.style & (StyleBold | StyleItalic)
	lf := m.faces[st][pc.face]
	if lf == nil {
		return
	}
	f := lf.face()
	if f == nil {
		return
	}
	size := m.sizeOf(pc.style, pc.face)
	ox := int(math.Round(float64(pc.x * s)))
	oy := int(math.Round(float64(pc.top * s)))
	pw := int(math.Ceil(float64((pc.w+inkPad(pc))*s))) + 1
	ph := int(math.Ceil(float64(pc.h * s)))
	box := image.Rect(ox, oy, ox+pw, oy+ph)
	if !box.In(dst.Rect) {
		box = box.Intersect(dst.Rect)
		if box.Empty() {
			return
		}
	}
	// The renderer draws relative to the sub-image's corner; a box cut
	// on the left or top moves that corner, so the pen moves back by as
	// much.
	sub := dst.SubImage(box).(*image.RGBA)
	dx, dy := ox-box.Min.X, oy-box.Min.Y

	sh := &theShaper
	sh.Lock()
	defer sh.Unlock()
	if sh.buf == nil {
		sh.hb.SetFontCacheSize(16)
	}
	runes := []rune(pc.text)
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: di.DirectionLTR, Face: f, Size: fixed.Int26_6(float64(size) * 64)}
	r := &sh.pen
	r.FontSize, r.PixScale, r.Color = size, s, pc.col
	x := float32(0)
	y := math.MinInt
	draw := func(out shaping.Output) {
		if y == math.MinInt {
			y = int(math.Ceil(float64(float32(out.LineBounds.Ascent) / 64 * s)))
		}
		if len(out.Glyphs) == 1 && out.Glyphs[0].GlyphID == 0 {
			r.DrawStringAt("\ufffd", sub, int(x)+dx, y+dy, f)
			return
		}
		drawGlyphs(r, out, sub, int(x)+dx, y+dy, size, s, pc.col)
	}
	for _, run := range sh.seg.Split(in, oneFace{f}) {
		out := sh.hb.Shape(run)
		// as shapeCallback: a glyph the face lacks is drawn on its own
		glyphs := out.Glyphs
		start := 0
		var adv fixed.Int26_6
		for i, g := range glyphs {
			if g.GlyphID != 0 {
				adv += g.XAdvance
				continue
			}
			if i > start {
				out.Glyphs = glyphs[start:i]
				draw(out)
				x += float32(adv) / 64 * s
			}
			out.Glyphs = glyphs[i : i+1]
			draw(out)
			x += float32(g.XAdvance) / 64 * s
			adv = 0
			start = i + 1
		}
		if start < len(glyphs) {
			out.Glyphs = glyphs[start:]
			draw(out)
			x += float32(adv) / 64 * s
		}
	}
}

// drawGlyphs draws a shaped run as render.Renderer.DrawShapedRunAt does,
// glyph by glyph at the same pen positions, each outline glyph from a mask
// drawn once per face, glyph, size and quarter-pixel offset (glyphMasks):
// the letters of a screen of text repeat, and rasterising every one of
// them again was most of a line image's cost. A glyph lands within an
// eighth of a pixel of where the renderer puts it. Bitmap and SVG glyphs
// (emoji) go to the renderer.
func drawGlyphs(r *render.Renderer, run shaping.Output, dst *image.RGBA, startX, startY int, size, s float32, col color.Color) {
	scale := size * s / float32(run.Face.Upem())
	src := image.NewUniform(col)
	x, y := float32(startX), float32(startY)
	for _, g := range run.Glyphs {
		xPos := x + float32(g.XOffset)/64*s
		yPos := y - float32(g.YOffset)/64*s
		ix, fx := quarter(xPos)
		iy, fy := quarter(yPos)
		key := glyphKey{face: run.Face, gid: g.GlyphID, scale: scale, fx: fx, fy: fy}
		m, ok := glyphMasks.m[key]
		if !ok {
			switch data := run.Face.GlyphData(g.GlyphID).(type) {
			case font.GlyphOutline:
				m = newGlyphMask(data, scale, fx, fy)
			default:
				one := run
				one.Glyphs = []shaping.Glyph{g}
				one.Glyphs[0].XOffset, one.Glyphs[0].YOffset = 0, 0
				r.DrawShapedRunAt(one, dst, int(xPos), int(yPos))
				x += float32(g.XAdvance) / 64 * s
				continue
			}
			if len(glyphMasks.m) >= maxGlyphMasks {
				glyphMasks.m = map[glyphKey]*glyphMask{}
			}
			glyphMasks.m[key] = m
		}
		if m != nil {
			// relative to dst's corner, as the renderer draws
			b := m.img.Rect.Add(image.Pt(ix+m.dx, iy+m.dy).Add(dst.Rect.Min))
			draw.DrawMask(dst, b, src, image.Point{}, m.img, m.img.Rect.Min, draw.Over)
		}
		x += float32(g.XAdvance) / 64 * s
	}
}

// quarter splits v into its whole pixel and its nearest quarter.
func quarter(v float32) (int, uint8) {
	i := math.Floor(float64(v))
	q := int(math.Round((float64(v) - i) * 4))
	if q == 4 {
		return int(i) + 1, 0
	}
	return int(i), uint8(q)
}

type glyphKey struct {
	face   *font.Face
	gid    font.GID
	scale  float32
	fx, fy uint8
}

// glyphMask is a glyph's coverage; its top left is (dx, dy) from the pen's
// whole pixel. nil: nothing to draw (a space).
type glyphMask struct {
	img    *image.Alpha
	dx, dy int
}

// glyphMasks is guarded by theShaper's lock (drawPiece holds it).
var glyphMasks = struct{ m map[glyphKey]*glyphMask }{m: map[glyphKey]*glyphMask{}}

const maxGlyphMasks = 1 << 14

// newGlyphMask rasterises outline at scale (pixels per font unit), the pen
// at (fx/4, fy/4) past a whole pixel, as render.Renderer's drawOutline
// does.
func newGlyphMask(outline font.GlyphOutline, scale float32, fx, fy uint8) *glyphMask {
	if len(outline.Segments) == 0 {
		return nil
	}
	px, py := float32(fx)/4, float32(fy)/4
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := float32(-math.MaxFloat32), float32(-math.MaxFloat32)
	for _, seg := range outline.Segments {
		for _, a := range seg.ArgsSlice() {
			minX, maxX = min(minX, a.X*scale+px), max(maxX, a.X*scale+px)
			minY, maxY = min(minY, -a.Y*scale+py), max(maxY, -a.Y*scale+py)
		}
	}
	left, top := int(math.Floor(float64(minX)))-1, int(math.Floor(float64(minY)))-1
	right, bottom := int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1
	w, h := right-left, bottom-top
	img := image.NewAlpha(image.Rect(0, 0, w, h))
	scanner := rasterx.NewScannerGV(w, h, img, img.Bounds())
	f := rasterx.NewFiller(w, h, scanner)
	f.SetColor(color.White)
	ox, oy := px-float32(left), py-float32(top)
	pt := func(a opentype.SegmentPoint) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6((a.X*scale + ox) * 64), Y: fixed.Int26_6((-a.Y*scale + oy) * 64)}
	}
	for _, seg := range outline.Segments {
		switch seg.Op {
		case opentype.SegmentOpMoveTo:
			f.Start(pt(seg.Args[0]))
		case opentype.SegmentOpLineTo:
			f.Line(pt(seg.Args[0]))
		case opentype.SegmentOpQuadTo:
			f.QuadBezier(pt(seg.Args[0]), pt(seg.Args[1]))
		case opentype.SegmentOpCubeTo:
			f.CubeBezier(pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
		}
	}
	f.Stop(true)
	f.Draw()
	return &glyphMask{img: img, dx: left, dy: top}
}

// DrawnText is a text a paragraph draws, as a canvas.Text or in a line
// image, with the face it is drawn with.
type DrawnText struct {
	Text   string
	Source fyne.Resource // nil: Fyne's own chain of faces
}

// DrawnTexts returns the texts the paragraph draws now, in the order it
// draws them (for tests: which face draws which word).
func (p *Paragraph) DrawnTexts() []DrawnText {
	p.mu.Lock()
	r := p.rend
	p.mu.Unlock()
	if r == nil {
		return nil
	}
	inkOf := map[fyne.CanvasObject]*lineInk{}
	for _, l := range r.inks {
		inkOf[l.raster] = l
	}
	var out []DrawnText
	for _, o := range r.objects {
		switch o := o.(type) {
		case *canvas.Text:
			if o.Visible() {
				out = append(out, DrawnText{Text: o.Text, Source: o.FontSource})
			}
		case *canvas.Raster:
			if l := inkOf[o]; l != nil && l.ms != nil {
				for _, pc := range l.pieces {
					out = append(out, DrawnText{Text: pc.text, Source: l.ms.source(pc.style, pc.face)})
				}
			}
		}
	}
	return out
}

// inkCache keeps drawn line images, the least recently used dropped past
// maxInkBytes.
type inkCache struct {
	mu    sync.Mutex
	items map[string]*list.Element
	order list.List // front: most recently used
	bytes int
}

type inkEntry struct {
	key string
	img *image.RGBA
}

// maxInkBytes bounds the kept line images: at 1× a line of the reader is
// ~60 KB, so ~500 lines, a few screens of scrolling back.
const maxInkBytes = 32 << 20

var inks = &inkCache{items: map[string]*list.Element{}}

func (c *inkCache) get(key string) *image.RGBA {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*inkEntry).img
	}
	return nil
}

func (c *inkCache) put(key string, img *image.RGBA) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	c.items[key] = c.order.PushFront(&inkEntry{key: key, img: img})
	c.bytes += len(img.Pix)
	for c.bytes > maxInkBytes && c.order.Len() > 1 {
		e := c.order.Back()
		old := e.Value.(*inkEntry)
		c.order.Remove(e)
		delete(c.items, old.key)
		c.bytes -= len(old.img.Pix)
	}
}
