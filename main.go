// Annals keeps a clean, readable, searchable copy of the articles you save,
// offline. Without a command it opens its window; with one (add, search,
// import, export, backup, feeds, serve, …: package cli) it works on the
// library from the terminal.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"annals/cli"
	"annals/data/library"
	"annals/gui"
	_ "annals/internal/localeenv" // before Fyne reads the locale
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	fs := flag.NewFlagSet("annals", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, cli.Usage) }
	dbPath := fs.String("db", "", "library database file (default: annals.db in the data folder)")
	verbose := fs.Bool("verbose", false, "also write the log to stderr")
	version := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return cli.ExitUser
	}
	if *version {
		fmt.Println("Annals", cli.Version)
		return cli.ExitOK
	}
	dir, err := library.DefaultDir()
	if *dbPath != "" {
		dir, err = filepath.Dir(*dbPath), nil
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "annals: cannot find a data folder: %v\n", err)
		return cli.ExitInternal
	}
	logger, logFile, err := library.NewLogger(dir, *verbose)
	if err != nil {
		fmt.Fprintf(os.Stderr, "annals: %v\n", err)
		return cli.ExitInternal
	}
	defer logFile.Close()
	ctx := context.Background()
	open := func() (*library.Library, error) {
		return library.Open(ctx, library.Options{Dir: dir, DBPath: *dbPath, Logger: logger})
	}
	if fs.NArg() > 0 && cli.IsCommand(fs.Arg(0)) {
		return cli.Run(ctx, fs.Args(), os.Stdout, os.Stderr, open)
	}
	lib, err := open()
	if err != nil {
		logger.WithError(err).Error("open library")
		fmt.Fprintf(os.Stderr, "annals: cannot open the library: %v\n", err)
		// The window still opens: it says what happened in plain words
		// and offers a way out (the latest backup, another library).
		gui.RunUnopened(library.Options{Dir: dir, DBPath: *dbPath, Logger: logger}, err, logger, args)
		return cli.ExitInternal
	}
	defer lib.Close()
	gui.Run(lib, logger, fs.Args())
	return cli.ExitOK
}
