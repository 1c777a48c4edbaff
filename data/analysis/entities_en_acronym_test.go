package analysis

import (
	"testing"
)

// A name written out before its acronym in brackets (sentences of our own).
func TestAcronymNames(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		{"The Office of Quantum Standards (OQS) and the Board on Tidal Research (BTR) met.",
			[]string{"organisation:Office of Quantum Standards", "organisation:Board on Tidal Research"}, nil},
		{"Engineers built the Lunar Ice Prospecting Rover (LIPR) for the mission.",
			[]string{"product:Lunar Ice Prospecting Rover"}, nil},
		// initials that do not match, and plurals, are no names
		{"The Crimson Tide Parade (XYZ) won. Nurses staff Intensive Care Units (ICUs).",
			nil, []string{"organisation:Crimson Tide Parade", "organisation:Intensive Care Units"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
