package analysis

import (
	"testing"
	"time"
)

// A nationality adjective is not the person whose surname it also is:
// «السوداني» after a minister is "Sudanese"; the full name still counts.
func TestNationalityAdjectiveIsNoPerson(t *testing.T) {
	dct := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text string
		want bool // Mohammed Shia al-Sudani is found
	}{
		{"والتقى الرئيس في بورتسودان بوزير الصناعة السوداني لبحث الاستثمار.", false},
		{"وقال وزير الخارجية المصري إن المحادثات كانت مثمرة.", false},
		{"وقال رئيس الوزراء العراقي محمد شياع السوداني إن الحكومة ستدعم المشروع.", true},
	} {
		res := analyze(t, tc.text, dct)
		found := false
		for _, e := range res.Entities {
			if e.ID == "person:mohammed-shia-al-sudani" {
				found = true
			}
			if e.Type == "person" && e.Name == "Abdel Fattah el-Sisi" {
				t.Errorf("%q: «المصري» read as a person", tc.text)
			}
		}
		if found != tc.want {
			t.Errorf("%q: al-Sudani found = %v, want %v (entities %+v)", tc.text, found, tc.want, res.Entities)
		}
	}
}
