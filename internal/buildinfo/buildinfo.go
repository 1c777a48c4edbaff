// Package buildinfo holds what the build stamps into the binary. It is a
// leaf, so the GUI and the CLI can both name the version without the GUI
// importing the CLI.
package buildinfo

// Version is set at build time from FyneApp.toml
// (-ldflags "-X annals/internal/buildinfo.Version=...").
var Version = "dev"
