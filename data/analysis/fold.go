package analysis

import "annals/data/textnorm"

// The word tables are written with ordinary Arabic spelling; matching is on
// folded text, so they are folded once at start-up.
func init() {
	for _, m := range []map[string]bool{arPersonCue, arPersonHead, arOrgNameCue, arOrgPhraseCue, arPlaceCue, arProductCue, arStop, projectWords, nonNameWords, nameChain, arDayNames, teamNouns} {
		textnorm.FoldKeys(m)
	}
	textnorm.FoldKeys(triggers)
	arCues = buildArCues() // from the folded lists
}
