package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"annals/data/library"
)

// serveInput is where `annals serve` reads the pairing codes the reader
// types; tests replace it.
var serveInput io.Reader = os.Stdin

// servePorts, when set, replaces the endpoint's usual ports (tests use 0).
var servePorts []int

// serveCmd runs the browser button's endpoint without a window, until
// Ctrl+C (or ctx ends). A browser asking to pair prints its code; typing
// the same code allows it, "no CODE" refuses it. Scripts and the
// end-to-end test drive pairing through stdin the same way.
func serveCmd(ctx context.Context, lib *library.Library, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var mu sync.Mutex
	say := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stdout, format+"\n", a...)
	}
	srv, err := lib.StartBridge(library.BridgeOptions{Version: Version, Ports: servePorts, OnPair: func(p library.Pairing) {
		say("%s asks to save pages to Annals. Code: %s", p.Browser, p.Code)
		say("If the browser shows the same code, type it and press Enter to allow it (\"no %s\" refuses).", p.Code)
	}})
	if err != nil {
		return internalError{err}
	}
	defer srv.Close()
	say("Annals is waiting for the browser button on 127.0.0.1:%d (Ctrl+C stops).", srv.Port())
	if n := len(srv.Browsers()); n > 0 {
		say("%d browser(s) paired.", n)
	}
	go func() {
		sc := bufio.NewScanner(serveInput)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			if code, ok := strings.CutPrefix(line, "no "); ok {
				if err := srv.Deny(code); err != nil {
					say("%v.", err)
				} else {
					say("Refused.")
				}
				continue
			}
			if err := srv.Allow(line); err != nil {
				say("%v.", err)
				continue
			}
			say("Allowed: the browser can now save pages.")
		}
	}()
	<-ctx.Done()
	say("Stopped.")
	return nil
}
