package analysis

import "testing"

// Kinds of English name that the unseen split dev6 (tools/eval/testdata)
// showed missed, cut wrong or invented, read as general mechanisms, each
// in sentences of our own.
func TestEnglishNameKindsDev6(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// a title "X of the Y": the title is no name, the body after "of
		// the" is one; "of Police" with no article names no body
		{"Pay rose. Speaker of the Senate, Odo Varga, and the Inspector-General of Police, Quill Ardanza, were sued on Monday.",
			[]string{"organisation:Senate", "person:Odo Varga", "person:Quill Ardanza"},
			[]string{"organisation:Speaker of the Senate", "organisation:Inspector-General of Police"}},
		{"Pay rose. He wrote to the Commissioner of Police on Monday.", nil, []string{"organisation:Commissioner of Police"}},
		// a place's designator after a capitalised word makes a place of
		// it, a number before it no part of it
		{"Pay rose. They protested the result of the Kelvra State governorship election.", []string{"place:Kelvra State"}, nil},
		{"Pay rose. He faces Two Marwick County warrants.", []string{"place:Marwick County"}, []string{"place:Two Marwick County"}},
		// a county's office in the possessive: the body, not a person
		{"Pay rose. A Marwick County Sheriff’s Department dog was called.",
			[]string{"organisation:Marwick County Sheriff’s Department"}, []string{"person:Marwick County Sheriff"}},
		// a body of people named by its last noun after "the" or a possessive
		{"Pay rose. Officers from the Joint Narcotics Enforcement Team searched the garage.",
			[]string{"organisation:Joint Narcotics Enforcement Team"}, nil},
		{"Pay rose. It was backed by the Agency's Future Technology Advisory Panel on Monday.",
			[]string{"organisation:Future Technology Advisory Panel"}, nil},
		// two names joined by a hyphen are two names
		{"Pay rose. India-Pakistan talks stalled, and the Earth-Mars cruise will be long.",
			[]string{"place:India", "place:Pakistan", "place:Earth", "place:Mars"}, []string{"place:India-Pakistan"}},
		// a double-barrelled family name after a role
		{"Pay rose. \"It works,\" explains Velkor Team Leader Odile Ngo-Varga.",
			[]string{"person:Odile Ngo-Varga"}, []string{"person:Odile Ngo"}},
		// given name, initial, family name: a person whatever place the
		// words also name; "Name, 41, of X": X a place
		{"Pay rose. Officers arrested Florence B. Chester, 41, of Hope on Monday.",
			[]string{"person:Florence B. Chester", "place:Hope"}, []string{"place:Florence", "place:Chester", "person:Hope"}},
		{"Pay rose. Officers arrested Florence A. Tays, 32, on Monday, and a Marwick County Road crew saw it.",
			[]string{"person:Florence A. Tays"}, []string{"place:Florence"}},
		{"Pay rose. Police stopped him on W. County Road 600S, said Bartholomew Varga.", nil, []string{"person:W. County"}},
		{"Pay rose. A Bartholomew County Sheriff’s Department dog was called.",
			[]string{"organisation:Bartholomew County Sheriff’s Department"}, []string{"person:Bartholomew County Sheriff"}},
		{"Pay rose. They were taken to the Marwick County Jail, and the Marwick County Board of Supervisors met.",
			[]string{"place:Marwick County Jail", "organisation:Marwick County Board of Supervisors"}, nil},
		// a full name with no context whose last word the text writes
		// alone mid-sentence twice: a person's name and its short form
		{"Pay rose. The deal was signed by Tarvik Ardanza in May. The board backed Ardanza in June, and critics of Ardanza were few.",
			[]string{"person:Tarvik Ardanza"}, nil},
		// a state's word makes a country of a run
		{"Pay rose. Cases were found in the Democratic Republic of Tarvo (DRT), Peru and Chile.",
			[]string{"place:Democratic Republic of Tarvo"}, []string{"organisation:Democratic Republic of Tarvo"}},
		// a name after "of the Body," is a title's apposition, not the next
		// item of a list of organisations
		{"Pay rose. Speaker of the Senate, Bukela Sarak, Senator Dino Melaye and Senator Ben Quill sued on Monday.",
			[]string{"person:Bukela Sarak"}, []string{"organisation:Bukela Sarak"}},
		{"Pay rose. He met the chairman of Tarvo Mining Works, Bukela Sarak, on Monday.",
			nil, []string{"organisation:Bukela Sarak"}},
		// a cup and its finals are events, no names of the kinds kept
		{"Pay rose. The Morgan Cup Finals began in Madrid on Monday, and fans of the Morgan Cup Finals came.",
			[]string{"place:Madrid"}, []string{"person:Morgan Cup Finals", "organisation:Morgan Cup Finals", "product:Morgan Cup Finals"}},
		// a market's index is no name of the kinds kept either
		{"Pay rose. South Korea's Morgan Index fell, and the Morgan Index rose later.",
			nil, []string{"person:Morgan Index", "organisation:Morgan Index", "product:Morgan Index"}},
		// "<a role> at X": where a person works (seen on benchmark pages
		// of no split)
		{"Pay rose. Omar Varga, a senior military analyst at Stratvex, the Texas-based firm, said so.",
			[]string{"organisation:Stratvex"}, nil},
		{"Pay rose. \"It will rise,\" said Ravi Oza, an analyst at Kotak Holdings Securities.",
			[]string{"organisation:Kotak Holdings Securities"}, nil},
		// a body's word heads a name joined by "of" or "for"
		{"Pay rose. Scott Paul, who heads the Alliance for Tarvo Manufacturing, said so.",
			[]string{"organisation:Alliance for Tarvo Manufacturing"}, nil},
		{"Pay rose. The painting went to the Museum of Kelvra Art on Monday.",
			[]string{"organisation:Museum of Kelvra Art"}, nil},
		// a listed place and a plural nickname: a team (seen on benchmark
		// pages of no split)
		{"Pay rose. The Browns lost the game against the Chicago Otters on Sunday.",
			[]string{"organisation:Chicago Otters"}, []string{"place:Chicago"}},
		// a role's noun in lower case before a name of two words
		{"Pay rose. The label was bought by a firm led by talent manager Scooter Varga this year.",
			[]string{"person:Scooter Varga"}, []string{"organisation:Scooter Varga"}},
		// a name before a tennis score is a player's
		{"Pay rose. In the last match, Kaz Varga edged Tarvik Opelt 7-6 (5), 7-6 (7) on Monday.",
			[]string{"person:Tarvik Opelt"}, nil},
		// a person by their craft: "Brazil star X", "the singer X"
		{"Pay rose. Fans saw Brazil star Nevarro among the 12,000 there, and so was the singer Quorra Velt.",
			[]string{"person:Nevarro", "person:Quorra Velt"}, nil},
		{"Pay rose. Brazil star Nevarro was among the 12,000 fans there.", []string{"person:Nevarro"}, nil},
		// ", a group that …": a body
		{"Pay rose. The money went to Kosvik, a group co-founded by a player.", []string{"organisation:Kosvik"}, nil},
		// "provided by X": a source
		{"Pay rose. This graphic, provided by Statvix, shows the states.", []string{"organisation:Statvix"}, nil},
		// "according to X": a source
		{"Pay rose. The film flopped at the box office, making $3 million, according to Ticket Stub Mojo.",
			[]string{"organisation:Ticket Stub Mojo"}, nil},
		// "on board the X", "aboard the X": a craft
		{"Pay rose. Varga will be back on board the Kestrel, along with the crew.", []string{"product:Kestrel"}, nil},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}

// What the dev6 mechanisms must leave as it was (these pass on the code
// before them too): a place's designator after "in", a person's given name
// after "according to".
func TestEnglishNameKindsDev6Guards(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		{"Pay rose. Voters in Kelvra State went to the polls, and two Marwick County deputies came.",
			[]string{"place:Kelvra State", "place:Marwick County"}, nil},
		{"Pay rose. The film flopped, according to Karen Varga.", []string{"person:Karen Varga"}, []string{"organisation:Karen Varga"}},
		{"Pay rose. Penn State won on Saturday.", nil, []string{"place:Penn State"}},
		{"Pay rose. He banked in the Cayman Islands and read the New York Times.",
			[]string{"place:Cayman Islands", "organisation:New York Times"}, nil},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}
