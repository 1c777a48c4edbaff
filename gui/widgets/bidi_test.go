package widgets

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fixedMeasure makes every character 10 units wide.
func fixedMeasure(text string, _ SpanStyle) float32 {
	return 10 * float32(utf8.RuneCountInString(text))
}

func plain(s string) []Span { return []Span{{Text: s}} }

// visual lists a line's run texts from left to right.
func visual(ln Line) []string {
	out := make([]string, len(ln.Runs))
	for i, r := range ln.Runs {
		out[i] = r.Text
	}
	return out
}

func runX(t *testing.T, ln Line, text string) float32 {
	t.Helper()
	for _, r := range ln.Runs {
		if r.Text == text {
			return r.X
		}
	}
	t.Fatalf("no run %q in %q", text, visual(ln))
	return 0
}

func TestLayoutOrder(t *testing.T) {
	tests := []struct {
		name  string
		spans []Span
		dir   Direction
		want  []string // display order, left to right, on one line
		rtl   bool
	}{
		{
			name:  "arabic with latin name and number",
			spans: plain("أطلق نموذج QwQ في نوفمبر 2024"),
			dir:   DirRTL, rtl: true,
			want: []string{"2024", "نوفمبر", "في", "QwQ", "نموذج", "أطلق"},
		},
		{
			name:  "final full stop of an arabic sentence sits at the left end",
			spans: plain("أطلق نموذج QwQ في نوفمبر 2024."),
			dir:   DirAuto, rtl: true,
			want: []string{".", "2024", "نوفمبر", "في", "QwQ", "نموذج", "أطلق"},
		},
		{
			name:  "latin words inside arabic keep their order",
			spans: plain("يحتل نموذج Deep Seek المرتبة"),
			dir:   DirRTL, rtl: true,
			want: []string{"المرتبة", "Deep", "Seek", "نموذج", "يحتل"},
		},
		{
			name:  "brackets around a latin name are mirrored",
			spans: plain("نموذج (QwQ) المملوك"),
			dir:   DirRTL, rtl: true,
			want: []string{"المملوك", "(", "QwQ", ")", "نموذج"},
		},
		{
			name:  "number glued to an arabic prefix",
			spans: plain("مقارنة بـ16000 شريحة"),
			dir:   DirRTL, rtl: true,
			want: []string{"شريحة", "16000", "بـ", "مقارنة"},
		},
		{
			name:  "arabic comma after a word",
			spans: plain("الثاني، بفارق"),
			dir:   DirRTL, rtl: true,
			want: []string{"بفارق", "،", "الثاني"},
		},
		{
			name:  "english is not reordered",
			spans: plain("Alibaba released QwQ in November 2024."),
			dir:   DirAuto,
			want:  []string{"Alibaba", "released", "QwQ", "in", "November", "2024."},
		},
		{
			name:  "arabic quoted in english with a number after it",
			spans: plain("He said مرحبا 2024 ok"),
			dir:   DirLTR,
			want:  []string{"He", "said", "2024", "مرحبا", "ok"},
		},
		{
			name:  "forced LTR on arabic keeps word order reversed but left-aligned",
			spans: plain("مرحبا بكم"),
			dir:   DirLTR,
			want:  []string{"بكم", "مرحبا"},
		},
		{
			name:  "auto direction from the first strong character",
			spans: plain("2024 أطلق QwQ"),
			dir:   DirAuto, rtl: true,
			want: []string{"QwQ", "أطلق", "2024"},
		},
		{
			name: "styles split runs but not the order",
			spans: []Span{
				{Text: "أطلق نموذج "},
				{Text: "QwQ", Style: StyleLink, Link: "https://qwenlm.github.io"},
				{Text: " في ", Style: StyleBold},
				{Text: "نوفمبر", Style: StyleMention, Tag: "date:2024-11"},
			},
			dir: DirRTL, rtl: true,
			want: []string{"نوفمبر", "في", "QwQ", "نموذج", "أطلق"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Prepare(tc.spans, tc.dir, fixedMeasure)
			if p.RTL() != tc.rtl {
				t.Fatalf("RTL() = %v, want %v", p.RTL(), tc.rtl)
			}
			lines := p.Layout(1000)
			if len(lines) != 1 {
				t.Fatalf("got %d lines, want 1", len(lines))
			}
			got := visual(lines[0])
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("display order\n got %q\nwant %q", got, tc.want)
			}
			ln := lines[0]
			left, right := ln.Runs[0].X, ln.Runs[len(ln.Runs)-1].X+ln.Runs[len(ln.Runs)-1].Width
			if tc.rtl && right != 1000 {
				t.Errorf("RTL line ends at %v, want right-aligned at 1000", right)
			}
			if !tc.rtl && left != 0 {
				t.Errorf("LTR line starts at %v, want 0", left)
			}
			for i := 1; i < len(ln.Runs); i++ {
				if ln.Runs[i].X < ln.Runs[i-1].X+ln.Runs[i-1].Width {
					t.Errorf("run %q overlaps %q", ln.Runs[i].Text, ln.Runs[i-1].Text)
				}
			}
		})
	}
}

