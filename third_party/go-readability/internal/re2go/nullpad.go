package re2go

import "unsafe"

// nullPadded is the size of the buffer withNull copies a short input into.
const nullPadded = 256

// withNull is input followed by a NUL, the end marker the generated
// matchers read (re2go's sentinel). Upstream appended it with
// `input += string(rune(0))`, a new string for every class, id and byline
// the parser asks about once it is longer than the 32 bytes Go concatenates
// on the stack (Annals: a fiftieth of capture's CPU). An input shorter
// than buf is copied into buf, which the matcher's caller keeps on its
// stack: the matchers only read input and return a bool, so the string
// never outlives the call. Only the matchers that return a bool use it
// (NormalizeSpaces returns pieces of its input).
func withNull(input string, buf *[nullPadded]byte) string {
	if len(input) >= len(buf) {
		return input + "\x00"
	}
	n := copy(buf[:], input)
	buf[n] = 0
	return unsafe.String(&buf[0], n+1)
}
