// Package widgets holds Annals' custom Fyne widgets. Each widget takes small
// view structs and reports user actions through OnXxx callback fields; it
// imports neither the controller nor the library.
package widgets
