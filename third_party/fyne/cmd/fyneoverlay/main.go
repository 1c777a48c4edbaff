// Command fyneoverlay prepares the build of Annals with the patched Fyne
// files of third_party/fyne (see its README) in the folder -dir and prints
// nothing when all is well. The Makefile runs it before every build, then
// builds with the flags it names (overlay.Flags):
//
//	go run ./third_party/fyne/cmd/fyneoverlay -dir dist/fyne-overlay
//	go build -modfile=dist/fyne-overlay/annals-fyne.mod -overlay=dist/fyne-overlay/overlay.json ...
//
// It exits with status 1 and says to re-derive the patch when Fyne's file is
// not the one the patch was derived from.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"annals/internal/repo"
	"annals/third_party/fyne/overlay"
)

func main() {
	dir := flag.String("dir", "", "the folder to prepare (required)")
	printFlags := flag.Bool("flags", false, "print the go build flags that use it")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: fyneoverlay -dir FOLDER [-flags]")
		os.Exit(2)
	}
	if err := overlay.Prepare(repo.Root(), *dir); err != nil {
		fmt.Fprintln(os.Stderr, "fyneoverlay:", err)
		os.Exit(1)
	}
	if *printFlags {
		fmt.Println(strings.Join(overlay.Flags(*dir), " "))
	}
}
