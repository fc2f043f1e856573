package critical

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestBadCallbacks: Find and Dedup refuse a Symmetry or Canonical callback
// whose result is not N finite values, naming the callback. On the 3-spin
// at N = 4 (8 starts, seed 1: 12 points) a Canonical returning nil merged
// every point into 1, one returning NaN merged none (14 points), and a
// Symmetry returning x[:1] counted every partner as a violation (7 points),
// all with nil errors.
func TestBadCallbacks(t *testing.T) {
	h, err := landscapes.NewPSpin(rmt.Stream(1, "critical/test/callbacks", 0), 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	base := FindOptions{Starts: 8, Seed: 1, Workers: 1}
	ref, err := Find(h, base)
	if err != nil {
		t.Fatal(err)
	}
	nanVec := func(x []float64) []float64 {
		y := append([]float64(nil), x...)
		y[len(y)-1] = math.NaN()
		return y
	}
	infVec := func(x []float64) []float64 {
		y := Negation(x)
		y[0] = math.Inf(-1)
		return y
	}
	cases := []struct {
		name, callback string
		opts           func(o *FindOptions)
	}{
		{"Canonical nil", "Canonical", func(o *FindOptions) { o.Canonical = func([]float64) []float64 { return nil } }},
		{"Canonical short", "Canonical", func(o *FindOptions) { o.Canonical = func(x []float64) []float64 { return x[:1] } }},
		{"Canonical long", "Canonical", func(o *FindOptions) {
			o.Canonical = func(x []float64) []float64 { return append(x[:len(x):len(x)], 0) }
		}},
		{"Canonical NaN", "Canonical", func(o *FindOptions) { o.Canonical = nanVec }},
		{"Symmetry short", "Symmetry", func(o *FindOptions) { o.Symmetry = func(x []float64) []float64 { return x[:1] } }},
		{"Symmetry nil", "Symmetry", func(o *FindOptions) { o.Symmetry = func([]float64) []float64 { return nil } }},
		{"Symmetry NaN", "Symmetry", func(o *FindOptions) { o.Symmetry = nanVec }},
		{"Symmetry -Inf", "Symmetry", func(o *FindOptions) { o.Symmetry = infVec }},
	}
	for _, c := range cases {
		o := base
		c.opts(&o)
		res, err := Find(h, o)
		if err == nil {
			t.Errorf("Find, %s: no error (%d points; %d with the default)", c.name, res.Observed, ref.Observed)
			continue
		}
		if !strings.Contains(err.Error(), c.callback) {
			t.Errorf("Find, %s: error %q does not name the %s callback", c.name, err, c.callback)
		}
		dopts := DedupOptions{Tol: 1e-6, Symmetry: o.Symmetry, Canonical: o.Canonical}
		if _, err := Dedup(h, ref.Points, dopts); err == nil {
			t.Errorf("Dedup, %s: no error", c.name)
		}
	}

	// Valid callbacks (copies of the defaults) give the default result.
	o := base
	o.Symmetry = func(x []float64) []float64 { return Negation(x) }
	o.Canonical = func(x []float64) []float64 { return append([]float64(nil), x...) }
	res, err := Find(h, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Observed != ref.Observed || fmt.Sprint(res.CountByIndex) != fmt.Sprint(ref.CountByIndex) {
		t.Errorf("valid callbacks: %d points %v, want %d %v", res.Observed, res.CountByIndex, ref.Observed, ref.CountByIndex)
	}
}

// TestDefaultsNilLandscape: DefaultSymmetry and DefaultCanonical of a nil
// landscape, or of a typed nil, are nil; DefaultSymmetry((*PSpin)(nil))
// panicked in Degrees.
func TestDefaultsNilLandscape(t *testing.T) {
	for _, l := range []landscapes.Landscape{nil, (*landscapes.PSpin)(nil), (*landscapes.QuadraticSaddle)(nil), (*landscapes.MLP)(nil)} {
		name := fmt.Sprintf("%T", l)
		robust.NoPanic(t, "DefaultSymmetry("+name+")", func() {
			if DefaultSymmetry(l) != nil {
				t.Errorf("DefaultSymmetry(%s) is not nil", name)
			}
		})
		robust.NoPanic(t, "DefaultCanonical("+name+")", func() {
			if DefaultCanonical(l) != nil {
				t.Errorf("DefaultCanonical(%s) is not nil", name)
			}
		})
	}
}
