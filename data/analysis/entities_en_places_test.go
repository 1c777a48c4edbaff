package analysis

import (
	"testing"
)

// The outermost name is the place (sentences of our own).
func TestWidenPlace(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		{"Snow fell on the Sierra Nevada and in the greater San Francisco Bay Area.",
			[]string{"place:Sierra Nevada", "place:San Francisco Bay Area"}, []string{"place:Nevada", "place:San Francisco"}},
		{"Boats sailed up the Kabul River past farms.", []string{"place:Kabul River"}, nil},
		// a feature word alone names a place; planets are places
		{"Investors in Tarmond Valley hoped to reach Mars.", []string{"place:Tarmond Valley", "place:Mars"}, nil},
		// a title, a given name, a nationality or a sentence's start is no part of the place
		{"Senator Jack London spoke. Mayor Lee of London spoke too. Chinese Kabul traders met.",
			nil, []string{"place:Senator London", "place:Jack London", "place:Chinese Kabul"}},
		{"Paris was calm.", []string{"place:Paris"}, nil},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
