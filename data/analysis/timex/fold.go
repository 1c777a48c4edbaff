package timex

import "annals/data/textnorm"

// The word tables are meant to hold folded words; folding them once at
// start-up keeps a hamza or a tā' marbūṭa typed by hand from hiding a word.
func init() {
	foldKeys(months)
	foldKeys(months2)
	foldKeys(hijriMonths)
	foldKeys(hijriMonths2)
	foldKeys(weekdays)
	foldKeys(units)
	foldKeys(defUnits)
	foldKeys(arDirAfter)
	foldKeys(seasons)
	for _, m := range []map[string]int{arUnits, arTens, arHundreds, arThousands, arOrdinals, arDecades, relDays} {
		foldKeys(m)
	}
	for _, m := range []map[string]bool{presentRef, arYearCue, arFuture, arPast, monthCue, weakWeekday, notFuture} {
		foldKeys(m)
	}
	foldKeys(modWords)
	foldKeys(partsOfDay)
	foldKeys(setAdverbs)
	starters = buildStarters()
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
