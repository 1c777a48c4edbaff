package native

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// nativeBackends on macOS: the system's dialog through osascript, which
// needs no cgo and follows the system's language.
func nativeDialogs() []Dialog { return []Dialog{osascript{}} }

type osascript struct{}

func (osascript) Name() string { return "osascript" }

func (osascript) Available() bool { return hasProgram("osascript") }

func (osascript) Run(ctx context.Context, req Request) (string, error) {
	cmd := exec.CommandContext(ctx, "osascript", "-e", appleScript(req))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return withExt(strings.TrimRight(string(out), "\r\n"), req), nil
	case errors.As(err, &exit) && strings.Contains(stderr.String(), "-128"): // User canceled.
		return "", nil
	default:
		return "", fmt.Errorf("%w: osascript: %v: %s", ErrUnavailable, err, strings.TrimSpace(stderr.String()))
	}
}

// appleScript is the script asking req's question; it prints the POSIX
// path chosen.
func appleScript(req Request) string {
	var b strings.Builder
	b.WriteString("POSIX path of (")
	switch req.Kind {
	case Save:
		b.WriteString("choose file name with prompt " + appleString(req.Title))
		if req.Name != "" {
			b.WriteString(" default name " + appleString(req.Name))
		}
	case Folder:
		b.WriteString("choose folder with prompt " + appleString(req.Title))
	default:
		b.WriteString("choose file with prompt " + appleString(req.Title))
		var types []string
		for _, f := range req.Filters {
			for _, e := range f.Exts {
				types = append(types, appleString(strings.TrimPrefix(e, ".")))
			}
		}
		if len(types) > 0 {
			b.WriteString(" of type {" + strings.Join(types, ", ") + "}")
		}
	}
	if req.Dir != "" {
		b.WriteString(" default location (POSIX file " + appleString(req.Dir) + ")")
	}
	b.WriteString(")")
	return b.String()
}

// appleString quotes s as an AppleScript string literal.
func appleString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
