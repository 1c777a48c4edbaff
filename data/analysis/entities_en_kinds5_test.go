package analysis

import (
	"context"
	"testing"
)

// Kinds of English name that the unseen splits dev2, dev4 and dev5
// (tools/eval/testdata) showed missed, cut wrong or invented, read as
// general mechanisms, each in sentences of our own.
func TestEnglishNameKindsDev5(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// a role in capitals inside a run: the two or three words after
		// it are the person, whatever given-name list knows them; a body's
		// name before the role stays an organisation, an acting role's
		// word no part of it
		{"Pay rose. Interim Tarvo Transit Police Chief Odo Varga told reporters on Monday that it was over.",
			[]string{"person:Odo Varga", "organisation:Tarvo Transit Police"}, []string{"organisation:Interim Tarvo Transit Police"}},
		{"Pay rose. Velkor Project Manager Fumihiko Harada shared with us that the car was ready.",
			[]string{"person:Fumihiko Harada"}, nil},
		// a place before a person who says something ends there
		{"Pay rose. The envoy of Tarvo to Britain Liu Xiaobo has said that the army is ready.",
			[]string{"person:Liu Xiaobo", "place:Britain"}, []string{"person:Britain Liu Xiaobo"}},
		// a given name's second syllable after a hyphen
		{"Pay rose. Cheuk Hau-yip, the commander of the West district, said it was over.",
			[]string{"person:Cheuk Hau-yip"}, nil},
		{"Hong Kong-based firms rose.", nil, []string{"place:Hong Kong-based"}},
		// a collective noun's possessive opens a body's name
		{"Pay rose. Troops of the People’s Liberation Army marched on.",
			[]string{"organisation:People’s Liberation Army"}, []string{"organisation:Liberation Army"}},
		// a web address is the site's name
		{"Pay rose. He told AutoWorld.com that the car was ready.", []string{"organisation:AutoWorld.com"}, []string{"organisation:AutoWorld"}},
		// a listed place opening a hospital's name
		{"Pay rose. He was taken to the Aberdeen Royal Infirmary on Monday.",
			[]string{"organisation:Aberdeen Royal Infirmary"}, []string{"place:Aberdeen", "person:Royal Infirmary"}},
		// a product's own noun after a place used as an adjective
		{"Pay rose. A US Chinook helicopter was shot down.", []string{"product:Chinook"}, nil},
		// "the X area of Y"; a lower-case designator is no part of a name
		{"Pay rose. The helicopter crashed in the Pangram area of Sarkh on Monday.", []string{"place:Sarkh"}, nil},
		{"Fires burned in Zabul province.", []string{"place:Zabul"}, []string{"place:Zabul province"}},
		// a letter glued to a number, or before a sentence's first word, is no initial
		{"Pay rose. It runs at 4K. Google said so. It beats the Xbox One X. So it goes.",
			[]string{"organisation:Google"}, []string{"person:K. Google", "person:One X. So"}},
		// a club's word joined to a place makes a club of it, and of the
		// place's bare name in the same text
		{"He managed FC Porto and Tottenham Hotspur last season. Porto won the league.",
			[]string{"organisation:FC Porto", "organisation:Tottenham Hotspur", "organisation:Porto"}, []string{"place:Porto"}},
		{"Salt Lake City and United Kingdom clubs met last season.", []string{"place:Salt Lake City"}, []string{"organisation:Salt Lake City"}},
		// a run with no context at all, typed by its own words: an
		// acronym among them, a model's last word
		{"Pay rose. The bundle comes with a Velkor Ultra and a cable.", []string{"product:Velkor Ultra"}, nil},
		{"Pay rose. Viewers can stream it on ZBX Home Access from May.", []string{"organisation:ZBX Home Access"}, nil},
		{"Pay rose. Fans saw the Tarvo Coupe Concept on Monday.", []string{"product:Tarvo Coupe Concept"}, nil},
		// a listed company carried on into its service or its arm
		{"Pay rose. Fans tried Google Stadia on Monday.", []string{"product:Google Stadia"}, []string{"organisation:Google"}},
		{"Pay rose. The car is sold by Microsoft Philippines in Manila.", []string{"organisation:Microsoft Philippines"}, nil},
		{"Pay rose. A White House Russia adviser quit.", nil, []string{"organisation:White House Russia"}},
		// apostrophe and particle names are one word of the name, and
		// the short form is the same person
		{"Pay rose. He spoke to Sean O’Brien and Abdel Fattah al-Sisi on Monday.",
			[]string{"person:Sean O’Brien", "person:Abdel Fattah al-Sisi"}, []string{"person:Brien", "person:Abdel Fattah"}},
		{"Pay rose. Officials met Quill O’Dowd in Oslo. O’Dowd said no.", []string{"person:O’Dowd"}, []string{"person:Dowd"}},
		{"Pay rose. The O’Reilly Auto Parts store closed.", nil, []string{"person:Reilly Auto Parts"}},
		// an outlet's possessive before its work, a name between them
		{"Pay rose. It was revealed in Gamewire’s review that the game runs slowly.", []string{"organisation:Gamewire"}, nil},
		{"Pay rose. It was revealed in Gamewire’s Tarvo review that the game runs slowly.", []string{"organisation:Gamewire"}, nil},
		// "One" and a model's capital letter carry a name on; the letter
		// ends it ("Mach E SUV"), an initial before a surname does not
		{"Pay rose. It beats the Velkor One X version easily.", []string{"product:Velkor One X"}, nil},
		{"Pay rose. Velkor’s Quorra Mach E SUV will go far.", []string{"product:Quorra Mach E"}, nil},
		{"Pay rose. He met Tarvo X. Quill on Monday.", []string{"person:Tarvo X. Quill"}, nil},
		// a plural name after "the" and a game's verb: the opponent
		{"Pay rose. The team lost to the Kestrels on Monday.", []string{"organisation:Kestrels"}, nil},
		{"Pay rose. The city was taken by the Visigoths in 410.", nil, []string{"organisation:Visigoths"}},
		// "All" carries a name on ("ZBX All Access")
		{"Pay rose. Viewers can stream it on services such as ZBX All Access, he said.", []string{"organisation:ZBX All Access"}, nil},
		// a listed product in the plural; a plain plural stays a team's
		{"Pay rose. Apple sold more iPhones in May.", []string{"product:iPhones"}, nil},
		{"Pay rose. It was the 9th season of play for the Falcons.", nil, []string{"product:Falcons"}},
		// a building before its lower-case noun
		{"Pay rose. The show was at the Orla Verde theater on Friday.", []string{"place:Orla Verde"}, nil},
		// "the X says": an outlet, a person takes no article
		{"Pay rose. Later the Tarvo Ledger says police are looking into it.", []string{"organisation:Tarvo Ledger"}, []string{"person:Tarvo Ledger"}},
		// a role's office in the possessive, a place opening it
		{"Pay rose. The Ohio Governor's Office of Storm Relief said so.",
			[]string{"organisation:Ohio Governor's Office of Storm Relief"}, []string{"organisation:Office of Storm Relief"}},
		{"Pay rose. Fraud, the U.S. Attorney’s Office for the Eastern District of Tarvo said in a statement.",
			[]string{"organisation:U.S. Attorney’s Office for the Eastern District of Tarvo"}, nil},
		{"Pay rose. He toured the Governor's Mansion on Monday.", nil, []string{"organisation:Governor's Mansion"}},
		// "chairman of the X": a body; the tail of a run no rule read is no person
		{"Pay rose. General Odo Varga, chairman of the Joint Elders of Tarvo, told reporters it was over.",
			[]string{"organisation:Joint Elders of Tarvo"}, []string{"person:Elders of Tarvo"}},
		// an embedded post's author before its handle
		{"Pay rose. Good luck my friend.\n\n— Tarvik (@tarvik_official) November 19, 2019\n\nThe club won.", []string{"person:Tarvik"}, nil},
		// a lower-case particle between the capitalised words of one name
		{"Pay rose. He wrote to Dorothea von Quillberg in May.", []string{"person:Dorothea von Quillberg"}, []string{"person:Dorothea"}},
		{"Pay rose. The letters of Tomas de Varga sold well, he said.", []string{"person:Tomas de Varga"}, nil},
		// nationalities no suffix tells are no places
		{"Pay rose. Many Dutch people came. The history of the Dutch and Australia began in 1605.",
			[]string{"place:Australia"}, []string{"place:Dutch"}},
		// an apostrophe name after a given name is not cut at its capital O
		{"Pay rose. Fans cheered Quillon O'Varga, who scored twice on Monday.", []string{"person:Quillon O'Varga"}, []string{"person:Quillon O"}},
		// a place listed beside a club is a club too
		{"He has managed FC Porto, Chelsea and Real Madrid over many seasons. Chelsea won the league.",
			[]string{"organisation:Chelsea"}, []string{"place:Chelsea"}},
		// two acronyms side by side: one outlet
		{"Pay rose. Kids were taken. ZBC DFX reports the man was caught.", []string{"organisation:ZBC DFX"}, []string{"organisation:DFX"}},
	} {
		checkMentions(t, c.text, c.want, c.absent)
	}
}

// "O’Dowd" after "Quill O’Dowd" is the same person, not one of its own.
func TestApostropheShortForm(t *testing.T) {
	res, err := Analyze(context.Background(), Input{Text: "Pay rose. Officials met Quill O’Dowd in Oslo. O’Dowd said no.", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Entities {
		if e.Type == "person" && (e.Name != "Quill O’Dowd" || len(e.Mentions) != 2) {
			t.Errorf("person %q with %d mentions, want Quill O’Dowd with 2", e.Name, len(e.Mentions))
		}
	}
}
