package critical

import (
	"math"
	"slices"

	"github.com/rmtsim/rmtsim/landscapes"
)

// Canonical maps a point to a canonical representative of its orbit under a
// finite symmetry group of the landscape (f∘g = f for every g in the group),
// so that two images of one critical point have the same representative. It
// returns a new slice of length N and must not modify x. [Dedup] compares
// points through it, and it and [Find] return an error when it returns a
// slice of another length or with a NaN or infinite entry.
type Canonical func(x []float64) []float64

// MLPCanonical returns the canonical form of the parameters of m under its
// symmetry group of order 2^h·h! (Chen, Lu & Hecht-Nielsen, Neural
// Computation 5 (1993) 910; [landscapes.MLP], "Symmetries"): hidden-unit
// permutations and the tanh sign flips (W1_j, b1_j, w2_j) → −(W1_j, b1_j, w2_j).
//
// Each hidden unit j is the vector u_j = (W1_j, b1_j, w2_j) ∈ R^{d+2}. The
// sign flip makes the entry of largest magnitude of u_j positive (the first
// such entry on exact ties), then the units are sorted in increasing
// lexicographic order of u_j; b2 is unchanged. Both choices are continuous
// away from non-generic ties (two entries of u_j of equal magnitude, or two
// units with equal first entries), so images of one critical point map to
// points within rounding of each other, and [Dedup] clusters them as one
// point. At the ties (e.g. a dead unit u_j = 0, or two identical units) the
// point is degenerate anyway.
//
// A vector whose length is not m.Dim() is returned copied unchanged. For a nil
// m it returns nil (no canonical form), as [DefaultCanonical] does for
// landscapes without one.
func MLPCanonical(m *landscapes.MLP) Canonical {
	if m == nil {
		return nil
	}
	d, h := m.InputDim(), m.Hidden()
	return func(x []float64) []float64 {
		out := append([]float64(nil), x...)
		if len(x) != m.Dim() {
			return out
		}
		units := make([][]float64, h)
		buf := make([]float64, h*(d+2)) // the units' entries, one allocation
		for j := range units {
			u := buf[j*(d+2) : (j+1)*(d+2) : (j+1)*(d+2)]
			copy(u, x[j*d:(j+1)*d])
			u[d], u[d+1] = x[h*d+j], x[h*d+h+j]
			big := 0
			for i, v := range u {
				if math.Abs(v) > math.Abs(u[big]) {
					big = i
				}
			}
			if u[big] < 0 {
				for i := range u {
					u[i] = -u[i] + 0 // + 0 turns −0 into +0
				}
			}
			units[j] = u
		}
		slices.SortStableFunc(units, slices.Compare[[]float64])
		for j, u := range units {
			copy(out[j*d:(j+1)*d], u[:d])
			out[h*d+j], out[h*d+h+j] = u[d], u[d+1]
		}
		return out
	}
}

// DefaultCanonical returns [MLPCanonical] for a *landscapes.MLP and nil for
// every other landscape.
func DefaultCanonical(l landscapes.Landscape) Canonical {
	if m, ok := l.(*landscapes.MLP); ok {
		return MLPCanonical(m)
	}
	return nil
}
