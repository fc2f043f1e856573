package spectra

import (
	"math"
	"testing"
)

// FuzzSpikesAndEdges calls the spiked-model limits, the edge scalings and the
// exact all-positive probabilities with arbitrary arguments. Each must return
// an error (NaN for the edge scalings, which document it) for invalid
// arguments and otherwise finite values in range: BBP locations at or above
// the bulk edge (2, or (1 + √c)²), overlaps in [0, 1], positive centring and
// scale for the correlated Wishart edge, probabilities in [0, 1] with
// logarithms ≤ 0.
func FuzzSpikesAndEdges(f *testing.F) {
	f.Add(2.0, 0.5, 3.0, 100, 200, 1.0, 4.0, 0.5, 10)
	f.Add(0.5, 2.0, 2.0, 1, 1, 1.0, 1.0, 1.0, 1)
	f.Add(1e308, 1e308, 1e300, 1<<40, 1<<50, 1e-100, 1e100, 0.5, 30)
	f.Add(-0.999999, 1e-300, math.NaN(), 0, -1, -1.0, math.Inf(1), 1.5, -1)
	f.Add(1e-300, 1e300, -1e300, 3, 2, 1e-300, 1e-300, 1e-300, 0)
	f.Fuzz(func(t *testing.T, theta, c, lmax float64, n, m int, t1, t2, w float64, k int) {
		finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
		in01 := func(v float64) bool { return v >= 0 && v <= 1 }

		mx, err := SpikedWignerMax(theta)
		if (err == nil) != finite(theta) || (err == nil && !(finite(mx) && mx >= 2)) {
			t.Fatalf("SpikedWignerMax(%v) = %v, %v", theta, mx, err)
		}
		ov, err := SpikedWignerOverlap(theta)
		if (err == nil) != finite(theta) || (err == nil && !in01(ov)) {
			t.Fatalf("SpikedWignerOverlap(%v) = %v, %v", theta, ov, err)
		}
		valid := theta > -1 && !math.IsInf(theta, 1) && c > 0 && !math.IsInf(c, 1)
		wm, err := SpikedWishartMax(theta, c)
		edge := (1 + math.Sqrt(c)) * (1 + math.Sqrt(c))
		// The outlier (1 + θ)(1 + c/θ) ≈ θ + c is representable unless θ + c
		// itself overflows.
		overflow := math.IsInf(math.Abs(theta)+c, 0) || math.IsInf(edge, 0)
		if (err == nil) != valid || (err == nil && !(wm >= edge*(1-1e-15) && (finite(wm) || overflow))) {
			t.Fatalf("SpikedWishartMax(%v, %v) = %v, %v (edge %v)", theta, c, wm, err, edge)
		}
		wo, err := SpikedWishartOverlap(theta, c)
		if (err == nil) != valid || (err == nil && !in01(wo)) {
			t.Fatalf("SpikedWishartOverlap(%v, %v) = %v, %v", theta, c, wo, err)
		}

		// Edge scalings: NaN unless the sizes are ≥ 1, finite for a finite
		// λ_max otherwise.
		beta := []float64{1, 2, 4}[uint(k)%3]
		for name, v := range map[string]float64{
			"EdgeScaleWigner":         EdgeScaleWigner(lmax, n, beta),
			"EdgeScaleWishart":        EdgeScaleWishart(lmax, n, m),
			"EdgeScaleComplexWishart": EdgeScaleComplexWishart(lmax, n, m),
		} {
			ok := n >= 1 && (name == "EdgeScaleWigner" || m >= 1)
			if !ok && !math.IsNaN(v) {
				t.Fatalf("%s(%v, %d, %d) = %v, want NaN", name, lmax, n, m, v)
			}
			if ok && finite(lmax) && math.Abs(lmax) < 1e250 && !finite(v) {
				t.Fatalf("%s(%v, %d, %d) = %v, want finite", name, lmax, n, m, v)
			}
		}

		// The correlated Wishart edge for the population {t1, t2}, weights
		// {w, 1 − w}.
		center, scale, err := CorrelatedWishartEdge(n, m, []float64{t1, t2}, []float64{w, 1 - w})
		if err == nil && !(finite(center) && center > 0 && finite(scale) && scale > 0) {
			t.Fatalf("CorrelatedWishartEdge(%d, %d, {%v, %v}, %v) = %v, %v", n, m, t1, t2, w, center, scale)
		}

		// Exact probabilities of no negative eigenvalue; sizes above 30
		// (outside the cached range of the unit tests) are reduced, those
		// outside [1, NMaxExact] kept for the error.
		nn := k
		if nn > 30 && nn <= NMaxExact {
			nn = 1 + nn%30
		}
		for name, fn := range map[string]func(int) (float64, float64, error){"GOEAllPositive": GOEAllPositive, "GUEAllPositive": GUEAllPositive} {
			p, lp, err := fn(nn)
			if (err == nil) != (nn >= 1 && nn <= NMaxExact) {
				t.Fatalf("%s(%d): err = %v", name, nn, err)
			}
			if err == nil && !(in01(p) && lp <= 0 && finite(lp) && p > 0 && math.Abs(math.Log(p)-lp) <= 1e-12*math.Max(1, -lp)) {
				t.Fatalf("%s(%d) = %v, log %v", name, nn, p, lp)
			}
		}
	})
}
