package spectra_test

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
)

// ExactSum gives the same, correctly rounded result in any order, where naive
// float64 summation loses the small term.
func ExampleExactSum() {
	values := []float64{1e100, 1, -1e100}
	naive := 0.0
	for _, v := range values {
		naive += v
	}
	// Two shards, merged: the result does not depend on the split.
	var a, b spectra.ExactSum
	a.Add(values[0])
	b.Add(values[1])
	b.Add(values[2])
	if err := a.Merge(&b); err != nil {
		fmt.Println(err)
		return
	}
	text, _ := a.MarshalText()
	fmt.Println(naive, a.Float64(), string(text))
	// Output: 0 1 0x1p+0
}

// A histogram with fixed edges; shards with the same edges merge exactly, and
// the JSON form can be written to shard files.
func ExampleHistogram() {
	h, err := spectra.NewHistogram(-2, 2, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, x := range []float64{-1.5, -0.2, 0.1, 0.3, 1.9, 2.5} {
		h.Add(x)
	}
	fmt.Println(h.Counts(), h.Over(), h.Total())
	fmt.Println(h.Edges())
	fmt.Printf("%.4f\n", h.Density())
	b, _ := json.Marshal(h)
	fmt.Println(string(b))
	_, err = spectra.NewHistogram(1, 0, 10)
	fmt.Println(err)
	// Output:
	// [1 1 2 1] 1 6
	// [-2 -1 0 1 2]
	// [0.1667 0.1667 0.3333 0.1667]
	// {"lo":-2,"hi":2,"bins":4,"counts":[1,1,2,1],"under":0,"over":1,"nan":0}
	// spectra: histogram range [lo, hi] = [1, 0], want lo < hi
}

// Moments merges exactly too; the variance is computed without cancellation.
func ExampleMoments() {
	var m spectra.Moments
	for _, x := range []float64{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4} {
		m.Add(x)
	}
	fmt.Println(m.N(), m.Mean(), m.Variance())
	// Output: 4 1.0000000025e+09 1.6666666666666667
}

// AddProduct keeps the low half of a product that float64 multiplication
// drops, and Rat gives the sum exactly: here (1 + 2^−30)² − 1 − 2^−29 = 2^−60.
func ExampleExactSum_AddProduct() {
	x := 1 + math.Ldexp(1, -30)
	var s spectra.ExactSum
	s.AddProduct(x, x)
	s.Add(-1)
	s.Add(-math.Ldexp(1, -29))
	naive := float64(x*x) - 1 - math.Ldexp(1, -29) // float64(): no fused multiply-add
	r, _ := s.Rat()
	fmt.Println(naive, r)
	// Output: 0 1/1152921504606846976
}
