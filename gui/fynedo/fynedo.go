// Package fynedo is how Annals' GUI code runs work on the UI thread. In the
// app it is fyne.Do. Fyne's headless test driver runs fyne.Do calls on the
// calling goroutine, so background loads would touch widgets concurrently;
// tests call Serialize to run them one at a time, as the real driver does.
package fynedo

import (
	"sync"

	"fyne.io/fyne/v2"
)

var (
	mu     sync.Mutex
	serial bool
)

// Do runs f on the UI thread.
func Do(f func()) {
	if !serial {
		fyne.Do(f)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	f()
}

// Serialize makes Do run one function at a time (for headless tests; the
// test goroutine must then touch widgets only through Do as well). f must
// not call Do itself.
func Serialize() { serial = true }
