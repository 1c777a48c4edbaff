package main

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"annals/third_party/fyne/overlay"
)

// runColdStart builds the app, opens it on the 10k library under Xvfb and
// measures the time from the process's start to the "window shown" line
// in annals.log (the app writes it once the first frame is drawn; polled
// every 2 ms, as logrus timestamps have whole seconds only) and its
// resident memory 2 s later. The app runs with preferences of its own, as
// on a first start: it opens on the library, whichever section the last
// person to run Annals on this machine left it on.
func runColdStart(root, scratch, db string) {
	const sec = "cold start"
	if db == "" {
		skip("cold start: no 10k library was generated")
		return
	}
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		skip("cold start: xvfb-run is not installed (apt-get install xvfb xauth)")
		return
	}
	bin := filepath.Join(scratch, "annals-app")
	// The app as it ships: Fyne with third_party/fyne's patch.
	fyneFlags, err := overlay.BuildArgs(root)
	if err != nil {
		skip("cold start: the app does not build right now: %v", err)
		return
	}
	build := exec.Command("go", slices.Concat([]string{"build", "-tags", "sqlite_fts5 migrated_fynedo"}, fyneFlags, []string{"-o", bin, "."})...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		skip("cold start: the app does not build right now: %s", lastLine(string(out)))
		return
	}
	config := filepath.Join(scratch, "coldstart-config")
	os.RemoveAll(config)
	var starts []time.Duration
	var opened []time.Duration
	var rss, hwm []float64
	var mems []memory
	for run := range 3 {
		st, op, m, err := coldStartOnce(xvfb, bin, db, config)
		if err != nil {
			skip("cold start run %d: %v", run+1, err)
			return
		}
		starts, opened, rss, hwm = append(starts, st), append(opened, op), append(rss, m.rss), append(hwm, m.hwm)
		mems = append(mems, m)
	}
	add(sec, fmt.Sprintf("process start → \"window shown\" (%s articles)", articleCount(db)), ms(pct(starts, 50)), "ms").atMost(1000).
		note(fmt.Sprintf("median of 3 under xvfb-run; runs %s; library opened after %s", fmtDurs(starts), fmtDurs(opened)))
	// The median run's breakdown: anonymous memory (the Go heap, C
	// allocations) and mapped files (the binary, shared libraries).
	byRSS := slices.Clone(mems)
	slices.SortFunc(byRSS, func(a, b memory) int { return cmp.Compare(a.rss, b.rss) })
	mid := byRSS[1]
	slices.Sort(rss)
	slices.Sort(hwm)
	add(sec, "RSS 2 s after the window is shown", rss[1], "MB").atMost(200).
		note(fmt.Sprintf("peak (VmHWM) %.0f MB; anonymous %.0f MB, files %.0f MB; runs %s MB", hwm[1], mid.anon, mid.file, fmtMBs(mems)))
}

// memory is what /proc/PID/status says of a process, in MB.
type memory struct{ rss, hwm, anon, file float64 }

func fmtMBs(ms []memory) string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprintf("%.0f", m.rss))
	}
	return strings.Join(s, "/")
}

func fmtDurs(ds []time.Duration) string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%.0f", ms(d)))
	}
	return strings.Join(s, "/") + " ms"
}

func coldStartOnce(xvfb, bin, db, config string) (shown, opened time.Duration, mem memory, err error) {
	logPath := filepath.Join(filepath.Dir(db), "annals.log")
	os.Remove(logPath)
	cmd := exec.Command(xvfb, "-a", "-s", "-screen 0 1280x800x24", bin, "--db", db)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Fyne keeps the preferences (the window's size, its last section)
	// under $XDG_CONFIG_HOME.
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+config)
	if err := cmd.Start(); err != nil {
		return 0, 0, mem, err
	}
	defer func() {
		// End only what this run started: the app by its pid (a clean quit),
		// then xvfb-run's process group if it is still there.
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}()
	deadline := time.Now().Add(60 * time.Second)
	pid := 0
	var seenOpen, seenShown time.Time
	for time.Now().Before(deadline) {
		if pid == 0 {
			pid = descendant(cmd.Process.Pid, filepath.Base(bin))
		}
		if b, err := os.ReadFile(logPath); err == nil {
			if seenOpen.IsZero() && strings.Contains(string(b), "library opened") {
				seenOpen = time.Now()
			}
			if strings.Contains(string(b), "window shown") {
				seenShown = time.Now()
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	if pid == 0 || seenShown.IsZero() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		return 0, 0, mem, fmt.Errorf("the window was not shown within 60 s (log %s)", logPath)
	}
	startedAt, err := processStart(pid)
	if err != nil {
		syscall.Kill(pid, syscall.SIGTERM)
		return 0, 0, mem, err
	}
	time.Sleep(2 * time.Second)
	mem = memory{rss: statusMB(pid, "VmRSS:"), hwm: statusMB(pid, "VmHWM:"), anon: statusMB(pid, "RssAnon:"), file: statusMB(pid, "RssFile:")}
	syscall.Kill(pid, syscall.SIGTERM)
	if seenOpen.IsZero() {
		seenOpen = seenShown
	}
	return seenShown.Sub(startedAt), seenOpen.Sub(startedAt), mem, nil
}

// descendant finds a process named comm below pid.
func descendant(pid int, comm string) int {
	ents, _ := os.ReadDir("/proc")
	parent := map[int]int{}
	name := map[int]string{}
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		l, r := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if l < 0 || r < l {
			continue
		}
		f := strings.Fields(s[r+1:])
		if len(f) < 2 {
			continue
		}
		pp, _ := strconv.Atoi(f[1])
		parent[p], name[p] = pp, s[l+1:r]
	}
	for p, n := range name {
		if !strings.HasPrefix(comm, n) { // comm is cut at 15 bytes
			continue
		}
		for q := parent[p]; q > 1; q = parent[q] {
			if q == pid {
				return p
			}
		}
	}
	return 0
}

// processStart is when pid started, from /proc (10 ms resolution).
func processStart(pid int) (time.Time, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return time.Time{}, err
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 20 {
		return time.Time{}, fmt.Errorf("short /proc/%d/stat", pid)
	}
	ticks, _ := strconv.ParseInt(f[19], 10, 64) // field 22: starttime
	var btime int64
	sf, err := os.Open("/proc/stat")
	if err != nil {
		return time.Time{}, err
	}
	defer sf.Close()
	sc := bufio.NewScanner(sf)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "btime "); ok {
			btime, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	// Boot time is whole seconds; use the uptime clock for precision.
	up, err := os.ReadFile("/proc/uptime")
	if err != nil || btime == 0 {
		return time.Time{}, fmt.Errorf("cannot read boot time")
	}
	upSec, _ := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	boot := time.Now().Add(-time.Duration(upSec * float64(time.Second)))
	return boot.Add(time.Duration(ticks) * 10 * time.Millisecond), nil
}

func statusMB(pid int, key string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func articleCount(db string) string {
	raw := openRaw(db)
	if raw == nil {
		return "?"
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return "?"
	}
	if n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}
