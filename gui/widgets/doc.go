// Package widgets holds Annals' custom Fyne widgets. Each widget takes small
// view structs and reports user actions through OnXxx callback fields; it
// imports nothing under data/, not even the library: the views turn the
// library's records into those structs.
package widgets
