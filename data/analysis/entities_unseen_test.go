package analysis

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// mentionsOf lists "type:text" for every mention of every entity.
func mentionsOf(t *testing.T, text string) []string {
	t.Helper()
	res, err := Analyze(context.Background(), Input{Text: text, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			out = append(out, e.Type+":"+text[m.Start:m.End])
		}
	}
	return out
}

// checkMentions checks that the English text's mentions (as mentionsOf
// gives them) hold every one of want and none of absent.
func checkMentions(t *testing.T, text string, want, absent []string) {
	t.Helper()
	got := mentionsOf(t, text)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%q\n  lacks %q; got %s", text, w, strings.Join(got, ", "))
		}
	}
	for _, a := range absent {
		if slices.Contains(got, a) {
			t.Errorf("%q\n  holds %q; got %s", text, a, strings.Join(got, ", "))
		}
	}
}

// Kinds of English name the unseen articles' dev split showed missed or
// cut wrong (tools/eval/testdata), each in sentences of our own.
func TestEnglishNameKinds(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// a country's initials are no one's
		{"The U.S. Securities and Exchange Commission sued the firm on Monday.",
			[]string{"organisation:U.S. Securities and Exchange Commission"}, []string{"person:U.S. Securities"}},
		// a job title before a given name is no part of the person
		{"Secretary of State Linda Marsh said the talks would go on.",
			[]string{"person:Linda Marsh"}, []string{"person:State Linda Marsh"}},
		{"Agency Administrator Paul Verne said the rules were ready.",
			[]string{"person:Paul Verne"}, []string{"person:Administrator Paul Verne"}},
		// a family name that is also a title
		{"The kidnappers freed Kevin King and a colleague.", []string{"person:Kevin King"}, nil},
		// a given name the gazetteer also knows as a place
		{"Investors backed Adam Kowalski after the vote.", []string{"person:Adam Kowalski"}, []string{"place:Adam"}},
		// capitals joined by "&"
		{"Executives from AT&T and PG&E testified.", []string{"organisation:AT&T", "organisation:PG&E"}, nil},
		// a brand written with a capital inside, not a surname so written
		{"The startup ZephyrWorks hired forty engineers, Senator McDonald said.",
			[]string{"organisation:ZephyrWorks"}, []string{"organisation:McDonald"}},
		// counties, provinces and regions
		{"Fires burned in Marin County and in Zabul province.", []string{"place:Marin County", "place:Zabul"}, []string{"person:Marin County"}},
		{"One Napa County station saw no rain.", []string{"place:Napa County"}, []string{"place:One Napa County"}},
		{"Heavy rain fell across Southern California on Tuesday.", []string{"place:Southern California"}, nil},
		// bodies ending in "Exchange", "Directorate", "Robotics"
		{"Shares listed on the Tokyo Stock Exchange; the Science Mission Directorate said so.",
			[]string{"organisation:Tokyo Stock Exchange", "organisation:Science Mission Directorate"}, []string{"person:Science Mission Directorate"}},
		{"Former National Security Council official Anna Lee testified.",
			[]string{"organisation:National Security Council"}, []string{"organisation:Former National Security Council"}},
		// two organisations joined by "and"; a hyphenated word inside a name
		{"The agency picked Orbital Robotics and Vance Launch Systems as partners.",
			[]string{"organisation:Orbital Robotics", "organisation:Vance Launch Systems"}, []string{"organisation:Orbital Robotics and Vance Launch Systems"}},
		{"Tyvak Nano-Satellite Systems built the probe.", []string{"organisation:Tyvak Nano-Satellite Systems"}, []string{"organisation:Satellite Systems"}},
		// a picture's credit names its source
		{"The probe nears the moon.\n(Image credit: Deep Field Magazine)", []string{"organisation:Deep Field Magazine"}, nil},
		{"Crowds gathered. Photo credit: Getty", []string{"organisation:Getty"}, nil},
		// a cue noun before a name, or before the list it heads
		{"The agency awarded contracts to companies Lunar Outpost, Quasar Dynamics and Rivetline.",
			[]string{"organisation:Lunar Outpost", "organisation:Quasar Dynamics", "organisation:Rivetline"}, nil},
		{"The chipmaker Silvergate shipped the parts.", []string{"organisation:Silvergate"}, nil},
		{"The firm hired Paul Verne as its chief.", []string{"person:Paul Verne"}, []string{"organisation:Paul Verne"}},
		// a word before an organisation's head and "of"
		{"She teaches at the American University of Beirut.", []string{"organisation:American University of Beirut"}, nil},
		// two names before a plural "counties"
		{"Warnings covered Mono and Inyo counties on Monday.", []string{"place:Mono", "place:Inyo"}, nil},
		// a name in a list beside an organisation is one, and so it is
		// wherever else it stands; after an organisation's possessive, a
		// product
		{"Zorvex's Skyhook was picked. The agency chose Zorvex, Tavira Corp. and Hexlight.",
			[]string{"organisation:Zorvex", "product:Skyhook", "organisation:Hexlight"}, nil},
		{"Officials met executives from AT&T, Comcast/Xfinity, Verizon and others.",
			[]string{"organisation:Comcast", "organisation:Xfinity"}, nil},
		{"The deal was signed by Orbital Robotics, Inc. on Monday.", []string{"organisation:Orbital Robotics"}, []string{"organisation:Inc"}},
		// no organisation from a person's name after a comma
		{"According to Reuters, Jarvis said the plan failed.", nil, []string{"organisation:Jarvis"}},
		// a lower-case title before two capitalised words
		{"Trump met Chinese vice-premier Liu He in October.", []string{"person:Liu He"}, nil},
		{"Reporters met the spokesman Tariq Osmani on Monday.", []string{"person:Tariq Osmani"}, nil},
		{"The general public was not told.", nil, []string{"person:The general public"}},
		// a name does not run over a line's end
		{"Lander Works, Kent, Washington\nCeres Robotics, Palo Alto, California", []string{"organisation:Ceres Robotics"},
			[]string{"organisation:Washington\nCeres Robotics"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
