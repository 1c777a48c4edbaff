package analysis

import (
	"slices"
	"testing"
	"time"

	"annals/data/analysis/token"
)

// Latin-script text that does not read as English (German, French,
// Portuguese…) gets only the names Annals can trust without English
// grammar: known names and aliases (and a listed given name with its family
// name, TestNonEnglishLatinGivenNamePerson). The English rules read German's
// capitalised nouns as people and organisations.
func TestNonEnglishLatinKeepsOnlyKnownNames(t *testing.T) {
	dct := time.Date(2022, 2, 6, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, text string
		want       []string // entity ids that must be found
		notNames   []string // names that must not be entities
	}{
		{"de", "Der Weltcup der Skispringer macht an diesem Wochenende Station in Willingen. " +
			"Beide Sprünge waren bei starkem Wind eine Herausforderung, sagte der Trainer nach dem Wettkampf. " +
			"Dieses Wochenende ist die letzte Gelegenheit vor der Medaillenentscheidung im Rahmen der Olympischen Spiele. " +
			"Mit dem Sieg übernahm die Mannschaft die Führung in der Gesamtwertung. " +
			"Die Bundesregierung in Berlin hat die Lage am Montag neu bewertet, und auch Angela Merkel äußerte sich dazu. " +
			"Die Sportler reisen danach mit dem Zug nach Hamburg und von dort weiter zu den Spielen.",
			[]string{"place:berlin", "person:angela-merkel", "place:hamburg"},
			[]string{"Der Weltcup der Skispringer", "Beide Sprünge", "Dieses Wochenende", "Wettkampf", "Trainer",
				"Medaillenentscheidung", "Olympischen Spiele", "Mit", "MIT", "Lage", "Gesamtwertung", "Bundesregierung", "Sportler"}},
		{"fr", "Le président Emmanuel Macron a reçu mardi à Paris les représentants des étudiants. " +
			"Pendant plusieurs décennies, il participe au réaménagement urbain de Séoul et des bas quartiers de la ville. " +
			"Le site d'information Les Jours a entrepris de décrypter la communication du gouvernement. " +
			"Les syndicats de Lyon ont annoncé une manifestation pour la semaine suivante, " +
			"et les étudiants ont publié leurs revendications sur les réseaux sociaux comme Instagram.",
			[]string{"person:emmanuel-macron", "place:paris", "place:lyon", "organisation:instagram"},
			[]string{"Les Jours", "Séoul", "Le président Emmanuel Macron"}},
		{"pt", "O presidente do Senado viu na graça uma forma de consolidar apoio à sua candidatura no comando do Senado, em 2023. " +
			"Os aliados acreditam ser improvável a aprovação da matéria na Câmara em pleno ano eleitoral. " +
			"Além do governo ter maioria, o presidente da Câmara não está na mesma posição, disse o ministro da Defesa no Porto. " +
			"A Google vai abrir um escritório na cidade, e os moradores foram ouvidos durante todo o processo.",
			[]string{"place:porto", "organisation:google"},
			[]string{"Senado", "Câmara", "Defesa"}},
	} {
		if readsEnglish(token.Tokenize(tc.text)) {
			t.Fatalf("%s: the paragraph reads as English; the test needs one that does not", tc.lang)
		}
		res := analyze(t, tc.text, dct)
		var ids, names []string
		for _, e := range res.Entities {
			if e.Type == "event" {
				continue
			}
			ids = append(ids, e.ID)
			names = append(names, e.Name)
			if !e.FromGazetteer {
				t.Errorf("%s: %s %q is no known name", tc.lang, e.Type, e.Name)
			}
		}
		for _, id := range tc.want {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: %s not found (entities %q)", tc.lang, id, names)
			}
		}
		for _, n := range tc.notNames {
			if slices.Contains(names, n) {
				t.Errorf("%s: %q read as a name", tc.lang, n)
			}
		}
	}
}

