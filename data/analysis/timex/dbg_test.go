package timex

import (
	"fmt"
	"testing"
	"time"
)

func TestDbg(t *testing.T) {
	d := time.Date(2016, 11, 7, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"سأعود يوم الاثنين 12 يناير 2016", "سأعود 11/12, 2016", "سأعود في 4.22"} {
		fmt.Printf("%+v\n", Extract(s, Options{DCT: d, Lang: "ar"}))
	}
}
