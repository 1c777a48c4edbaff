package analysis

import (
	"slices"
	"testing"
)

// Names that no list knows, found because the text capitalises them in the
// middle of a sentence and typed once per document by their contexts
// (sentences of our own).
func TestDocNames(t *testing.T) {
	for _, c := range []struct {
		text         string
		want, absent []string
	}{
		// an apposition that describes a person; ", who"
		{"The convoy carried Qoren Vashti, the younger brother of a militia leader.",
			[]string{"person:Qoren Vashti"}, nil},
		{"Investors cheered Quill Ardanza, who runs the fund.", []string{"person:Quill Ardanza"}, nil},
		// a preposition of place, and the same name opening a later sentence
		{"Floods hit farms in Tarvonia on Monday. Tarvonia has no dams.",
			[]string{"place:Tarvonia", "place:Tarvonia"}, nil},
		// an organisation's possessive, and the same name typed everywhere
		{"Analysts said Vextra's shares fell. The deal left Vextra with debt.",
			[]string{"organisation:Vextra", "organisation:Vextra"}, nil},
		// "-based", ", a city in"
		{"The Korvath-based lender grew. It opened in Melvane, a city in the north.",
			[]string{"place:Korvath", "place:Melvane"}, nil},
		// a product noun after the name
		{"Sales of the Zentrix phone rose.", []string{"product:Zentrix"}, nil},
		// creeds, parties and nationalities are no names here
		{"Muslim clerics met American and Ukrainian officials in Kyiv. Ukrainians and Afghans voted; the Ukrainians won.",
			nil, []string{"organisation:Ukrainians", "organisation:Afghans", "organisation:Muslim", "organisation:American", "organisation:Ukrainian", "place:American"}},
		// a word the text also writes in lower case is a common word
		{"Workers in Paradise said paradise was lost.", nil, []string{"place:Paradise"}},
		// a list with a typed name types the others
		{"Envoys flew to Kabul, Kandahar and Zorvia.", []string{"place:Zorvia"}, nil},
		// no context: the pronoun that follows
		{"Officials met Daskovar on Monday. Later he flew home.", []string{"person:Daskovar"}, nil},
		{"Regulators fined Quentrel in March because its books were wrong.", []string{"organisation:Quentrel"}, nil},
		// no context at all: one word written twice mid-sentence is an
		// organisation's name; once, it is left out
		{"The inquiry looked into Halvaro in 2016. Aides spoke about Halvaro again.",
			[]string{"organisation:Halvaro", "organisation:Halvaro"}, nil},
		{"The inquiry looked into Brevanto in 2016.", nil, []string{"organisation:Brevanto", "person:Brevanto"}},
		// people named after a name, and laws, are no names of their own
		{"Senator Tom Reddick spoke. The Reddicks and the Never Reddickers looked into the Second Amendment again. The Second Amendment stood.",
			nil, []string{"organisation:Reddicks", "person:Reddicks", "person:Reddickers", "organisation:Reddickers", "organisation:Second Amendment"}},
		// a quote's speaker after "says"; a name used as a modifier
		{"“It works,” says Orvel Danquist, who runs the lab.", []string{"person:Orvel Danquist"}, nil},
		{"Analysts expect Quorvex investors to sell; the Talbrin administration said no.",
			[]string{"organisation:Quorvex", "person:Talbrin"}, nil},
		// a place's possessive before a person; a list stops at a possessive
		{"Serbia’s Dragan Velkovic and Britain’s Andy Murray will play.",
			[]string{"person:Dragan Velkovic"}, []string{"place:Dragan Velkovic"}},
		// a web address's pieces are no lower-case words
		{"See www.zelmora.com for details. Buyers met Zelmora in May and praised Zelmora again.",
			[]string{"organisation:Zelmora"}, nil},
		// a headline's capitals are no acronym when the text writes the word in lower case
		{"KAZAKHSTAN WINS AGAIN\nKazakhstan wins again at NASA.",
			[]string{"organisation:NASA"}, []string{"organisation:WINS", "organisation:AGAIN"}},
		// a family name opening a sentence is the person named in full
		{"Senator Ardo Velinski spoke on Monday. Velinski said the team was ready.",
			[]string{"person:Velinski"}, nil},
		{"Officials praised Susan Rice on Monday. Rice prices rose, and rice was scarce.",
			nil, []string{"person:Rice"}},
		// a name seen only opening sentences, with a strong context; not
		// a plural noun
		{"Peng Ardova — project manager for the firm — spoke. Analysts said so.",
			[]string{"person:Peng Ardova"}, []string{"person:Analysts", "organisation:Analysts"}},
		// a given name that ends a person's name, alone later; a band
		{"Viewers saw Prince Andrew on TV. Critics pressed Andrew, and Andrew said little.",
			[]string{"person:Andrew"}, nil},
		{"Fans cheered as the Velloza Brothers played.", []string{"organisation:Velloza Brothers"}, nil},
		// a state's postal code after a place
		{"Shipments left Dallas, TX and Dayton, OH on Monday; IN stock now.", []string{"place:TX", "place:OH"}, []string{"place:IN"}},
		// a title in quotes is a work's, not a name ("Streets" is no organisation)
		{"The band played “Takin’ It to the Streets” and “What a Fool Believes.” Fans sang “Takin’ It to the Streets” again.",
			nil, []string{"organisation:Streets", "person:Fool Believes", "organisation:Fool Believes"}},
		// "from" alone is a weak sign of a place, a stronger context wins
		{"Seizures were reported from Tarnwell, and its staff grew.",
			[]string{"organisation:Tarnwell"}, []string{"place:Tarnwell"}},
		// a capital "The" mid-sentence opens an organisation's name
		{"Investors backed The We Company on Monday, and The It Group too.",
			[]string{"organisation:The We Company", "organisation:The It Group"}, nil},
		// "in X's" is no sign of a place
		{"Prices fell in Zantro's stores, and its shares fell.", []string{"organisation:Zantro"}, []string{"place:Zantro"}},
		// a piece of a longer name is no name of its own
		{"Prime Minister Tomas Verlo spoke in Geneva.", nil, []string{"place:Prime", "organisation:Prime"}},
	} {
		got := mentionsOf(t, c.text)
		for _, w := range c.want {
			if n := countOf(got, w); n < countOf(c.want, w) {
				t.Errorf("%q: want %s ×%d, got %v", c.text, w, countOf(c.want, w), got)
			}
		}
		for _, a := range c.absent {
			if slices.Contains(got, a) {
				t.Errorf("%q: %s should not be found, got %v", c.text, a, got)
			}
		}
	}
}

func countOf(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
