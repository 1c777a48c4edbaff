package images

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRequestErrorMessages: the image's network failures are classified by
// capture.NetFailureOf, the same as a page's, and worded for an image; a
// one-second limit is "1 second".
func TestRequestErrorMessages(t *testing.T) {
	b := &batch{outer: context.Background(), ctx: context.Background()}
	u := "https://img.example.org/a.png"
	cases := []struct {
		name string
		err  error
		kind Kind
		want string
	}{
		{"dns", &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "img.example.org", IsNotFound: true}},
			KindNetwork, "Annals could not find the website img.example.org to download this image."},
		{"timeout", context.DeadlineExceeded, KindTimeout, "The image from the website img.example.org did not arrive within 1 second."},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)},
			KindNetwork, "Annals could not reach the website img.example.org to download this image."},
	}
	for _, c := range cases {
		e := b.requestError(u, time.Second, c.err)
		if e.Kind != c.kind || e.Error() != c.want || !errors.Is(e, c.err) {
			t.Errorf("%s: kind %v message %q, want %v %q", c.name, e.Kind, e.Error(), c.kind, c.want)
		}
	}
	if msg := errTooLarge(u, 5<<20).Error(); !strings.Contains(msg, "larger than 5 MB") {
		t.Errorf("too large: %q", msg)
	}
}
