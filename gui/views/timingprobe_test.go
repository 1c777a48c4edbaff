package views

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
)

// With ANNALS_TIMING set, the probe laid over a window logs the tap, the
// article's text set and the frame that painted it, in that order; the
// software test painter calls the probe's generator as the GL one does.
func TestTimingProbeLogsTapToTextFrame(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "timing.log")
	t.Setenv("ANNALS_TIMING", logPath)
	t.Setenv("ANNALS_CPUPROFILE", "")
	stop := StartTiming(quiet())
	t.Cleanup(func() { timing = nil })
	if timing == nil {
		t.Fatal("the probe is off with ANNALS_TIMING set")
	}
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	res, err := lib.ImportFile(context.Background(), testenv.SeedHTML(t)).Wait()
	if err != nil {
		t.Fatal(err)
	}
	id := res.IDs[0]
	shown := make(chan int64, 8)
	var w fyne.Window
	fynedo.Do(func() {
		r := NewReader(lib, quiet(), a.Preferences())
		r.OnShown = func(id int64) { shown <- id }
		w = a.NewWindow("probe")
		w.SetContent(r.Content())
		AddTimingProbe(w)
		w.Resize(fyne.NewSize(900, 600))
		w.Canvas().Capture() // the first frame
		timing.input("tap")
		r.Open(id)
	})
	wait(t, shown, "the article")
	fynedo.Do(func() { w.Canvas().Capture() }) // the frame with the text
	stop()
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	var tapFrame int
	var tapIn, textAt int64
	paints := map[int]int64{}
	launchFrame := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		switch f[0] {
		case "rec":
			fr, _ := strconv.Atoi(f[1])
			if f[5] == "launch" {
				launchFrame = fr
			}
			if f[2] == "tap" && strings.HasPrefix(f[5], "text:"+strconv.FormatInt(id, 10)+":") {
				// The UI thread's CPU time at the change (a glide's frames
				// are timed from it) follows the one at the input.
				if len(f) != 9 {
					t.Errorf("a record of %d fields, want 9: %q", len(f), line)
				} else if cpu, _ := strconv.ParseInt(f[8], 10, 64); cpu <= 0 {
					t.Errorf("no CPU time at the change: %q", line)
				}
				tapFrame = fr
				tapIn, _ = strconv.ParseInt(f[3], 10, 64)
				textAt, _ = strconv.ParseInt(f[6], 10, 64)
			}
		case "paint":
			fr, _ := strconv.Atoi(f[1])
			paints[fr], _ = strconv.ParseInt(f[2], 10, 64)
		}
	}
	if launchFrame != 1 {
		t.Errorf("the first frame is %d, want 1\n%s", launchFrame, b)
	}
	if tapFrame == 0 {
		t.Fatalf("no tap → text record in the log:\n%s", b)
	}
	paint, ok := paints[tapFrame]
	if !ok {
		t.Fatalf("frame %d of the text never painted:\n%s", tapFrame, b)
	}
	if !(tapIn > 0 && tapIn <= textAt && textAt <= paint) {
		t.Errorf("times out of order: tap %d, text set %d, painted %d", tapIn, textAt, paint)
	}
}
