package rmt

import (
	"math"
	"testing"
)

// TestPSpinHessianBulk checks the bulk of the p-spin Hessian model (contract;
// Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165): semicircle centred at −pE with
// radius R = 2√(p(p−1)·n/N), N = n+1. By the symmetry G ↦ −G of the GOE,
// E(λ_min + λ_max)/2 = −pE exactly; (λ_max − λ_min)/2 = R(1 + O(n^{−2/3}))
// (Tracy–Widom edge: the mean of n^{2/3}(λ_max/(R/2) − 2) is ≈ −1.2 at this n,
// so the allowance 2·n^{−2/3}·R/2 covers it; the exact √(n/N) factor is
// pinned by TestExactTraceMoments).
// The dense and tridiagonal models must agree in law.
func TestPSpinHessianBulk(t *testing.T) {
	const n, p, e, reps = 200, 3, -1.6, 30
	nf := float64(n)
	centre, radius := -p*e, 2*math.Sqrt(p*(p-1)*nf/(nf+1))
	var mid, half sample
	for k := 0; k < reps; k++ {
		h, err := PSpinHessian(Stream(6, "pspin-bulk", uint64(k)), n, p, e)
		if err != nil {
			t.Fatal(err)
		}
		ev := symEig(t, h)
		mid = append(mid, (ev[0]+ev[n-1])/2)
		half = append(half, (ev[n-1]-ev[0])/2)
	}
	if d := math.Abs(mid.mean() - centre); d > 5*mid.seMean() {
		t.Errorf("centre %.5g, want −pE = %.5g ± %.3g", mid.mean(), centre, 5*mid.seMean())
	}
	tol := 5*half.seMean() + 2*math.Pow(nf, -2.0/3)*radius/2
	if d := math.Abs(half.mean() - radius); d > tol {
		t.Errorf("half-width %.5g, want radius %.5g ± %.3g", half.mean(), radius, tol)
	}
	t.Logf("n = %d, p = %d, E = %g: centre %.4f ± %.4f (−pE = %.4f), half-width %.4f ± %.4f (radius %.4f)",
		n, p, e, mid.mean(), mid.seMean(), centre, half.mean(), half.seMean(), radius)

	compareSpectra(t, "PSpinHessian vs PSpinHessianTridiagonal", 300, func(k int) []float64 {
		h, err := PSpinHessian(Stream(6, "pspin-d", uint64(k)), 40, 4, 0.7)
		if err != nil {
			t.Fatal(err)
		}
		return symEig(t, h)
	}, func(k int) []float64 {
		tr, err := PSpinHessianTridiagonal(Stream(6, "pspin-t", uint64(k)), 40, 4, 0.7)
		if err != nil {
			t.Fatal(err)
		}
		return triEig(t, tr)
	})
}
