package timex

import "annals/data/textnorm"

// The word tables are meant to hold folded words; folding them once at
// start-up keeps a hamza or a tā' marbūṭa typed by hand from hiding a word.
func init() {
	textnorm.FoldKeys(months)
	textnorm.FoldKeys(months2)
	textnorm.FoldKeys(hijriMonths)
	textnorm.FoldKeys(hijriMonths2)
	textnorm.FoldKeys(weekdays)
	textnorm.FoldKeys(units)
	textnorm.FoldKeys(defUnits)
	textnorm.FoldKeys(arDirAfter)
	textnorm.FoldKeys(seasons)
	for _, m := range []map[string]int{arUnits, arTens, arHundreds, arThousands, arOrdinals, arDecades, relDays} {
		textnorm.FoldKeys(m)
	}
	for _, m := range []map[string]bool{presentRef, arYearCue, arFuture, arPast, monthCue, weakWeekday, notFuture} {
		textnorm.FoldKeys(m)
	}
	arNumberWords = make(map[string]bool)
	for _, m := range []map[string]int{arUnits, arTens, arHundreds, arThousands} {
		for k := range m {
			arNumberWords[k] = true
		}
	}
	textnorm.FoldKeys(modWords)
	textnorm.FoldKeys(partsOfDay)
	textnorm.FoldKeys(setAdverbs)
	starters = buildStarters()
	starterBits = make(map[string]uint8, len(starters)+len(weakStarters))
	for k := range starters {
		starterBits[k] |= startsAny
	}
	for k := range weakStarters {
		starterBits[k] |= startsWeak
	}
	for k := range rangeTo {
		starterBits[k] |= startsRangeTo
	}
	for k := range starterBits {
		b := starterSlot(k)
		starterFilter[b/64] |= 1 << (b % 64)
	}
}