// The acceptance test, spelled out by position.
func TestQwQSentencePositions(t *testing.T) {
	p := Prepare(plain("أطلق نموذج QwQ في نوفمبر 2024"), DirRTL, fixedMeasure)
	ln := p.Layout(800)[0]
	qwq, model, in, year := runX(t, ln, "QwQ"), runX(t, ln, "نموذج"), runX(t, ln, "في"), runX(t, ln, "2024")
	if qwq >= model {
		t.Errorf("QwQ (x=%v) is not left of نموذج (x=%v)", qwq, model)
	}
	if qwq <= in {
		t.Errorf("QwQ (x=%v) is not right of في (x=%v)", qwq, in)
	}
	for _, r := range ln.Runs {
		if r.Text != "2024" && r.X <= year {
			t.Errorf("2024 (x=%v) is not the leftmost run: %q is at %v", year, r.Text, r.X)
		}
	}
	// gaps: every pair of neighbouring words is one space (10) apart
	for i := 1; i < len(ln.Runs); i++ {
		if gap := ln.Runs[i].X - (ln.Runs[i-1].X + ln.Runs[i-1].Width); gap != 10 {
			t.Errorf("gap between %q and %q is %v, want 10", ln.Runs[i-1].Text, ln.Runs[i].Text, gap)
		}
	}
}

func TestLayoutWrap(t *testing.T) {
	t.Run("arabic first words on the first line at the right edge", func(t *testing.T) {
		p := Prepare(plain("أطلق نموذج QwQ في نوفمبر 2024"), DirRTL, fixedMeasure)
		lines := p.Layout(120) // "أطلق نموذج" is 4+1+5 = 10 characters
		if len(lines) < 2 {
			t.Fatalf("got %d lines, want a wrap", len(lines))
		}
		first := lines[0]
		if got := strings.Join(visual(first), " "); got != "نموذج أطلق" {
			t.Errorf("first line (left to right) = %q, want %q", got, "نموذج أطلق")
		}
		r := first.Runs[len(first.Runs)-1]
		if r.Text != "أطلق" || r.X+r.Width != 120 {
			t.Errorf("rightmost run %q ends at %v, want أطلق at 120", r.Text, r.X+r.Width)
		}
		if first.Start != 0 || lines[1].Start != 11 {
			t.Errorf("line starts %d, %d, want 0, 11", first.Start, lines[1].Start)
		}
		for _, ln := range lines {
			if ln.Width > 120 {
				t.Errorf("line %q is %v wide", visual(ln), ln.Width)
			}
		}
	})
	t.Run("english wraps at spaces, left-aligned", func(t *testing.T) {
		p := Prepare(plain("one two three four"), DirAuto, fixedMeasure)
		lines := p.Layout(90)
		var got []string
		for _, ln := range lines {
			got = append(got, strings.Join(visual(ln), " "))
			if ln.Runs[0].X != 0 {
				t.Errorf("line %q starts at %v", visual(ln), ln.Runs[0].X)
			}
		}
		if strings.Join(got, "/") != "one two/three/four" {
			t.Errorf("lines = %q", got)
		}
	})
	t.Run("a word longer than the line overflows on its own line", func(t *testing.T) {
		p := Prepare(plain("a verylongword b"), DirAuto, fixedMeasure)
		lines := p.Layout(50)
		if len(lines) != 3 || visual(lines[1])[0] != "verylongword" {
			t.Errorf("lines = %v", lines)
		}
	})
	t.Run("empty and blank paragraphs have no lines", func(t *testing.T) {
		for _, s := range []string{"", "   "} {
			if lines := Prepare(plain(s), DirAuto, fixedMeasure).Layout(100); len(lines) != 0 {
				t.Errorf("%q: %d lines", s, len(lines))
			}
		}
	})
}

func TestReorderL2(t *testing.T) {
	tests := []struct {
		name   string
		levels []uint8
		want   []int // logical indices in display order
	}{
		{"all ltr", []uint8{0, 0, 0}, []int{0, 1, 2}},
		{"all rtl", []uint8{1, 1, 1}, []int{2, 1, 0}},
		{"ltr inside rtl", []uint8{1, 1, 2, 2, 1}, []int{4, 2, 3, 1, 0}},
		{"number inside rtl inside ltr", []uint8{0, 1, 2, 1, 0}, []int{0, 3, 2, 1, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := make([]item, len(tc.levels))
			pcs := make([]piece, len(tc.levels))
			for i, l := range tc.levels {
				pcs[i].start = i
				items[i] = item{pc: &pcs[i], level: l}
			}
			reorderL2(items)
			for i, it := range items {
				if it.pc.start != tc.want[i] {
					t.Fatalf("got order %v, want %v", items, tc.want)
				}
			}
		})
	}
}

func TestHitTest(t *testing.T) {
	s := "أطلق نموذج QwQ في نوفمبر 2024"
	p := Prepare(plain(s), DirRTL, fixedMeasure)
	lines := p.Layout(800)
	ln := lines[0]
	find := func(text string) Run {
		for _, r := range ln.Runs {
			if r.Text == text {
				return r
			}
		}
		t.Fatalf("no run %q", text)
		return Run{}
	}
	qwq := find("QwQ")
	off, ok := p.HitTest(lines, 20, qwq.X+15, 5) // second letter of QwQ
	if !ok || p.Substring(off, off+1) != "w" {
		t.Errorf("tap on QwQ: offset %d (%q), ok %v", off, p.Substring(off, off+1), ok)
	}
	first := find("أطلق")
	off, ok = p.HitTest(lines, 20, first.X+first.Width-5, 5) // right edge: first letter
	if !ok || off != 0 {
		t.Errorf("tap on the first letter: offset %d, ok %v", off, ok)
	}
	if _, ok := p.HitTest(lines, 20, 10, 5); ok {
		t.Errorf("tap left of a right-aligned line hit text")
	}
	if _, ok := p.HitTest(lines, 20, 790, 25); ok {
		t.Errorf("tap below the last line hit text")
	}
}
