package bridge

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// TokensFileName is where paired browsers are kept, inside the data folder.
// A file rather than a table: pairing is about this machine's browsers, not
// the articles, so a backup restored elsewhere must not carry the tokens.
const TokensFileName = "bridge-tokens.json"

// Browser is one paired browser extension.
type Browser struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`   // what the extension said it runs in ("Chrome", "Firefox")
	Origin string    `json:"origin"` // chrome-extension://… or moz-extension://…
	Paired time.Time `json:"paired"`
	Used   time.Time `json:"used,omitempty"`
	// TokenHash is the SHA-256 of the token: the file alone does not let
	// anyone save into the library.
	TokenHash string `json:"token_sha256"`
}

// ErrUnknownBrowser is returned by Revoke for an id that is not paired.
var ErrUnknownBrowser = errors.New("no paired browser has this id")

type tokenStore struct {
	path string
	mu   sync.Mutex
	list []Browser
}

func openTokens(dir string) (*tokenStore, error) {
	ts := &tokenStore{path: filepath.Join(dir, TokensFileName)}
	b, err := os.ReadFile(ts.path)
	if errors.Is(err, os.ErrNotExist) {
		return ts, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the paired browsers: %w", err)
	}
	if err := json.Unmarshal(b, &ts.list); err != nil {
		return nil, fmt.Errorf("read the paired browsers (%s): %w", ts.path, err)
	}
	return ts, nil
}

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// add pairs a browser and returns its token, which is shown only this once.
func (ts *tokenStore) add(name, origin string) (Browser, string, error) {
	tok := randomHex(32)
	b := Browser{ID: randomHex(6), Name: name, Origin: origin, Paired: time.Now().UTC(), TokenHash: hashToken(tok)}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.list = append(ts.list, b)
	if err := ts.saveLocked(); err != nil {
		ts.list = ts.list[:len(ts.list)-1]
		return Browser{}, "", err
	}
	return b, tok, nil
}

// check returns the browser a token belongs to.
func (ts *tokenStore) check(tok string) (Browser, bool) {
	if tok == "" {
		return Browser{}, false
	}
	h := []byte(hashToken(tok))
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for i, b := range ts.list {
		if subtle.ConstantTimeCompare(h, []byte(b.TokenHash)) == 1 {
			ts.list[i].Used = time.Now().UTC()
			return ts.list[i], true
		}
	}
	return Browser{}, false
}

func (ts *tokenStore) browsers() []Browser {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]Browser(nil), ts.list...)
}

func (ts *tokenStore) revoke(id string) error {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	for i, b := range ts.list {
		if b.ID == id {
			old := ts.list
			ts.list = append(append([]Browser(nil), old[:i]...), old[i+1:]...)
			if err := ts.saveLocked(); err != nil {
				ts.list = old
				return err
			}
			return nil
		}
	}
	return ErrUnknownBrowser
}

// saveLocked writes the list through a temporary file so a crash never
// leaves half a file (which would unpair every browser).
func (ts *tokenStore) saveLocked() error {
	b, err := json.MarshalIndent(ts.list, "", " ")
	if err != nil {
		return err
	}
	tmp := ts.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("keep the paired browsers: %w", err)
	}
	if err := os.Rename(tmp, ts.path); err != nil {
		return fmt.Errorf("keep the paired browsers: %w", err)
	}
	return nil
}
