package bridge

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type noSaver struct{}

func (noSaver) SavePage(context.Context, SaveRequest) (SaveResult, error) { return SaveResult{}, nil }

// TestTokensSurviveARestartAndAreNotStoredPlain: a paired browser stays
// paired when Annals starts again, the file holds only the token's hash,
// and a revoked token is gone after a restart too.
func TestTokensSurviveARestartAndAreNotStoredPlain(t *testing.T) {
	dir := t.TempDir()
	ts, err := openTokens(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, tok, err := ts.add("Firefox", "moz-extension://x")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, TokensFileName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), tok) || !strings.Contains(string(raw), hashToken(tok)) {
		t.Fatalf("the tokens file holds the token itself or lacks its hash:\n%s", raw)
	}
	if st, _ := os.Stat(filepath.Join(dir, TokensFileName)); st.Mode().Perm() != 0o600 {
		t.Errorf("tokens file mode %v, want 0600", st.Mode().Perm())
	}
	again, err := openTokens(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := again.check(tok); !ok || got.ID != b.ID {
		t.Fatalf("after a restart the token is not known: %+v %v", got, ok)
	}
	if _, ok := again.check(tok + "x"); ok {
		t.Fatal("a different token passed")
	}
	if err := again.revoke(b.ID); err != nil {
		t.Fatal(err)
	}
	third, _ := openTokens(dir)
	if _, ok := third.check(tok); ok {
		t.Fatal("a revoked token works after a restart")
	}
	if err := third.revoke(b.ID); err != ErrUnknownBrowser {
		t.Fatalf("revoking twice: %v", err)
	}
}

// TestFallbackPortWhenTheFirstIsTaken: with the first port held by
// another program, the endpoint takes the next and writes it to
// bridge.port.
func TestFallbackPortWhenTheFirstIsTaken(t *testing.T) {
	dir := t.TempDir()
	first, err := Start(Options{Dir: t.TempDir(), Saver: noSaver{}, Ports: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Start(Options{Dir: dir, Saver: noSaver{}, Ports: []int{first.Port(), 0}})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if second.Port() == first.Port() || second.Port() == 0 {
		t.Fatalf("second endpoint on %d, first on %d", second.Port(), first.Port())
	}
	b, _ := os.ReadFile(filepath.Join(dir, PortFileName))
	if strings.TrimSpace(string(b)) != itoa(second.Port()) {
		t.Fatalf("bridge.port holds %q, want %d", b, second.Port())
	}
	if _, err := Start(Options{Dir: dir, Saver: noSaver{}, Ports: []int{first.Port()}}); err == nil {
		t.Fatal("Start took a port another endpoint holds")
	}
	// A second endpoint on the same folder overwrites bridge.port; the
	// first one closing must not remove the second's file.
	third, err := Start(Options{Dir: dir, Saver: noSaver{}, Ports: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	second.Close()
	if b, _ := os.ReadFile(filepath.Join(dir, PortFileName)); strings.TrimSpace(string(b)) != itoa(third.Port()) {
		t.Fatalf("after the other endpoint closed, bridge.port holds %q, want %d", b, third.Port())
	}
	third.Close()
	if _, err := os.Stat(filepath.Join(dir, PortFileName)); !os.IsNotExist(err) {
		t.Fatalf("bridge.port left after the last endpoint closed: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
