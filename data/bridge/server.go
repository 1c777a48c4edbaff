// Package bridge is the loopback endpoint the "Save to Annals" browser
// extension talks to. It listens on 127.0.0.1 only, pairs an extension
// once (the reader allows it in the app, comparing a short code shown on
// both sides) and then takes the page as the browser rendered it: the HTML
// of the live DOM, never a second fetch of the URL, so what a login, a
// cookie banner or a script showed the reader is what is kept.
//
// Every request is checked before anything is read or saved: the Host
// header (DNS rebinding), the Origin (web pages are refused), a custom
// header and a JSON body (no "simple" cross-site request gets through),
// the token, the body size and the URL's scheme.
package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	log "github.com/sirupsen/logrus"
)

// DefaultPort is the port the extension tries first; FallbackPorts are
// tried, in order, when another program holds it. The port in use is
// written to PortFileName in the data folder.
const DefaultPort = 47615

// FallbackPorts follow DefaultPort; the extension probes the same range.
var FallbackPorts = []int{47616, 47617, 47618, 47619, 47620, 47621, 47622, 47623, 47624}

// PortFileName holds the port the endpoint listens on.
const PortFileName = "bridge.port"

// MaxBody is the largest request body taken: a page with inline images
// can be large, but 50 MB is far above any article.
const MaxBody = 50 << 20

// RequestHeader must be present on every request. A web page cannot add a
// custom header without a CORS preflight, which this server never grants
// to a web origin.
const RequestHeader = "X-Annals-Request"

// SaveRequest is a page as the browser showed it.
type SaveRequest struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	HTML      string `json:"html"`
	Selection string `json:"selection"`
}

// SaveResult says what became of a saved page.
type SaveResult struct {
	ID      int64  `json:"id"`
	Existed bool   `json:"existed"` // the URL was saved before; the article was updated
	Title   string `json:"title"`
}

// Saver stores a page; the library implements it.
type Saver interface {
	SavePage(ctx context.Context, req SaveRequest) (SaveResult, error)
}

// UserError is a save failure the reader can understand (no article on the
// page, say); its message is returned to the extension as is.
type UserError interface{ UserMessage() string }

// Options configure Start.
type Options struct {
	Dir    string // data folder: tokens and the port file
	Saver  Saver
	Logger *log.Logger
	// Ports to try in order; nil means DefaultPort then FallbackPorts. A
	// single 0 lets the system choose (tests).
	Ports []int
	// OnPair is called (on the server's goroutine; it must not block) when
	// an extension asks to pair; the app shows the code and calls Allow or
	// Deny.
	OnPair func(Pairing)
	// Version is reported by /ping.
	Version string
}

// Pairing is an extension's request to pair, waiting for the reader.
type Pairing struct {
	ID      string
	Code    string // shown in the app and in the extension, e.g. "482 913"
	Browser string
	Origin  string
	Asked   time.Time
	state   string
	token   string
}

// PairingTimeout is how long a pairing request waits for the reader.
const PairingTimeout = 5 * time.Minute

// Server is a running endpoint.
type Server struct {
	opts   Options
	log    *log.Logger
	tokens *tokenStore
	ln     net.Listener
	srv    *http.Server
	port   int

	mu       sync.Mutex
	pairings map[string]*Pairing
}

// Start listens on 127.0.0.1 and serves until Close.
func Start(opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = log.New()
		opts.Logger.SetOutput(io.Discard)
	}
	if opts.Saver == nil {
		return nil, errors.New("bridge: no saver")
	}
	tokens, err := openTokens(opts.Dir)
	if err != nil {
		return nil, err
	}
	ports := opts.Ports
	if ports == nil {
		ports = append([]int{DefaultPort}, FallbackPorts...)
	}
	var ln net.Listener
	var lastErr error
	for _, p := range ports {
		// 127.0.0.1 and never 0.0.0.0 or localhost: localhost may resolve
		// to an address other machines can reach.
		ln, lastErr = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if lastErr == nil {
			break
		}
	}
	if ln == nil {
		return nil, fmt.Errorf("bridge: no free port for the browser button (%d–%d): %w", ports[0], ports[len(ports)-1], lastErr)
	}
	s := &Server{opts: opts, log: opts.Logger, tokens: tokens, ln: ln, port: ln.Addr().(*net.TCPAddr).Port, pairings: map[string]*Pairing{}}
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	if opts.Dir != "" {
		if err := os.WriteFile(filepath.Join(opts.Dir, PortFileName), []byte(strconv.Itoa(s.port)+"\n"), 0o644); err != nil {
			s.log.WithError(err).Warn("bridge: write the port file")
		}
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.WithError(err).Error("bridge: serve")
		}
	}()
	s.log.WithField("port", s.port).Info("browser bridge listening on 127.0.0.1")
	return s, nil
}

