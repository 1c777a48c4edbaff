package timex

import (
	"strings"

	"annals/data/analysis/token"
)

// number reads a number written in digits, English words ("twenty-one") or
// Arabic words («ألفين وثمانية عشر») starting at token i.
func (p *parser) number(i int) (n, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.Kind == token.Number {
		if t.Num < 0 {
			return 0, i, false
		}
		return t.Num, i + 1, true
	}
	if t.Kind != token.Word {
		return 0, i, false
	}
	if t.Arabic {
		return p.arNumber(i)
	}
	return p.enNumber(i)
}

func (p *parser) enNumber(i int) (int, int, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return 0, i, false
	}
	v, ok := enNumbers[t.Norm]
	if !ok || t.Norm == "a" || t.Norm == "an" || v == 100 {
		return 0, i, false
	}
	next := i + 1
	if v >= 20 && v%10 == 0 {
		k := next
		if p.punct(k, "-") {
			k++
		}
		if u := p.tok(k); u != nil && u.Kind == token.Word {
			if w, ok := enNumbers[u.Norm]; ok && w < 10 && w > 0 && u.Norm != "a" && u.Norm != "an" {
				v += w
				next = k + 1
			}
		}
	}
	if p.is(next, "hundred") {
		v *= 100
		next++
	}
	return v, next, true
}

// arNumberWords holds the words of arUnits, arTens, arHundreds and
// arThousands (built by init): most Arabic words arNumber is asked about
// are in none of them (issue 19).
var arNumberWords map[string]bool

// arNumber parses Arabic number words joined by «و».
func (p *parser) arNumber(i int) (int, int, bool) {
	total, k := 0, i
	for {
		t := p.tok(k)
		if t == nil || t.Kind != token.Word || !t.Arabic {
			break
		}
		var word string
		if k == i {
			word = t.Norm
		} else if strings.HasPrefix(t.Norm, "و") {
			word = strings.TrimPrefix(t.Norm, "و")
		} else if total >= 1000 || (total > 0 && total < 10 && p.isTeenTail(k)) {
			word = t.Norm
		} else {
			break
		}
		if !arNumberWords[word] {
			break // in none of the four tables below: one look-up, not four
		}
		if v, ok := arThousands[word]; ok {
			if word == "الاف" && total > 0 && total < 1000 {
				total *= 1000
			} else if word == "الاف" {
				break
			} else {
				total += v
			}
			k++
			continue
		}
		if v, ok := arHundreds[word]; ok {
			total += v
			k++
			continue
		}
		if v, ok := arTens[word]; ok {
			total += v
			k++
			continue
		}
		if v, ok := arUnits[word]; ok {
			if word == "احد" && k == i {
				// «أحد» alone is "one of" / Sunday, not a number
				if !p.isTeenTail(k + 1) {
					break
				}
			}
			if p.isTeenTail(k+1) && v < 10 {
				total += v + 10
				k += 2
				continue
			}
			if v == 10 && (word == "عشر" || word == "عشره") && total > 0 && total < 10 {
				total += 10
				k++
				continue
			}
			total += v
			k++
			if p.is(k, "الاف") {
				total = total * 1000
				k++
			}
			continue
		}
		break
	}
	if k == i {
		return 0, i, false
	}
	return total, k, true
}

func (p *parser) isTeenTail(k int) bool {
	t := p.tok(k)
	return t != nil && (t.Norm == "عشر" || t.Norm == "عشره")
}

// ordinal reads a day ordinal: "21st", "twenty-first", «الحادي والعشرين»,
// «الرابع». It returns -1 for "last" / «الأخير».
func (p *parser) ordinal(i int) (n, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.Kind == token.Number && t.Num >= 1 && t.Num <= 31 {
		if s := p.tok(i + 1); s != nil && !s.Space && (s.Norm == "st" || s.Norm == "nd" || s.Norm == "rd" || s.Norm == "th") {
			return t.Num, i + 2, true
		}
		return 0, i, false
	}
	if t.Kind != token.Word {
		return 0, i, false
	}
	if !t.Arabic {
		if v, ok := enOrdinals[t.Norm]; ok {
			return v, i + 1, true
		}
		if v, ok := enNumbers[t.Norm]; ok && v >= 20 && v%10 == 0 {
			k := i + 1
			if p.punct(k, "-") {
				k++
			}
			if u := p.tok(k); u != nil {
				if w, ok := enOrdinals[u.Norm]; ok && w > 0 && w < 10 {
					return v + w, k + 1, true
				}
			}
		}
		return 0, i, false
	}
	w := t.Norm
	if f, _, ok := token.FormOf(t, arOrdinals); ok {
		k := i + 1
		if f == -1 {
			return -1, k, true
		}
		if p.isTeenTail(k) {
			return f + 10, k + 1, true
		}
		if u := p.tok(k); u != nil && strings.HasPrefix(u.Norm, "و") {
			if tens, ok := arTens[strings.TrimPrefix(u.Norm, "و")]; ok {
				return f + tens, k + 1, true
			}
		}
		// «الثاني» etc. also cover 2..10 ordinals used as units.
		return f, k, true
	}
	if tens, _, ok := token.FormOf(t, arTens); ok && strings.HasPrefix(w, "ال") || ok && strings.HasPrefix(t.Forms[len(t.Forms)-1].Text, "ال") {
		return tens, i + 1, true
	}
	// «الثانيه والعشرين», «الحاديه والثلاثين» with feminine units
	return 0, i, false
}

// enYear reads a year written in English words: "two thousand and
// eighteen", "one thousand seven hundred and eighty nine", "nineteen
// seventy eight", "nineteen zero one", "nineteen ninety-nine".
func (p *parser) enYear(i int) (int, int, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word || t.Arabic {
		return 0, i, false
	}
	v, ok := enNumbers[t.Norm]
	if !ok || v == 100 || t.Norm == "a" || t.Norm == "an" {
		return 0, i, false
	}
	// "<n> thousand [<m> hundred] [and] [<tens/units>]"
	if p.is(i+1, "thousand") && v >= 1 && v <= 2 {
		y, k := v*1000, i+2
		if h, ok := enNumbers[normOf(p.tok(k))]; ok && h < 10 && p.is(k+1, "hundred") {
			y, k = y+h*100, k+2
		}
		j := p.skip(k, "and")
		if n, nn, ok := p.enNumber(j); ok && n < 100 {
			y, k = y+n, nn
		}
		return y, k, true
	}
	// "nineteen seventy eight", "nineteen zero one", "twenty twelve"
	if v < 10 || v > 20 || v == 10 {
		return 0, i, false
	}
	k := i + 1
	if p.is(k, "zero", "oh", "o") {
		if u, ok := enNumbers[normOf(p.tok(k+1))]; ok && u >= 1 && u <= 9 {
			return v*100 + u, k + 2, true
		}
		return 0, i, false
	}
	if p.is(k, "hundred") {
		return v * 100, k + 1, true
	}
	n, nn, ok := p.enNumber(k)
	if !ok || n < 10 || n > 99 {
		return 0, i, false
	}
	return v*100 + n, nn, true
}
