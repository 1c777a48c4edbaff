package analysis

import (
	"testing"
)

// Model names that a spaced number or letter ends, or a hyphenated code
// (sentences of our own).
func TestFamilyProducts(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		{"Vendors said Zorbit's Pixa 8 outsold the GlowPad 12.", []string{"product:Pixa 8", "product:GlowPad 12"}, nil},
		{"The Ravel 9 rocket and the Strato 4 Pro flew; the QXT 4090 sold out.",
			[]string{"product:Ravel 9", "product:Strato 4 Pro", "product:QXT 4090"}, nil},
		{"Drivers of its Model Y and the Vexa 3 cars complained.", []string{"product:Model Y", "product:Vexa 3"}, nil},
		{"Pilots flew the F-35 and the MiG-29 over the X-37B.", []string{"product:F-35", "product:MiG-29", "product:X-37B"}, nil},
		// a listed product widened to its model
		{"Apple's iPhone 15 Pro shipped.", []string{"product:iPhone 15 Pro"}, nil},
		// a bare number after a word is no model; nor are years, groups, roads
		{"On March 12 the Tribune 5 voters met; Article 5 applies since Zorbit 2024 plans.",
			nil, []string{"product:Tribune 5", "product:Article 5", "product:Zorbit 2024", "product:March 12"}},
		{"Leaders of the G-20 drove down I-95 during COVID-19.", nil, []string{"product:G-20", "product:I-95", "product:COVID-19"}},
		{"Apple sold 1,000 iPhone units.", nil, []string{"product:iPhone 1"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