// A known name is not taken where a text that is not English writes
// another word like it; it is where the text writes the name.
func TestNonEnglishLatinKnownNameInContext(t *testing.T) {
	dct := time.Date(2022, 2, 6, 0, 0, 0, 0, time.UTC)
	filler := " Die Wissenschaftler haben die Ergebnisse in einer Zeitschrift veröffentlicht und wollen die Arbeit im nächsten Jahr fortsetzen."
	for _, tc := range []struct {
		text string
		id   string
		want bool
	}{
		{"Mit dem neuen Verfahren lassen sich die Daten schneller auswerten." + filler, "organisation:mit", false},
		{"Sie sagte: „Mit dem Ergebnis sind wir zufrieden.“" + filler, "organisation:mit", false},
		{"Die Forscher des MIT haben das Verfahren entwickelt." + filler, "organisation:mit", true},
		{"Die Sprecherin der Nato hat das Treffen bestätigt." + filler, "organisation:nato", true},
		{"Die Regierung war nicht in der Lage, das Problem zu lösen." + filler, "place:lage", false},
		{"Die Firma hat ihren Sitz in Lage und beschäftigt dort viele Menschen." + filler, "place:lage", true},
		{"Die Partitur von Johann Sebastian Bach liegt in der Bibliothek." + filler, "place:sebastian", false},
		{"Der Dirigent Colin Davis hat das Stück oft aufgeführt." + filler, "place:davis", false},
		{"Das Programm läuft mit 4 openMP-Threads auf jedem Rechenknoten." + filler, "product:threads", false},
	} {
		res := analyze(t, tc.text, dct)
		found := false
		var names []string
		for _, e := range res.Entities {
			names = append(names, e.ID)
			if e.ID == tc.id {
				found = true
			}
		}
		if found != tc.want {
			t.Errorf("%q: %s found = %v, want %v (entities %q)", tc.text, tc.id, found, tc.want, names)
		}
	}
}

// English text keeps the English rules: the branch for other Latin-script
// languages does not fire on it.
func TestEnglishStillReadByTheRules(t *testing.T) {
	text := "The committee met on Tuesday in Springfield. Jonathan Whitaker, who leads the Riverside Tenants Association, " +
		"said the new rules would help families who have waited for years, and he thanked the volunteers for their work."
	res := analyze(t, text, time.Date(2022, 2, 6, 0, 0, 0, 0, time.UTC))
	for _, e := range res.Entities {
		if e.Name == "Jonathan Whitaker" && e.Type == "person" && !e.FromGazetteer {
			return
		}
	}
	t.Errorf("English text lost its rule-found person (entities %+v)", res.Entities)
}

// A listed given name and a capitalised family name make a person in a text
// that is not English, unless the text writes either word in lower case too
// (a word of its language: German "der", "von", French "les").
func TestNonEnglishLatinGivenNamePerson(t *testing.T) {
	dct := time.Date(2022, 2, 6, 0, 0, 0, 0, time.UTC)
	text := "Der Weltcup der Skispringer macht an diesem Wochenende Station im Sauerland. " +
		"Karl Geiger gewann vor dem Norweger Marius Lindvik, der Österreicher Stefan Kraft wurde Dritter. " +
		"Der Plan der Trainer ging auf, sagte Jean Pierre Dumont nach dem Springen. " +
		"Von Facebook bis zu den Zeitungen berichteten alle von der Veranstaltung, und von den Fans gab es viel Applaus. " +
		"Art Direktor des Abends war ein Mann aus der Region, der King Kong als Maskottchen mitgebracht hatte."
	res := analyze(t, text, dct)
	var people []string
	for _, e := range res.Entities {
		if e.Type == "person" {
			people = append(people, e.Name)
		}
	}
	for _, want := range []string{"Karl Geiger", "Marius Lindvik", "Stefan Kraft", "Jean Pierre Dumont"} {
		if !slices.Contains(people, want) {
			t.Errorf("%s not found (people %q)", want, people)
		}
	}
	for _, p := range people {
		switch p {
		case "Karl Geiger", "Marius Lindvik", "Stefan Kraft", "Jean Pierre Dumont":
		default:
			t.Errorf("%q read as a person", p)
		}
	}
}
