package analysis

import (
	"context"
	"slices"
	"testing"
)

// namesOfType analyses text and returns the names of its entities of typ,
// as written at their first mention.
func namesOfType(t *testing.T, text, typ string) []string {
	t.Helper()
	res, err := Analyze(context.Background(), Input{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range res.Entities {
		if e.Type == typ && len(e.Mentions) > 0 {
			out = append(out, text[e.Mentions[0].Start:e.Mentions[0].End])
		}
	}
	return out
}

func TestEntityPatterns(t *testing.T) {
	tests := []struct {
		name, text, typ string
		want, notWant   []string
	}{
		{"en body before its head", "The Energy Department said on Monday it would fund the lab.", "organisation", []string{"Energy Department"}, nil},
		{"en body after its head", "Funding from the Department of Energy and the Ministry of Industry arrived late.", "organisation", []string{"Department of Energy", "Ministry of Industry"}, nil},
		{"en lower-case department is no name", "The department said the ministry agreed.", "organisation", nil, []string{"department", "ministry"}},
		{"ar ministry", "قالت وزارة الصناعة إن المصانع ستفتح", "organisation", []string{"وزارة الصناعة"}, nil},
		{"ar authority and council", "وافقت هيئة الاتصالات ومجلس الوزراء على القرار", "organisation", []string{"هيئة الاتصالات", "مجلس الوزراء"}, nil},
		{"en chip codes", "AMD showed the MI300X while Nvidia sold the GB200 racks.", "product", []string{"MI300X", "GB200"}, nil},
		{"en family and suffix", "Samsung launched the Galaxy S24 Ultra and Apple the M4 Pro.", "product", []string{"Galaxy S24 Ultra", "M4 Pro"}, nil},
		{"en generation", "Phones with the Snapdragon 8 Gen 3 shipped in spring.", "product", []string{"Snapdragon 8 Gen 3"}, nil},
		{"en quarters and articles are no products", "Sales rose in Q3 and H1 under Article 5 of the treaty, Chapter 11 aside.", "product", nil, []string{"Q3", "H1", "Article 5", "Chapter 11"}},
		{"ar latin code inside arabic", "كشفت AMD عن شريحة MI325X الجديدة", "product", []string{"MI325X"}, nil},
		{"en acronyms name bodies", "The data came from NASA and the NCAA, the CEO said, not from GDP tables.", "organisation", []string{"NASA", "NCAA"}, []string{"CEO", "GDP"}},
		{"en club and league", "He joined the Melbourne Football Club before the Premier League began.", "organisation", []string{"Melbourne Football Club", "Premier League"}, nil},
		{"en initials", "J. K. Rowling met George R. R. Martin in London.", "person", []string{"J. K. Rowling", "George R. R. Martin"}, nil},
		{"en initials of a country are no one", "The U.S. Army said it would leave.", "person", nil, []string{"U.S. Army", "S. Army"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := namesOfType(t, tc.text, tc.typ)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s %q not found in %q", tc.typ, w, got)
				}
			}
			for _, w := range tc.notWant {
				if slices.Contains(got, w) {
					t.Errorf("%s %q found in %q", tc.typ, w, got)
				}
			}
			if tc.want == nil && tc.notWant == nil && len(got) > 0 {
				t.Errorf("want no %s, got %q", tc.typ, got)
			}
		})
	}
}

func TestPlacesFromData(t *testing.T) {
	tests := []struct{ text, id string }{
		{"Texas and California sued the agency.", "place:texas"},
		{"The governor of Bavaria visited Karachi.", "place:karachi"},
		{"زار الوفد ولاية كاليفورنيا الأسبوع الماضي", "place:california"},
		{"وصل الرئيس إلى كراتشي أمس", "place:karachi"},
	}
	for _, tc := range tests {
		res, err := Analyze(context.Background(), Input{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range res.Entities {
			ids = append(ids, e.ID)
		}
		if !slices.Contains(ids, tc.id) {
			t.Errorf("%q: entities %v lack %s", tc.text, ids, tc.id)
		}
	}
	// a GeoNames place that is also a common word is not a place by itself
	// («المدينة» Medina / the city)
	res, _ := Analyze(context.Background(), Input{Text: "تجول الوزير في المدينة القديمة وتفقد أسواقها"})
	for _, e := range res.Entities {
		if e.Type == "place" {
			t.Errorf("common word read as a place: %+v", e)
		}
	}
}
