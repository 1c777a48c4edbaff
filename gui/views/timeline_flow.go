package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects at their minimum size in rows, wrapping to a
// new row when the width runs out, so that nothing is cut: the timeline's
// legend and an event's entity chips. Rows start from the right when rtl,
// as Arabic reads (Fyne's RowWrapLayout always starts from the left).
type flowLayout struct {
	rtl bool
	// height after the last Layout, for the width it was given; 0 before
	height float32
}

func newFlowLayout(rtl bool) *flowLayout { return &flowLayout{rtl: rtl} }

// MinSize is the widest object across, and as tall as the rows were at
// the last width laid out (one row before the first layout).
func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		w, h = max(w, s.Width), max(h, s.Height)
	}
	if l.height > 0 {
		h = l.height
	}
	return fyne.NewSize(w, h)
}

// Layout fills rows from the leading edge; an object wider than the row
// gets the row's width (a label in it wraps or truncates).
func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if s.Width > size.Width {
			s.Width = size.Width
			s.Height = max(s.Height, o.MinSize().Height)
		}
		if x > 0 && x+s.Width > size.Width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		o.Resize(s)
		if l.rtl {
			o.Move(fyne.NewPos(size.Width-x-s.Width, y))
		} else {
			o.Move(fyne.NewPos(x, y))
		}
		x += s.Width + pad
		rowH = max(rowH, s.Height)
	}
	l.height = y + rowH
}

// mirroredLayout lays objects out as inner does, then mirrors them across
// the container's width. The Arabic toolbar keeps its objects in reading
// order — so Tab goes search box, type, lanes, tools, as an Arabic reader
// reads — while they are drawn from the right edge leftwards; reversing
// the objects instead would make Tab run from the left.
type mirroredLayout struct{ inner fyne.Layout }

func (l mirroredLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return l.inner.MinSize(objects)
}

func (l mirroredLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.inner.Layout(objects, size)
	for _, o := range objects {
		p := o.Position()
		o.Move(fyne.NewPos(size.Width-p.X-o.Size().Width, p.Y))
	}
}
