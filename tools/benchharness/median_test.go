package main

import "testing"

func TestMedianOf(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{7.12}, 7.12},
		{[]float64{7.73, 4.91, 5.47}, 5.47},
		{[]float64{6.46, 4.91, 7.12, 5.19}, (5.19 + 6.46) / 2},
	} {
		if got := medianOf(append([]float64(nil), c.in...)); got != c.want {
			t.Errorf("medianOf(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
