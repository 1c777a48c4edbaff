package textnorm

import "testing"

func TestFoldKeys(t *testing.T) {
	m := map[string]int{"وزارة": 1, "أبريل": 2, "مايو": 3, "Paris": 4, "paris": 5}
	FoldKeys(m)
	want := map[string]int{"وزاره": 1, "ابريل": 2, "مايو": 3, "paris": 5}
	if len(m) != len(want) {
		t.Fatalf("FoldKeys gave %v, want %v", m, want)
	}
	for k, v := range want {
		if got, ok := m[k]; !ok || got != v {
			t.Errorf("m[%q] = %d, %v; want %d", k, got, ok, v)
		}
	}
}
