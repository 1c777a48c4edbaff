package capture

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"
	"time"
)

// The words of the failure messages shared by capture and images (images
// imports capture), kept in one place so the two cannot drift apart again.

// Website names the site of rawURL for messages: "the website example.org",
// or "the website" when rawURL has no host.
func Website(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Hostname() != "" {
		return "the website " + u.Hostname()
	}
	return "the website"
}

// SizeText writes a byte count the way the reader thinks of it: "20 MB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// DurationText writes a time limit for a message: "1 second", "30 seconds",
// or milliseconds below a second.
func DurationText(d time.Duration) string {
	switch s := int(d.Round(time.Second) / time.Second); {
	case d < time.Second:
		return fmt.Sprintf("%d milliseconds", d.Milliseconds())
	case s == 1:
		return "1 second"
	default:
		return fmt.Sprintf("%d seconds", s)
	}
}

// NetFailure is why a request to a website failed, as far as a message to
// the reader cares. capture (pages) and images (pictures) word their
// messages differently but classify the same way, here.
type NetFailure int

// The network failures, checked in this order; NetOther is anything else.
const (
	NetOther       NetFailure = iota
	NetNotFound               // DNS: no such host
	NetRefused                // the site refused the connection
	NetInterrupted            // reset, aborted or broken while talking
	NetUntrusted              // the TLS certificate could not be verified
	NetTimeout                // a deadline or a net.Error timeout
	NetUnreachable            // dialing failed otherwise (unreachable, or refused on Windows)
)

// NetFailureOf classifies an error from net/http (connect, TLS, read).
func NetFailureOf(err error) NetFailure {
	var (
		dnsErr  *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
		opErr   *net.OpError
	)
	switch {
	case errors.As(err, &dnsErr):
		return NetNotFound
	case errors.Is(err, syscall.ECONNREFUSED):
		return NetRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return NetInterrupted
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &hostErr):
		return NetUntrusted
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return NetTimeout
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return NetUnreachable
	}
	return NetOther
}
