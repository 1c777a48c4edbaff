package views

import (
	"bufio"
	"fmt"
	"image"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	log "github.com/sirupsen/logrus"

	"annals/internal/cputime"
)

// The timing probe (issue 19) measures, inside the running app, how long a
// change takes to reach the screen: from the input event (a tap on a
// library row, a wheel step, a key) through the change it causes (the
// article's text set, the scroll offset moved, the timeline's period
// changed) to the first frame painted after it. It is off unless the
// environment names a log file (ANNALS_TIMING=/path/log); tools/uitiming
// sets it and reads the log. Off, every hook is a nil check.
//
// Fyne has no per-frame hook, so the probe is a 1×1 transparent
// canvas.Raster laid over the window's content (last, so it is painted
// after everything else in the window). A change refreshes it; Fyne 2.7.1
// then frees its texture (Canvas.FreeDirtyTextures at the start of
// gLDriver.repaintWindow) and the GL painter calls its generator again
// from painter.newGlRasterTexture while it paints the next frame: inside
// glCanvas.paint, after the content under it was drawn and BEFORE
// view.SwapBuffers (internal/driver/glfw/loop.go, repaintWindow). So
// "paint" is when the frame's draw calls were issued; with software
// OpenGL (llvmpipe) most pixels are rasterised at the swap. The generator
// also queues a fyne.Do: the driver's loop runs it after drawSingleFrame
// returns, so "after" is once the frame was swapped (late by a whole tick
// when the next tick was already due: a frame over 16 ms).
//
// Times are monotonic, in ns since the probe started, with the wall clock
// of the input and of the paint beside them so that a harness outside the
// process can measure what the X server and xdotool add, and the UI
// thread's CPU time (threadCPU; -1 where unknown) at the input and at the
// paint: their difference is the UI thread's work for that frame however
// busy the machine is.
//
// Log lines (tab-separated):
//
//	start	<wall ns of the probe's start>
//	rec	<frame>	<input kind or ->	<input ns>	<input wall ns>	<change>	<change ns>	<input cpu ns>	<change cpu ns>
//	paint	<frame>	<paint ns>	<paint wall ns>	<paint cpu ns>
//	after	<frame>	<after ns>
//
// Frame 1 is the window's first frame (the probe is painted with it).
type timingProbe struct {
	mu      sync.Mutex
	base    time.Time
	out     *bufio.Writer
	file    *os.File
	raster  *canvas.Raster
	holder  *fyne.Container
	pixel   *image.RGBA
	frame   int
	pending []timingRecord
}

type timingRecord struct {
	input   string // "" when the change had no input event (a load finished)
	in      time.Duration
	inWall  int64
	inCPU   time.Duration
	what    string
	changed time.Duration
	// changeCPU is the UI thread's CPU time at the change: to the paint it
	// is the frame's own work (a glide's frames have no input of their own).
	changeCPU time.Duration
	hasWhat   bool
}

// timing is the probe, nil unless ANNALS_TIMING is set.
var timing *timingProbe

// StartTiming turns the probe on when ANNALS_TIMING names a log file and
// starts a CPU profile when ANNALS_CPUPROFILE names one. The returned
// function stops both (call it when the window's loop has ended).
func StartTiming(logger *log.Logger) (stop func()) {
	var stops []func()
	if path := os.Getenv("ANNALS_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err != nil {
			logger.WithError(err).Warn("cpu profile")
		} else if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			logger.WithError(err).Warn("cpu profile")
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv("ANNALS_TIMING"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			logger.WithError(err).Warn("timing probe")
		} else {
			p := &timingProbe{base: time.Now(), file: f, out: bufio.NewWriter(f), pixel: image.NewRGBA(image.Rect(0, 0, 1, 1))}
			p.raster = canvas.NewRaster(p.generate)
			p.raster.Resize(fyne.NewSize(1, 1))
			p.holder = container.NewWithoutLayout(p.raster)
			fmt.Fprintf(p.out, "start\t%d\n", p.base.UnixNano())
			// The window's first frame paints the probe: its paint line is
			// the launch's first frame.
			p.pending = append(p.pending, timingRecord{what: "launch", changeCPU: -1, hasWhat: true})
			timing = p
			logger.WithField("log", path).Info("timing probe on")
			stops = append(stops, func() {
				p.mu.Lock()
				p.out.Flush()
				p.file.Close()
				p.mu.Unlock()
			})
		}
	}
	return func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
}

