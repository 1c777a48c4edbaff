package capture

import (
	"strings"
	"testing"
	"time"
)

func TestDurationTextPlural(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1 * time.Second:         "1 second",
		1400 * time.Millisecond: "1 second",
		2 * time.Second:         "2 seconds",
		30 * time.Second:        "30 seconds",
		250 * time.Millisecond:  "250 milliseconds",
	} {
		if got := DurationText(d); got != want {
			t.Errorf("DurationText(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{
		20 << 20:        "20 MB",
		3<<20 + 512<<10: "3.5 MB",
		2048:            "2 KB",
		512:             "512 bytes",
	} {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTimeoutMessageSingular goes through the real constructor: a one-second
// limit used to read "within 1 seconds".
func TestTimeoutMessageSingular(t *testing.T) {
	msg := errTimeout("https://example.org/a", time.Second, nil).Error()
	if want := "did not answer within 1 second;"; !strings.Contains(msg, want) {
		t.Errorf("timeout message %q lacks %q", msg, want)
	}
}
