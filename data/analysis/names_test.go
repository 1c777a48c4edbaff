package analysis

import (
	"slices"
	"testing"
	"time"
)

// TestPersonNames covers the given-name rule, the family-name follow-up and
// their guards.
func TestPersonNames(t *testing.T) {
	tests := []struct {
		name, text string
		persons    []string // person mention texts expected, in order
	}{
		// «كريم» and «سعيد» are also adjectives: as adjectives they are no
		// name, as the subject of «التقى» they are one (the tagger reads the
		// clause, not the word list)
		{"ar ambiguous names as adjectives", "كان الرجل كريما سعيدا بعمله", nil},
		{"ar ambiguous names as subject", "التقى كريم سعيد بوفد من المستثمرين", []string{"كريم سعيد"}},
		{"ar unambiguous given name", "وصل خالد المنصوري إلى العاصمة", []string{"خالد المنصوري"}},
		{"ar foreign given name", "وصرح جورج كالاهان بأن الاتفاق قريب", []string{"جورج كالاهان"}},
		{"ar chain with bin", "استقبل محمد بن راشد الوفد", []string{"محمد بن راشد"}},
		{"ar family name follow-up", "أعلن خافيير مونتيرو خطته. وانتقد مونتيرو المعارضة", []string{"خافيير مونتيرو", "مونتيرو"}},
		{"ar follow-up merges", "ثم قال مونتيرو إن خافيير مونتيرو لن يستقيل", []string{"مونتيرو", "خافيير مونتيرو"}},
		{"ar kunya with given name", "وقال أبو أيوب المصري إن الهجوم فشل", []string{"أبو أيوب المصري"}},
		{"ar ala is not ali", "ردت الحكومة على مطالب المحتجين", nil},
		{"ar ambiguous name alone", "يبقى الأمل قائما وأمل كبير بالنصر", nil},
		{"ar number after name", "قتل محمد ثلاثة من المسلحين", []string{"محمد"}},
		{"ar committees not a name", "اجتمعت لجان نوبل أمس", nil},
		{"ar nationality is no family name", "التقى فراس الفلسطيني. وقال الفلسطيني كلاما", []string{"فراس الفلسطيني"}},
		{"en follow-up merges", "On Monday, George Callahan said the deal was near, and Callahan left.", []string{"George Callahan", "Callahan"}},
		{"en sentence-initial family name is no follow-up", "George Callahan left. Callahan Street was empty.", []string{"George Callahan"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.text, time.Time{})
			type pm struct {
				start int
				text  string
				id    string
			}
			var got []pm
			for _, e := range res.Entities {
				if e.Type != "person" {
					continue
				}
				for _, m := range e.Mentions {
					got = append(got, pm{m.Start, tc.text[m.Start:m.End], e.ID})
				}
			}
			slices.SortFunc(got, func(a, b pm) int { return a.start - b.start })
			var texts []string
			ids := map[string]bool{}
			for _, g := range got {
				texts = append(texts, g.text)
				ids[g.id] = true
			}
			if !slices.Equal(texts, tc.persons) {
				t.Fatalf("persons %q, want %q", texts, tc.persons)
			}
			if len(tc.persons) == 2 && len(ids) != 1 {
				t.Errorf("family name not merged with the full name: %v", ids)
			}
		})
	}
}

// TestMentionSpans covers title trimming on gazetteer persons and the
// one-word organisation follow-up.
func TestMentionSpans(t *testing.T) {
	tests := []struct {
		name, text string
		typ        string
		mentions   []string // mention texts of that type, in order
	}{
		{"ar title trimmed", "قال الرئيس السوري بشار الأسد إن الحرب انتهت", "person", []string{"بشار الأسد"}},
		{"ar title-only alias kept", "استقبل العاهل الأردني الوفد", "person", []string{"العاهل الأردني"}},
		{"en title trimmed", "President Trump signed the order.", "person", []string{"Trump"}},
		{"ar organisation follow-up", "أفلست شركة زيتكون العام الماضي. وقالت زيتكون إنها ستعود", "organisation", []string{"زيتكون", "زيتكون"}},
		{"ar organisation day name not part", "وافق مجلس النواب الخميس على القانون", "organisation", []string{"مجلس النواب"}},
		{"ar team name one word", "فاز فريق فيراري بسباق موناكو", "organisation", []string{"فيراري"}},
		{"ar team with city", "تعاقد نادي ريال مدريد مع المدرب", "organisation", []string{"ريال مدريد"}},
		{"ar task force is no name", "شكلت الحكومة فريق عمل لدراسة الملف", "organisation", nil},
		// the English short form without the legal suffix is the same organisation (linkShortForms)
		{"en short-form follow-up", "Acme Robotics Inc. grew; Acme hired.", "organisation", []string{"Acme Robotics Inc", "Acme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.text, time.Time{})
			type pm struct {
				start int
				text  string
			}
			var got []pm
			for _, e := range res.Entities {
				if e.Type != tc.typ {
					continue
				}
				for _, m := range e.Mentions {
					got = append(got, pm{m.Start, tc.text[m.Start:m.End]})
				}
			}
			slices.SortFunc(got, func(a, b pm) int { return a.start - b.start })
			var texts []string
			for _, g := range got {
				texts = append(texts, g.text)
			}
			if !slices.Equal(texts, tc.mentions) {
				t.Fatalf("%s mentions %q, want %q", tc.typ, texts, tc.mentions)
			}
		})
	}
}
