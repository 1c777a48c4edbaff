//go:build !windows && !darwin

package native

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// nativeBackends on Linux and the BSDs: the desktop's portal, then the
// GTK (zenity) and KDE (kdialog) dialog programs.
func nativeDialogs() []Dialog {
	return []Dialog{portal{}, zenity{}, kdialog{}}
}

// hasDisplay says whether a dialog program has a screen to show on.
func hasDisplay() bool { return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" }

// runProgram runs a dialog program and reads the path it prints. Exit
// status 1 is the user's Cancel (or closing the dialog); a program that
// fails before showing anything is unavailable.
func runProgram(ctx context.Context, lang, name string, args []string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = languageEnv(lang)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return strings.TrimRight(string(out), "\r\n"), nil
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return "", nil
	case errors.As(err, &exit):
		return "", fmt.Errorf("%w: %s exited with %d: %s", ErrUnavailable, name, exit.ExitCode(), strings.TrimSpace(stderr.String()))
	default:
		return "", fmt.Errorf("%w: %s: %v", ErrUnavailable, name, err)
	}
}

// zenity is GNOME's dialog program.
type zenity struct{}

func (zenity) Name() string { return "zenity" }

func (zenity) Available() bool { return hasDisplay() && hasProgram("zenity") }

func (z zenity) Run(ctx context.Context, req Request) (string, error) {
	path, err := runProgram(ctx, req.Lang, "zenity", zenityArgs(req))
	return withExt(path, req), err
}

func zenityArgs(req Request) []string {
	args := []string{"--file-selection", "--title=" + req.Title}
	if req.Parent != 0 {
		args = append(args, fmt.Sprintf("--attach=%d", req.Parent))
	}
	switch req.Kind {
	case Save:
		// --confirm-overwrite: zenity 3 writes over a file without asking
		// otherwise (zenity 4 always asks and ignores it).
		args = append(args, "--save", "--confirm-overwrite")
	case Folder:
		args = append(args, "--directory")
	}
	if start := startPath(req); start != "" {
		args = append(args, "--filename="+start)
	}
	if req.Kind != Folder {
		for _, f := range req.Filters {
			args = append(args, "--file-filter="+f.label()+" | "+strings.Join(f.patterns(), " "))
		}
	}
	return args
}

// startPath is where a dialog program starts: the suggested name inside
// the start folder, or the folder with a trailing slash (zenity and
// kdialog read "dir/" as the folder, "dir" as a name in its parent). No
// start folder is the home folder: without one zenity opens on its
// "Recent" list, where a typed folder cannot be chosen.
func startPath(req Request) string {
	dir := req.Dir
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	if dir != "" && !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	if req.Kind == Save && req.Name != "" {
		return dir + req.Name
	}
	return dir
}

// kdialog is KDE's dialog program.
type kdialog struct{}

func (kdialog) Name() string { return "kdialog" }

func (kdialog) Available() bool { return hasDisplay() && hasProgram("kdialog") }

func (k kdialog) Run(ctx context.Context, req Request) (string, error) {
	path, err := runProgram(ctx, req.Lang, "kdialog", kdialogArgs(req))
	return withExt(path, req), err
}

func kdialogArgs(req Request) []string {
	var args []string
	if req.Title != "" {
		args = append(args, "--title", req.Title)
	}
	if req.Parent != 0 {
		args = append(args, "--attach", fmt.Sprint(req.Parent))
	}
	start := startPath(req)
	if start == "" {
		start = "."
	}
	switch req.Kind {
	case Folder:
		return append(args, "--getexistingdirectory", start)
	case Save:
		args = append(args, "--getsavefilename", start)
	default:
		args = append(args, "--getopenfilename", start)
	}
	// Qt's filter syntax: "Web page (*.html *.htm)", one per line.
	var filters []string
	for _, f := range req.Filters {
		filters = append(filters, f.label())
	}
	if len(filters) > 0 {
		args = append(args, strings.Join(filters, "\n"))
	}
	return args
}