// AddTimingProbe lays the probe over w's content; nothing when it is off.
func AddTimingProbe(w fyne.Window) {
	if timing == nil {
		return
	}
	w.SetContent(container.NewStack(w.Content(), timing.holder))
}

// input records an input event about to be handled. An earlier input whose
// handling changed nothing on screen is dropped.
func (p *timingProbe) input(kind string) {
	if p == nil {
		return
	}
	now, cpu := time.Now(), threadCPU()
	p.mu.Lock()
	defer p.mu.Unlock()
	keep := p.pending[:0]
	for _, r := range p.pending {
		if r.hasWhat {
			keep = append(keep, r)
		}
	}
	p.pending = append(keep, timingRecord{input: kind, in: now.Sub(p.base), inWall: now.UnixNano(), inCPU: cpu})
}

// changed records a change that the next frame shows (attached to the
// latest input not yet followed by a change) and refreshes the probe so
// that the frame paints it.
func (p *timingProbe) changed(what string) {
	if p == nil {
		return
	}
	at, cpu := time.Since(p.base), threadCPU()
	p.mu.Lock()
	if n := len(p.pending); n > 0 && !p.pending[n-1].hasWhat {
		r := &p.pending[n-1]
		r.what, r.changed, r.changeCPU, r.hasWhat = what, at, cpu, true
	} else {
		p.pending = append(p.pending, timingRecord{what: what, changed: at, changeCPU: cpu, hasWhat: true})
	}
	p.mu.Unlock()
	p.raster.Refresh()
}

// generate is the raster's generator: the GL painter calls it while it
// paints a frame after the probe was refreshed (see the type's comment).
func (p *timingProbe) generate(w, h int) image.Image {
	now, cpu := time.Now(), threadCPU()
	at := now.Sub(p.base)
	p.mu.Lock()
	p.frame++
	frame := p.frame
	keep := p.pending[:0]
	for _, r := range p.pending {
		if !r.hasWhat { // an input still waiting for its change
			keep = append(keep, r)
			continue
		}
		in := "-"
		if r.input != "" {
			in = r.input
		}
		inCPU := r.inCPU
		if r.input == "" {
			inCPU = -1
		}
		fmt.Fprintf(p.out, "rec\t%d\t%s\t%d\t%d\t%s\t%d\t%d\t%d\n", frame, in, r.in, r.inWall, r.what, r.changed, inCPU, r.changeCPU)
	}
	p.pending = keep
	fmt.Fprintf(p.out, "paint\t%d\t%d\t%d\t%d\n", frame, at, now.UnixNano(), cpu)
	p.mu.Unlock()
	// Queued from the UI thread, this runs once the loop is back from
	// drawing (and swapping) the frame.
	fyne.Do(func() {
		after := time.Since(p.base)
		p.mu.Lock()
		fmt.Fprintf(p.out, "after\t%d\t%d\n", frame, after)
		p.out.Flush()
		p.mu.Unlock()
	})
	return p.pixel
}

// threadCPU is the CPU time the calling OS thread has used, -1 where it is
// not measured. The probe reads it on the UI thread (Fyne's GLFW driver
// locks its loop to the main thread), so from an input to the frame that
// shows its change it is the work the UI thread did, without the time it
// waited for a core on a busy machine (the software rasteriser's own
// threads are not counted).
func threadCPU() time.Duration {
	if d, ok := cputime.Thread(); ok {
		return d
	}
	return -1
}
