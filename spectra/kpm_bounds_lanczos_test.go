package spectra

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestKPMBoundsFromLanczos: from converged Lanczos runs on a GOE matrix of
// order 300 the bounds hold the whole spectrum (from SymEigenvalues) with
// KPM's pad, and KPM run with them spends no products on bounds and matches
// the semicircle as with its own; unconverged, empty or swapped runs are
// refused with the run named.
func TestKPMBoundsFromLanczos(t *testing.T) {
	r := rmt.Stream(85, "kpm-bounds-lanczos", 0)
	n := 300
	a, err := rmt.GOE(r, n)
	if err != nil {
		t.Fatal(err)
	}
	op := DenseOperator{A: a}
	low, err := Lanczos(op, LanczosOptions{Which: "smallest", Tol: 1e-10}, r)
	if err != nil {
		t.Fatal(err)
	}
	high, err := Lanczos(op, LanczosOptions{Which: "largest", Tol: 1e-10}, r)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi, err := KPMBoundsFromLanczos(low, high)
	if err != nil {
		t.Fatal(err)
	}
	eig, err := SymEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := eig[n-1] - eig[0]
	t.Logf("spectrum [%.6f, %.6f], bounds [%.6f, %.6f]", eig[0], eig[n-1], lo, hi)
	// The pad is w/100 beyond residuals of 1e-10·max|θ|.
	if !(lo < eig[0] && hi > eig[n-1]) || math.Abs(eig[0]-lo-w/100) > 1e-6 || math.Abs(hi-eig[n-1]-w/100) > 1e-6 {
		t.Errorf("bounds [%v, %v] for spectrum [%v, %v]: want each end padded by w/100 = %v", lo, hi, eig[0], eig[n-1], w/100)
	}
	kpm, err := KPM(op, KPMOptions{Probes: 10, Moments: 80, Lower: lo, Upper: hi}, r)
	if err != nil {
		t.Fatal(err)
	}
	if kpm.MatVecs != 10*40 {
		t.Errorf("KPM with given bounds took %d products, want %d (none for bounds)", kpm.MatVecs, 400)
	}
	if d := KSDistance(eig, kpm.CDF); d > 0.05 {
		t.Errorf("KS distance of KPM's CDF to the spectrum %v > 0.05", d)
	}

	unconv := low
	unconv.Converged = false
	for _, c := range []struct {
		s, l LanczosResult
		want string
	}{
		{unconv, high, "smallest run did not converge"},
		{low, LanczosResult{Converged: true}, "largest run has no Ritz value"},
		{high, low, "above the largest"},
	} {
		if _, _, err := KPMBoundsFromLanczos(c.s, c.l); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}
