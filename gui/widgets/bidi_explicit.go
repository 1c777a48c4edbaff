package widgets

// The explicit half of the bidi resolver (UAX #9 rules X1–X10): embeddings
// and overrides (LRE RLE LRO RLO … PDF) and isolates (LRI RLI FSI … PDI).
// Isolates are how the interface keeps a path, a link or a name in its own
// direction inside a translated sentence (i18n.Isolate); embeddings come
// with pages exported by word processors and with Wikipedia's text.

import "golang.org/x/text/unicode/bidi"

// maxDepth is the deepest explicit embedding level (BD2).
const maxDepth = 125

// dirStatus is an entry of the directional status stack (X1).
type dirStatus struct {
	level    uint8
	override bidi.Class // bidi.ON for none, else L or R
	isolate  bool
}

// resolveExplicit is resolveLevels for a paragraph holding explicit
// formatting characters: rules P2–P3 (skipping isolated text), X1–X8 (the
// directional status stack, with the overflow counters of X5–X7), X9,
// X10 (level runs joined into isolating run sequences across isolates,
// BD13, each with its sos and eos), then W1–I2 per sequence
// (resolveSequence) and L1.
func resolveExplicit(runes []rune, dir Direction) ([]uint8, bool) {
	n := len(runes)
	levels := make([]uint8, n)
	types := make([]bidi.Class, n) // original classes
	for i, r := range runes {
		props, _ := bidi.LookupRune(r)
		types[i] = props.Class()
	}
	match := matchIsolates(types)

	var base uint8
	switch dir {
	case DirLTR:
		base = 0
	case DirRTL:
		base = 1
	default:
		base = firstStrongLevel(types, match, 0, n)
	}

	// X1–X8. cls holds each character's class after overrides; bidi.BN
	// marks the characters X9 removes.
	cls := make([]bidi.Class, n)
	stack := make([]dirStatus, 1, maxDepth+2)
	stack[0] = dirStatus{level: base, override: bidi.ON}
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0
	anySep := false
	for i, c := range types {
		top := stack[len(stack)-1]
		switch c {
		case bidi.RLE, bidi.LRE, bidi.RLO, bidi.LRO, bidi.RLI, bidi.LRI, bidi.FSI:
			isolate := c == bidi.RLI || c == bidi.LRI || c == bidi.FSI
			rtl := c == bidi.RLE || c == bidi.RLO || c == bidi.RLI
			if c == bidi.FSI { // X5c: the direction of the isolated text
				end := int(match[i])
				if end < 0 {
					end = n
				}
				rtl = firstStrongLevel(types, match, i+1, end) == 1
			}
			levels[i] = top.level
			if isolate { // X5a, X5b: the initiator is outside its isolate
				cls[i] = overridden(c, top)
			} else {
				cls[i] = bidi.BN // X9
			}
			next := (top.level + 2) &^ 1
			if rtl {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				if isolate {
					validIsolates++
				}
				ov := bidi.ON
				switch c {
				case bidi.LRO:
					ov = bidi.L
				case bidi.RLO:
					ov = bidi.R
				}
				stack = append(stack, dirStatus{level: next, override: ov, isolate: isolate})
			} else if isolate {
				overflowIsolates++
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
		case bidi.PDI: // X6a
			switch {
			case overflowIsolates > 0:
				overflowIsolates--
			case validIsolates == 0:
				// unmatched: nothing to close
			default:
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			top = stack[len(stack)-1]
			levels[i], cls[i] = top.level, overridden(c, top)
		case bidi.PDF: // X7
			levels[i], cls[i] = top.level, bidi.BN
			switch {
			case overflowIsolates > 0:
			case overflowEmbeddings > 0:
				overflowEmbeddings--
			case !top.isolate && len(stack) >= 2:
				stack = stack[:len(stack)-1]
			}
		case bidi.B: // X8: the end of a paragraph ends everything
			levels[i], cls[i] = base, c
			stack = stack[:1]
			overflowIsolates, overflowEmbeddings, validIsolates = 0, 0, 0
			anySep = true
		case bidi.BN:
			levels[i], cls[i] = top.level, bidi.BN
		default: // X6
			levels[i], cls[i] = top.level, overridden(c, top)
			if c == bidi.S {
				anySep = true
			}
		}
	}

	// X9, X10: level runs of the characters kept, as [start, end) into
	// kept.
	kept := make([]int32, 0, n)
	for i, c := range cls {
		if c != bidi.BN {
			kept = append(kept, int32(i))
		}
	}
	if len(kept) == 0 {
		fillRemoved(levels, kept, base)
		applyL1(runes, levels, base, anySep)
		return levels, base == 1
	}
	posInKept := make([]int32, n) // index in kept of each character kept
	var runs [][2]int32
	runOf := make([]int32, n) // level run of each character kept
	for k, pos := range kept {
		posInKept[pos] = int32(k)
		if k == 0 || levels[pos] != levels[kept[k-1]] {
			runs = append(runs, [2]int32{int32(k), int32(k)})
		}
		runs[len(runs)-1][1] = int32(k + 1)
		runOf[pos] = int32(len(runs) - 1)
	}
	// BD13: a level run ending with an isolate initiator continues with
	// the level run that starts with its matching PDI.
	used := make([]bool, len(runs))
	var seq []int32
	var seqCls []bidi.Class
	resolved := make([]uint8, n) // levels are read (sos, eos) while written
	copy(resolved, levels)
	for r := range runs {
		if used[r] {
			continue
		}
		seq = seq[:0]
		for cur := r; ; {
			used[cur] = true
			seq = append(seq, kept[runs[cur][0]:runs[cur][1]]...)
			last := seq[len(seq)-1]
			pdi := match[last]
			if !isIsolateInitiator(types[last]) || pdi < 0 {
				break
			}
			next := runOf[pdi]
			if used[next] || kept[runs[next][0]] != pdi {
				break
			}
			cur = int(next)
		}
		first, last := seq[0], seq[len(seq)-1]
		level := levels[first]
		before, after := base, base
		if k := posInKept[first]; k > 0 {
			before = levels[kept[k-1]]
		}
		if k := posInKept[last]; !isIsolateInitiator(types[last]) && int(k)+1 < len(kept) {
			after = levels[kept[k+1]]
		}
		seqCls = seqCls[:0]
		for _, pos := range seq {
			seqCls = append(seqCls, cls[pos])
		}
		resolveSequence(runes, seq, seqCls, level, levelDir(max(level, before)), levelDir(max(level, after)), resolved)
	}
	levels = resolved
	fillRemoved(levels, kept, base)
	applyL1(runes, levels, base, anySep)
	return levels, base == 1
}

// overridden is the class of a character of class c under the directional
// override of status s (X5a–X6a).
func overridden(c bidi.Class, s dirStatus) bidi.Class {
	if s.override != bidi.ON {
		return s.override
	}
	return c
}

// levelDir is the direction of an embedding level, as sos and eos are given.
func levelDir(level uint8) bidi.Class {
	if level&1 == 1 {
		return bidi.R
	}
	return bidi.L
}

func isIsolateInitiator(c bidi.Class) bool {
	return c == bidi.LRI || c == bidi.RLI || c == bidi.FSI
}

// matchIsolates pairs isolate initiators with their PDIs (BD9): for each
// the position of the other, -1 when unmatched. A paragraph separator
// closes everything open.
func matchIsolates(types []bidi.Class) []int32 {
	match := make([]int32, len(types))
	var open []int32
	for i, c := range types {
		match[i] = -1
		switch c {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			open = append(open, int32(i))
		case bidi.PDI:
			if len(open) > 0 {
				o := open[len(open)-1]
				open = open[:len(open)-1]
				match[o], match[i] = int32(i), o
			}
		case bidi.B:
			open = open[:0]
		}
	}
	return match
}

// firstStrongLevel applies rules P2–P3 to types[from:to]: 1 when its first
// strong character outside isolates is R or AL, else 0.
func firstStrongLevel(types []bidi.Class, match []int32, from, to int) uint8 {
	for i := from; i < to; i++ {
		switch types[i] {
		case bidi.L:
			return 0
		case bidi.R, bidi.AL:
			return 1
		case bidi.LRI, bidi.RLI, bidi.FSI:
			if match[i] < 0 {
				return 0 // isolated to the end of the paragraph
			}
			i = int(match[i])
		case bidi.B:
			return 0
		}
	}
	return 0
}
