package analysis

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"
)

// TestAnalyzeConcurrentAsAlone: the English document pass keeps its tables
// from one text to the next (docScratch, a sync.Pool), so texts analysed
// one after another and at the same time, long and short, must each give
// what they give alone, on a fresh pool (run with -race too).
func TestAnalyzeConcurrentAsAlone(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		SyntheticArticle(3000),
		// the words of the next text in lower case: kept from this text,
		// they would make its names common words
		"Officials said the orvane and the kestrel tallies were small, and the orvane grew.",
		"Pim Vosk said the ardanza tallies were small. Vosk said the ardanza grew.",
		"They met Orvane on Monday. Officials at Orvane said Orvane grew, and Kestrel staff agreed with Orvane.",
		"Adam Neumann met Quill Ardanza of Tarvo Mining Works in Napa County. Ardanza said Tarvo Mining Works would hire.",
		string(seed),
		SyntheticArticle(200),
		"The Bidens and Burisma: the Joint Chiefs of Staff told The Ledger Review on Monday that Burisma grew.",
		SyntheticArticle(1200),
	}
	analyse := func(s string) string {
		res, err := Analyze(context.Background(), Input{Text: s, Published: benchDCT})
		if err != nil {
			t.Error(err)
			return ""
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	// alone: each text on a pool that holds nothing of another text's
	want := make([]string, len(texts))
	for i, s := range texts {
		docScratchPool = sync.Pool{New: docScratchPool.New}
		want[i] = analyse(s)
	}
	names := 0
	for i := range texts {
		var res Result
		if err := json.Unmarshal([]byte(want[i]), &res); err != nil {
			t.Fatal(err)
		}
		names += len(res.Entities)
	}
	if names == 0 {
		t.Fatal("the test texts gave no names")
	}
	// one after another: each text on the tables the one before it used
	for i, s := range texts {
		if got := analyse(s); got != want[i] {
			t.Errorf("text %d analysed after text %d differs from alone", i, i-1)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for n := 0; n < 12; n++ {
				i := (g + n) % len(texts)
				if got := analyse(texts[i]); got != want[i] {
					t.Errorf("text %d analysed after and beside others differs from alone", i)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}
