package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestAnalyzeDegenerateCluster: a quadratic saddle of order 400 whose
// Hessian has 3 negative eigenvalues (−0.3, −0.6, −0.9), 40 within ±2e-9 of
// 0 (1e-10·k, k = −20…19: the dead or coinciding units of a small network's
// saddle), all inside the zero band ±1.78e-8, and a bulk 0.002 + 2j/400.
// Analyze's Lanczos count, beyond DenseMax, was unresolved after its 400
// steps (7 below, 0 near: the frozen values of the blocks cut at near
// breakdowns could not be placed within the sum of the cut β, which exceeded
// the band) and the index fell back to SLQ's 3.49; with the exact zeros
// (k·0) it resolved. Once the blocks span the space the count is exact
// (spectra's countWhole): 3 below and 40 near in 400 products.
func TestAnalyzeDegenerateCluster(t *testing.T) {
	const n = 400
	lam := []float64{-0.3, -0.6, -0.9}
	for k := -20; k < 20; k++ {
		lam = append(lam, 1e-10*float64(k))
	}
	for j := 0; len(lam) < n; j++ {
		lam = append(lam, 0.002+2*float64(j)/n)
	}
	s, err := NewQuadraticSaddle(rmt.Stream(2, "degenerate-slq", 0), lam, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1}, rmt.Stream(2, "a", 0))
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Count
	t.Logf("index %v by %s; count resolved %v: %d below, %d near, %d above in %d products", rep.IndexEstimate, rep.IndexMethod, c.Resolved, c.Below, c.Near, c.Above, c.MatVecs)
	if rep.IndexMethod != "lanczos-count" || rep.IndexEstimate != 3 || !c.Resolved || c.Below != 3 || c.Near != 40 || c.Above != n-43 {
		t.Errorf("index %v by %s, count resolved %v with %d below, %d near, %d above; want 3 by lanczos-count, resolved 3, 40, %d",
			rep.IndexEstimate, rep.IndexMethod, c.Resolved, c.Below, c.Near, c.Above, n-43)
	}
}
