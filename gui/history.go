package gui

// place is somewhere the user went: a section and what it showed.
type place struct {
	tab        int
	article    int64
	start, end int // a passage of the article, when end > start
	entity     string
}

// history is the back/forward list of places (Alt+← / Alt+→), like a
// browser's: going somewhere new after going back drops the forward part.
type history struct {
	places []place
	at     int // index of the current place; -1 when empty
}

func newHistory() *history { return &history{at: -1} }

// visit records p as the current place, unless it is the current one.
func (h *history) visit(p place) {
	if h.at >= 0 && h.places[h.at] == p {
		return
	}
	h.places = append(h.places[:h.at+1], p)
	const max = 200
	if len(h.places) > max {
		h.places = h.places[len(h.places)-max:]
	}
	h.at = len(h.places) - 1
}

func (h *history) back() (place, bool) {
	if h.at <= 0 {
		return place{}, false
	}
	h.at--
	return h.places[h.at], true
}

func (h *history) forward() (place, bool) {
	if h.at+1 >= len(h.places) {
		return place{}, false
	}
	h.at++
	return h.places[h.at], true
}