// Port is the port listened on.
func (s *Server) Port() int { return s.port }

// Close stops the endpoint and removes the port file.
func (s *Server) Close() error {
	if s.opts.Dir != "" {
		// The window and `annals serve` may share a data folder: remove
		// the file only while it still names this endpoint's port.
		p := filepath.Join(s.opts.Dir, PortFileName)
		if b, err := os.ReadFile(p); err == nil && strings.TrimSpace(string(b)) == strconv.Itoa(s.port) {
			os.Remove(p)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// Browsers lists the paired browsers.
func (s *Server) Browsers() []Browser { return s.tokens.browsers() }

// Revoke unpairs a browser: its token stops working at once.
func (s *Server) Revoke(id string) error { return s.tokens.revoke(id) }

// ErrNoSuchPairing is returned by Allow and Deny for a code no browser is
// waiting with.
var ErrNoSuchPairing = errors.New("no browser is waiting with this code")

// Allow pairs the browser waiting with code; spaces in code are ignored.
func (s *Server) Allow(code string) error { return s.decide(code, "allowed") }

// Deny refuses the browser waiting with code.
func (s *Server) Deny(code string) error { return s.decide(code, "denied") }

func (s *Server) decide(code, state string) error {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pairings {
		if strings.ReplaceAll(p.Code, " ", "") != code || p.state != "waiting" || time.Since(p.Asked) > PairingTimeout {
			continue
		}
		if state == "allowed" {
			_, tok, err := s.tokens.add(p.Browser, p.Origin)
			if err != nil {
				return err
			}
			p.token = tok
		}
		p.state = state
		s.log.WithFields(log.Fields{"browser": p.Browser, "origin": p.Origin, "state": state}).Info("bridge: pairing decided")
		return nil
	}
	return ErrNoSuchPairing
}

// Handler is the endpoint's HTTP handler (Start serves it).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/ping", s.ping)
	mux.HandleFunc("/pair", s.pair)
	mux.HandleFunc("/pair/status", s.pairStatus)
	mux.HandleFunc("/save", s.save)
	return s.guard(mux)
}

type refusal struct {
	status int
	msg    string
}

func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// isExtensionOrigin is true for the origins browser extensions send.
func isExtensionOrigin(o string) bool {
	return strings.HasPrefix(o, "chrome-extension://") || strings.HasPrefix(o, "moz-extension://") ||
		strings.HasPrefix(o, "safari-web-extension://")
}

// guard runs the checks every route shares, before the route reads a byte
// of the body.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rf := s.checkCommon(r); rf != nil {
			s.log.WithFields(log.Fields{"path": r.URL.Path, "status": rf.status, "host": r.Host, "origin": r.Header.Get("Origin")}).Warn("bridge: refused: " + rf.msg)
			fail(w, rf.status, rf.msg)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			// Only extension origins reach here.
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "POST")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization, "+RequestHeader)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) checkCommon(r *http.Request) *refusal {
	// DNS rebinding: a web page on evil.example whose name now resolves to
	// 127.0.0.1 reaches this port with Host: evil.example.
	port := strconv.Itoa(s.port)
	if r.Host != "127.0.0.1:"+port && r.Host != "localhost:"+port {
		return &refusal{http.StatusMisdirectedRequest, "This request was addressed to " + strconv.Quote(r.Host) + ", not to Annals on this computer."}
	}
	if o := r.Header.Get("Origin"); o != "" && !isExtensionOrigin(o) {
		return &refusal{http.StatusForbidden, "Web pages cannot save to Annals; only the Annals browser button can."}
	}
	if r.Method == http.MethodOptions {
		return nil
	}
	if r.Method != http.MethodPost {
		return &refusal{http.StatusMethodNotAllowed, "Only POST requests are taken."}
	}
	if r.Header.Get(RequestHeader) != "1" {
		return &refusal{http.StatusForbidden, "The request lacks the " + RequestHeader + " header the Annals button sends."}
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &refusal{http.StatusUnsupportedMediaType, "The request must be JSON."}
	}
	if r.ContentLength > MaxBody {
		return &refusal{http.StatusRequestEntityTooLarge, "The page is larger than 50 MB."}
	}
	return nil
}

