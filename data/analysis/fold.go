package analysis

import "annals/data/textnorm"

// The word tables are written with ordinary Arabic spelling; matching is on
// folded text, so they are folded once at start-up.
func init() {
	for _, m := range []map[string]bool{arPersonCue, arPersonHead, arOrgNameCue, arOrgPhraseCue, arPlaceCue, arProductCue, arStop, projectWords, nonNameWords, nameChain, arDayNames, teamNouns} {
		foldKeys(m)
	}
	foldKeys(triggers)
}

func foldKeys[V any](m map[string]V) {
	for k, v := range m {
		if f := textnorm.Fold(k); f != k {
			delete(m, k)
			if _, ok := m[f]; !ok {
				m[f] = v
			}
		}
	}
}
