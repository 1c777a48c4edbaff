package analysis

import (
	"context"
	"testing"
)

// Kinds of English name the unseen articles' second dev split (dev2,
// tools/eval/testdata) showed missed, cut wrong or invented, each in
// sentences of our own.
func TestEnglishNameKindsDev2(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// handles, hashtags and links are no names
		{"Pinnacle Bank posted the update as @PinnacleHelp with #RateWatchDay and a link, https://t.co/QwErTyUi99 on Monday.",
			nil, []string{"organisation:PinnacleHelp", "organisation:RateWatchDay", "organisation:QwErTyUi99"}},
		// titles of works in curly quotes, even a given name's
		{"The studio owns “Wendy Harlow,” “Sky Raiders” and classic fare.",
			nil, []string{"person:Wendy Harlow", "person:Sky Raiders"}},
		// honorifics: "Hon." and "Rt. Hon." open a person's name
		{"The chamber mourned Rt. Hon. Tunde Okafor and Hon. Bisi Adeyemi on Tuesday.",
			[]string{"person:Tunde Okafor", "person:Bisi Adeyemi"}, []string{"person:Hon"}},
		// a capitalised function word opening a sentence is no part of a name
		{"From The Kestrel Times to the radio, everyone ran the story.",
			[]string{"organisation:Kestrel Times"}, []string{"organisation:From The Kestrel Times"}},
		// emphatic capitals, common abbreviations and currencies are no organisations
		{"Voters said YES to the plan. The SUV maker charged Rs 300 a car, and the SUV sold well for Rs 200.",
			nil, []string{"organisation:YES", "organisation:SUV", "organisation:Rs"}},
		// a heading in capitals names nothing by its rules
		{"Carmakers showed new models.\n\nKORVEX ZENTA PRIME\n\nThe Zenta goes on sale in May.",
			nil, []string{"person:KORVEX ZENTA PRIME", "organisation:PRIME", "person:KORVEX ZENTA"}},
		// a known place joined by a hyphen to another capitalised word is one place
		{"Smog lay over Lahore-Gujranwala for days.", []string{"place:Lahore-Gujranwala"}, nil},
		// a capital "The" mid-sentence opens an organisation's name
		{"Mayor Ann Wells told The Ledger Review on Monday that she would run.",
			[]string{"organisation:The Ledger Review"}, nil},
		{"The mayor did not respond to The Quill's request for comment.", []string{"organisation:The Quill"}, nil},
		// "on" inside an organisation's name
		{"A report by the National Council on Water Safety came out on Monday.",
			[]string{"organisation:National Council on Water Safety"}, []string{"organisation:National Council"}},
		// a role noun after a team's name, before a person's
		{"Officials fined Denver center Maurik Tolvane on Friday.", []string{"person:Maurik Tolvane"}, nil},
		// a place's noun after the name
		{"The mall in Delhi's Tarvopur area sells clean air.", []string{"place:Tarvopur"}, nil},
		// a name before a player's role and name is a team's
		{"The coach praised Ravens captain Quinn Ardell on Friday.", []string{"organisation:Ravens"}, []string{"person:Ravens"}},
		// "X says" alone says no person: the pronoun after decides
		{"Buyers will see a wagon from Velkor. Velkor says its wagon will go 300 miles.", []string{"organisation:Velkor"}, []string{"person:Velkor"}},
		// an organisation's name opening a run that goes on to a person's
		{"Tallow Sports NFL Insider Jason Merrow has reported it.", []string{"organisation:Tallow Sports", "person:Jason Merrow"}, nil},
		// a product "from X": X is its maker
		{"A concept car from Velkor is on show. It goes from zero to 60 in five seconds, Velkor says.", []string{"organisation:Velkor"}, []string{"person:Velkor", "place:Velkor"}},
		// "of X" after a company's people or parts
		{"Dana Okafor, the chief executive of Brindle, said the deal was done.", []string{"organisation:Brindle"}, nil},
		// government bodies and companies by their last word
		{"The Tarvo Weather Service and Quill Therapeutics warned of floods.", []string{"organisation:Tarvo Weather Service", "organisation:Quill Therapeutics"}, nil},
		// a full name with no context takes its family name's, said later
		{"The board hired Tovrik Ardanza in May. Later, Ardanza said the fund would grow.", []string{"person:Tovrik Ardanza", "person:Ardanza"}, nil},
		// "from X to Y": a range of names of one kind
		{"Everyone from Reuters to the BBC to Tallowgate Weekly ran the story.", []string{"organisation:Tallowgate Weekly"}, nil},
		// a listed product carried on by a capitalised word is a model of its own
		{"Buyers waited for the iPhone Nova, which ships in May.", []string{"product:iPhone Nova"}, nil},
		{"Buyers waited for the ZX9 Lumen, which ships in May.", []string{"product:ZX9 Lumen"}, nil},
		// "at"/"in" a venue's name: the building
		{"The team felt at home at Brindle Field. They lost in Quorva Center on Tuesday.", []string{"place:Brindle Field", "place:Quorva Center"}, nil},
		// an adjective between an organisation's possessive and its product
		{"Engineers praised SpaceX's upcoming Tarvo Lander on Monday.", []string{"product:Tarvo Lander"}, nil},
		// a team's name before its player is no item of a list of people
		{"Fines hit Ravens guard Quinn Ardell and Tulsa center Maurik Tolvane.", []string{"person:Maurik Tolvane"}, []string{"person:Tulsa"}},
		{"Officials fined Miami DL Larry Okoro on Friday.", []string{"person:Larry Okoro"}, []string{"person:Miami DL Larry Okoro"}},
		// products: a product noun after an adjective, "models like the X and Y"
		{"Orvane hopes the Kestra compact sedan will sell. It mimics newer Orvane models like the Tavora and Meridex.",
			[]string{"product:Kestra", "product:Tavora", "product:Meridex"}, nil},
		// a name written with a plus glued to it is a product (a service)
		{"Viewers moved to HBO+ and Paramount+ this year.", []string{"product:HBO+"}, []string{"organisation:HBO"}},
		// a source's name: "via X", "according to the X", "the journal X"
		{"Tolvane said so in an interview, via Tallow Weekly.", []string{"organisation:Tallow Weekly"}, nil},
		{"The plan cost $4,000, according to the Ridgefield Evening Ledger.", []string{"organisation:Ridgefield Evening Ledger"}, nil},
		{"The study appeared in the journal Quantum Dispatches on Monday.", []string{"organisation:Quantum Dispatches"}, nil},
		// a dateline in capitals
		{"TOLEDO, Ohio — The city council met on Tuesday.", []string{"place:TOLEDO", "place:Ohio"}, nil},
		{"ROCHESTER, N.Y. — The council met on Tuesday.", []string{"place:ROCHESTER", "place:N.Y."}, nil},
		// initials before a facility's name are no person's
		{"Data from the R. J. Halvorsen Observatory confirmed it.",
			[]string{"organisation:R. J. Halvorsen Observatory"}, []string{"person:R. J. Halvorsen"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}

// A later short form of a name the text gave in full is the same entity:
// a person's family name (or names), an organisation's name without its
// legal suffix.
func TestShortFormsAreTheSameEntity(t *testing.T) {
	for _, c := range []struct {
		text, full, short string
	}{
		{"Acme Robotics Inc said on Monday that it would hire. Shares of Acme rose 3 % after the news.", "Acme Robotics Inc", "Acme"},
		{"Helvor Dynamics Corp. cut jobs in March. Helvor Dynamics said more would go.", "Helvor Dynamics Corp", "Helvor Dynamics"},
		{"Arthur Menschel founded the firm in 2023. Mr. Menschel said the money would last.", "Arthur Menschel", "Menschel"},
		{"Coach Bruno Walkes praised Joel Ekberg Varn after the game. “He played well,” Walkes said. Ekberg Varn scored twice.", "Joel Ekberg Varn", "Ekberg Varn"},
		{"Kevin Marlow said demand was high. “We had some issues,” Marlow said on Tuesday.", "Kevin Marlow", "Marlow"},
	} {
		res, err := Analyze(context.Background(), Input{Text: c.text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var full *Entity
		for k := range res.Entities {
			e := &res.Entities[k]
			if e.Name == c.full {
				full = e
			}
			if e.Name == c.short {
				t.Errorf("%q: %q is an entity of its own", c.text, c.short)
			}
		}
		if full == nil {
			t.Errorf("%q: no entity %q in %+v", c.text, c.full, res.Entities)
			continue
		}
		found := false
		for _, m := range full.Mentions {
			found = found || c.text[m.Start:m.End] == c.short
		}
		if !found {
			t.Errorf("%q: %q is not a mention of %q", c.text, c.short, c.full)
		}
	}
}

// Kinds of English name the unseen articles' third entities split (dev4,
// tools/eval/testdata) showed missed, cut wrong or invented, each in
// sentences of our own.
func TestEnglishNameKindsDev4(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// an organisation's head joined to the words after it, a given
		// name among them ("Florida" is one) or one opening the run
		{"Lena Varga, a professor at the University of Florida, led the work.",
			[]string{"organisation:University of Florida"}, []string{"place:Florida"}},
		{"Tomas Quill works at the Max Planck Institute for Metallurgy in Bonn.",
			[]string{"organisation:Max Planck Institute for Metallurgy"}, []string{"organisation:Planck Institute for Metallurgy"}},
		// "Hall of Fame" ends the body's name, not its event's
		{"The duo hopes for a Country Music Hall of Fame Induction this year.",
			[]string{"organisation:Country Music Hall of Fame"}, []string{"organisation:Fame Induction"}},
		// "of the" inside a name that ends on an organisation's suffix
		{"The paper ran in Transactions of the Tarvo Geological Society on Monday.",
			[]string{"organisation:Transactions of the Tarvo Geological Society"}, []string{"organisation:Tarvo Geological Society"}},
		// an outlet "reported", "published on" it
		{"Nobody called. Harbor Lantern reported the fine on Friday.", []string{"organisation:Harbor Lantern"}, nil},
		{"Fans cheered. It was first published on Harbor Lantern.", []string{"organisation:Harbor Lantern"}, nil},
		// the Earth is a planet, as Mars is
		{"Probes left the Earth in May for good.", []string{"place:Earth"}, nil},
		// events are no organisations, people or places
		{"Buyers flocked to the Tarvo International Motor Show. Velkor came third in the annual Fan Vote.",
			nil, []string{"organisation:Tarvo International Motor Show", "person:Fan Vote"}},
		// a place's possessive before a building's name: the building
		{"The gala moved to Toledo's Quill Auditorium on Friday.", []string{"place:Quill Auditorium"}, nil},
		// a model year or "all-new" before a name: a product's model
		{"Dealers praised the 2021 Tavora on Monday. The Tavora sells well.", []string{"product:Tavora"}, []string{"organisation:Tavora"}},
		{"Velkor showed the all-new Meridex two months ago.", []string{"product:Meridex"}, nil},
		// streets, by words or an ordinal before the street's word
		{"The parade went down Tarvo's 9th Avenue and Quillon Street on Sunday.",
			[]string{"place:9th Avenue", "place:Quillon Street"}, nil},
		{"Main Street Capital rose.", nil, []string{"place:Main Street"}},
		// a body's "Class of 2021" is no product of the body
		{"The Tarvo Hall of Fame's Class of 2021 was named on Monday.",
			[]string{"organisation:Tarvo Hall of Fame"}, []string{"product:Class"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