// readJSON decodes a body of at most MaxBody bytes.
func readJSON(w http.ResponseWriter, r *http.Request, v any) *refusal {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return &refusal{http.StatusRequestEntityTooLarge, "The page is larger than 50 MB."}
		}
		return &refusal{http.StatusBadRequest, "The request is not valid JSON."}
	}
	return nil
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	return ""
}

func (s *Server) ping(w http.ResponseWriter, r *http.Request) {
	_, paired := s.tokens.check(bearer(r))
	reply(w, map[string]any{"app": "annals", "version": s.opts.Version, "paired": paired})
}

func (s *Server) pair(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Browser string `json:"browser"`
	}
	if rf := readJSON(w, r, &req); rf != nil {
		fail(w, rf.status, rf.msg)
		return
	}
	name := strings.TrimSpace(req.Browser)
	if len(name) > 60 {
		name = name[:60]
	}
	if name == "" {
		name = "Browser"
	}
	p := &Pairing{ID: randomHex(16), Code: newCode(), Browser: name, Origin: r.Header.Get("Origin"), Asked: time.Now(), state: "waiting"}
	s.mu.Lock()
	for id, old := range s.pairings {
		if time.Since(old.Asked) > PairingTimeout {
			delete(s.pairings, id)
		}
	}
	if len(s.pairings) >= 20 {
		s.mu.Unlock()
		fail(w, http.StatusTooManyRequests, "Too many browsers are waiting to pair; answer them in Annals first.")
		return
	}
	s.pairings[p.ID] = p
	s.mu.Unlock()
	s.log.WithFields(log.Fields{"browser": name, "origin": p.Origin}).Info("bridge: a browser asks to pair")
	if s.opts.OnPair != nil {
		s.opts.OnPair(*p)
	}
	w.WriteHeader(http.StatusAccepted)
	reply(w, map[string]string{"pairing": p.ID, "code": p.Code})
}

// newCode is six digits shown as "482 913": short enough to compare at a
// glance, long enough that two waiting browsers never share one by chance.
func newCode() string {
	n, _ := strconv.ParseUint(randomHex(4), 16, 64)
	c := fmt.Sprintf("%06d", n%1000000)
	return c[:3] + " " + c[3:]
}

func (s *Server) pairStatus(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Pairing string `json:"pairing"`
	}
	if rf := readJSON(w, r, &req); rf != nil {
		fail(w, rf.status, rf.msg)
		return
	}
	s.mu.Lock()
	p, ok := s.pairings[req.Pairing]
	var state, tok string
	if ok {
		state, tok = p.state, p.token
		if state == "waiting" && time.Since(p.Asked) > PairingTimeout {
			state = "expired"
		}
		if state != "waiting" {
			// The token is handed over once.
			delete(s.pairings, p.ID)
		}
	}
	s.mu.Unlock()
	if !ok {
		fail(w, http.StatusNotFound, "This pairing request is unknown or was already answered.")
		return
	}
	out := map[string]string{"state": state}
	if tok != "" {
		out["token"] = tok
	}
	reply(w, out)
}

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	b, ok := s.tokens.check(bearer(r))
	if !ok {
		msg := "This browser is not paired with Annals; pair it again from the button's options."
		if bearer(r) == "" {
			msg = "The request carries no token; pair this browser with Annals first."
		}
		fail(w, http.StatusUnauthorized, msg)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != b.Origin {
		fail(w, http.StatusForbidden, "This token belongs to another browser extension.")
		return
	}
	var req SaveRequest
	if rf := readJSON(w, r, &req); rf != nil {
		fail(w, rf.status, rf.msg)
		return
	}
	u, err := url.Parse(strings.TrimSpace(req.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fail(w, http.StatusUnprocessableEntity, "Only web pages (http or https addresses) can be saved.")
		return
	}
	if strings.TrimSpace(req.HTML) == "" {
		fail(w, http.StatusUnprocessableEntity, "The page came without its content.")
		return
	}
	req.URL = u.String()
	res, err := s.opts.Saver.SavePage(r.Context(), req)
	if err != nil {
		s.log.WithError(err).WithField("url", req.URL).Warn("bridge: save failed")
		var ue UserError
		if errors.As(err, &ue) {
			fail(w, http.StatusUnprocessableEntity, ue.UserMessage())
			return
		}
		fail(w, http.StatusInternalServerError, "Annals could not save the page: "+oneLine(err.Error()))
		return
	}
	status := "saved"
	if res.Existed {
		status = "already_saved"
	}
	reply(w, map[string]any{"id": res.ID, "status": status, "title": res.Title})
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
