package library

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"annals/internal/testenv"

	log "github.com/sirupsen/logrus"
)

// lockedBuffer is a log destination safe for the image downloads'
// goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// What capture and the image downloads log goes to the library's logger
// (annals.log), not to logrus's global logger, which nobody writes to a file.
func TestCaptureAndImagesLogToTheLibrarysLogger(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler()) // every image is missing
	defer srv.Close()

	var own lockedBuffer
	logger := log.New()
	logger.SetOutput(&own)
	logger.SetLevel(log.DebugLevel)

	var global lockedBuffer
	std := log.StandardLogger()
	oldOut, oldLevel := std.Out, std.GetLevel()
	std.SetOutput(&global)
	std.SetLevel(log.DebugLevel)
	t.Cleanup(func() { std.SetOutput(oldOut); std.SetLevel(oldLevel) })

	ctx := context.Background()
	l, err := Open(ctx, Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Logger: logger, Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	html := fmt.Sprintf(`<html><head><title>Dockside</title></head><body><article><h1>Dockside</h1>
<p>On 3 March 2024 the harbour reopened its oldest berth after a year of repairs.</p>
<figure><img src="%s/crane.jpg" alt="A crane"><figcaption>The new crane.</figcaption></figure>
<p>%s</p></article></body></html>`, srv.URL, strings.Repeat("The quay walls were rebuilt with new stone. ", 15))
	if _, err := l.AddPages(ctx, Page{URL: srv.URL + "/dockside", HTML: []byte(html)}).Wait(); err != nil {
		t.Fatal(err)
	}
	got := own.String()
	for _, want := range []string{"capture step", "images: not kept"} {
		if !strings.Contains(got, want) {
			t.Errorf("the library's log lacks %q:\n%s", want, got)
		}
	}
	if g := global.String(); strings.Contains(g, "capture step") || strings.Contains(g, "images: not kept") {
		t.Errorf("capture or images logged to the global logger:\n%s", g)
	}
}
