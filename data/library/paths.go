package library

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDir is the per-user folder that holds the library, its images and
// its log: ~/Library/Application Support/Annals on macOS,
// %LOCALAPPDATA%\Annals on Windows, $XDG_DATA_HOME/annals (usually
// ~/.local/share/annals) elsewhere.
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "Annals"), nil
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Annals"), nil
		}
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "Annals"), nil
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "annals"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "annals"), nil
	}
}
