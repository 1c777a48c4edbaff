package timex

import (
	"os"
	"reflect"
	"sync"
	"testing"
	"time"
)

// TestExtractConcurrentAsAlone: parsers and their slices come from a pool,
// so texts extracted at the same time, long and short, must give what each
// gives alone (run with -race too).
func TestExtractConcurrentAsAlone(t *testing.T) {
	seed, err := os.ReadFile("../../../assets/samples/majalla-china-ai.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(seed), "On Monday, March 3, 2025, the firm said it would report on Friday.",
		"قال يوم الاثنين 12 يناير 2016 إن الاجتماع بعد غد.", string(seed[:len(seed)/2]), "No date here."}
	opt := Options{DCT: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)}
	want := make([][]Match, len(texts))
	for i, s := range texts {
		want[i] = Extract(s, opt)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for n := 0; n < 20; n++ {
				i := (g + n) % len(texts)
				if got := Extract(texts[i], opt); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("text %d extracted alongside others differs from alone", i)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	if len(want[0]) == 0 || len(want[1]) == 0 {
		t.Fatal("the test texts gave no dates")
	}
}
