package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The harness drives the real app the way tools/uishots does: its own Xvfb
// (1366×850, software OpenGL as in CI), a fresh home and preferences, the
// window at the top left (1200×780, the English interface), xdotool for the
// pointer and the keys, ImageMagick's import for screenshots.

// xserver is an Xvfb the harness started.
type xserver struct {
	display string
	cmd     *exec.Cmd
}

func startX(display, logPath string) (*xserver, error) {
	for _, tool := range []string{"Xvfb", "xdotool", "xdpyinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("%s is missing (apt-get install xvfb xdotool x11-utils)", tool)
		}
	}
	lf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("Xvfb", display, "-screen", "0", "1366x850x24", "-nolisten", "tcp")
	cmd.Stdout, cmd.Stderr = lf, lf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	x := &xserver{display: display, cmd: cmd}
	for range 100 {
		if exec.Command("xdpyinfo", "-display", display).Run() == nil {
			return x, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	x.stop()
	return nil, fmt.Errorf("Xvfb on %s did not start (is the display taken? see %s)", display, logPath)
}

func (x *xserver) stop() {
	x.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { x.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		x.cmd.Process.Kill()
		<-done
	}
}

// xdo runs xdotool on the harness's display; a command that has not ended
// within a minute (a wedged X server) is an error, not a stalled run.
func (x *xserver) xdo(args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %s: %v %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// click moves the pointer to (x, y) and clicks; it returns the wall clock
// just before xdotool was started.
func (x *xserver) click(px, py int) (time.Time, error) {
	if err := x.xdo("mousemove", strconv.Itoa(px), strconv.Itoa(py)); err != nil {
		return time.Time{}, err
	}
	t := time.Now()
	return t, x.xdo("click", "1")
}

// shot saves a screenshot of the whole screen.
func (x *xserver) shot(path string) error {
	cmd := exec.Command("import", "-display", x.display, "-window", "root", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("import: %v %s", err, out)
	}
	return nil
}

// app is one run of the Annals binary with the timing probe on.
type app struct {
	cmd     *exec.Cmd
	log     string // the probe's log
	started time.Time
	out     *os.File
	exited  chan struct{}
}

// startApp starts bin on db with a fresh home and preferences (config is
// emptied first), the probe logging to logPath and, when profile is set,
// a CPU profile written there at quit.
func startApp(x *xserver, bin, db, config, logPath, profile string) (*app, error) {
	os.RemoveAll(config)
	if err := os.MkdirAll(filepath.Join(config, "home"), 0o755); err != nil {
		return nil, err
	}
	os.Remove(logPath)
	out, err := os.Create(logPath + ".stderr")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(),
		"DISPLAY="+x.display,
		"HOME="+filepath.Join(config, "home"),
		"XDG_CONFIG_HOME="+filepath.Join(config, "xdg"),
		"LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8", "LANGUAGE=en",
		"LIBGL_ALWAYS_SOFTWARE=1",
		"ANNALS_TIMING="+logPath,
	)
	if profile != "" {
		cmd.Env = append(cmd.Env, "ANNALS_CPUPROFILE="+profile)
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	a := &app{cmd: cmd, log: logPath, out: out, exited: make(chan struct{})}
	a.started = time.Now()
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	go func() { cmd.Wait(); close(a.exited) }()
	return a, nil
}

// alive reports whether the app is still running.
func (a *app) alive() bool {
	select {
	case <-a.exited:
		return false
	default:
		return true
	}
}

// stop quits the app the way the system does (SIGTERM: it saves and ends
// its loop, writing the profile), killing it if it has not ended in 10 s.
func (a *app) stop() {
	defer a.out.Close()
	a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.exited:
	case <-time.After(10 * time.Second):
		a.cmd.Process.Kill()
		<-a.exited
	}
}

// probeLog is what the app's timing probe wrote so far.
type probeLog struct {
	startWall int64
	frames    map[int]*frame
	recs      []rec
}

type frame struct {
	paint, after time.Duration // monotonic since the probe's start; after 0 until known
	paintWall    int64
	paintCPU     time.Duration // the UI thread's CPU time at the paint; -1 unknown
}

type rec struct {
	frame   int
	input   string // "-" for none
	in      time.Duration
	inWall  int64
	what    string
	changed time.Duration
	inCPU   time.Duration // the UI thread's CPU time at the input; -1 unknown
	// changeCPU is the UI thread's CPU time at the change; -1 unknown.
	changeCPU time.Duration
}

func readProbe(path string) (*probeLog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := &probeLog{frames: map[int]*frame{}}
	get := func(n int) *frame {
		fr := l.frames[n]
		if fr == nil {
			fr = &frame{}
			l.frames[n] = fr
		}
		return fr
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		num := func(i int) int64 {
			if i >= len(p) {
				return 0
			}
			v, _ := strconv.ParseInt(p[i], 10, 64)
			return v
		}
		switch {
		case p[0] == "start" && len(p) == 2:
			l.startWall = num(1)
		case p[0] == "paint" && len(p) >= 4:
			fr := get(int(num(1)))
			fr.paint, fr.paintWall, fr.paintCPU = time.Duration(num(2)), num(3), -1
			if len(p) >= 5 {
				fr.paintCPU = time.Duration(num(4))
			}
		case p[0] == "after" && len(p) == 3:
			get(int(num(1))).after = time.Duration(num(2))
		case p[0] == "rec" && len(p) >= 7:
			r := rec{frame: int(num(1)), input: p[2], in: time.Duration(num(3)), inWall: num(4), what: p[5], changed: time.Duration(num(6)), inCPU: -1, changeCPU: -1}
			if len(p) >= 8 {
				r.inCPU = time.Duration(num(7))
			}
			if len(p) >= 9 {
				r.changeCPU = time.Duration(num(8))
			}
			l.recs = append(l.recs, r)
		}
	}
	return l, sc.Err()
}

// painted is the frame that showed r, once it is known with its "after".
func (l *probeLog) painted(r rec) (*frame, bool) {
	fr, ok := l.frames[r.frame]
	return fr, ok && fr.paint > 0 && fr.after > 0
}

// waitFor polls the probe's log until cond finds what it wants, the app
// exits or timeout passes.
func (a *app) waitFor(timeout time.Duration, what string, cond func(*probeLog) bool) (*probeLog, error) {
	deadline := time.Now().Add(timeout)
	for {
		l, err := readProbe(a.log)
		if err == nil && cond(l) {
			return l, nil
		}
		if !a.alive() {
			return l, fmt.Errorf("the app exited while waiting for %s (see %s.stderr)", what, a.log)
		}
		if time.Now().After(deadline) {
			return l, fmt.Errorf("no %s within %s (probe log %s)", what, timeout, a.log)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
