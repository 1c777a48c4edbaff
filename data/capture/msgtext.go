package capture

import (
	"fmt"
	"net/url"
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
