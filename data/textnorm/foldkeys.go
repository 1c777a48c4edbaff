package textnorm

// FoldKeys rewrites the keys of a word table to their folded form, so a table
// written in ordinary spelling (a hamza, a tā' marbūṭa) matches folded text.
// When two keys fold to the same word, the one already folded keeps its value.
// Tables are folded once at start-up, before any reader uses them.
func FoldKeys[V any](m map[string]V) {
	for k, v := range m {
		if f := Fold(k); f != k {
			delete(m, k)
			if _, ok := m[f]; !ok {
				m[f] = v
			}
		}
	}
}
