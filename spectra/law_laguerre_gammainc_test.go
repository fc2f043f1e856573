package spectra

import (
	"math"
	"testing"
)

// TestFiniteLaguerreGammaIncBand checks flGammaIncReg for large parameters
// just below the window of the uniform asymptotic expansion, where gonum's
// mathext.GammaIncReg truncates its power series at 2000 terms (measured
// relative errors 1.4e-5 to 2.7e-4 at s = 1999961, 6.6e-11 to 1.1e-10
// absolute), against 40-digit values from the Poisson sum Q(s, x) =
// Σ_{k<s} e^{−x}x^k/k! (integer s; mpmath), and the β = 4 CDF it enters,
// FiniteLaguerre{N: 20, M: 10⁶}, at a point in that band (z = 2Mx, ν + 1 =
// 1999961), against the Pfaffian one-point function computed independently
// in 392-digit arithmetic (mpmath: ½Σ(A⁻¹)_{kj}(f_jf_k′ − f_j′f_k)w in the
// monomial basis f_j = y^j, A its skew Gram matrix from exact moments;
// Mehta, Random Matrices, ch. 7), integrated term by term. Before the fix:
// CDF error 6.6e-11.
func TestFiniteLaguerreGammaIncBand(t *testing.T) {
	var worst float64
	for _, c := range []struct{ s, x, p float64 }{
		{1999961, 1992884, 2.7225973468906506996e-7},
		{1999961, 1993000, 4.1600586628745031675e-7},
		{1999961, 1990000, 8.6268514616246406356e-13},
		{1000001, 995000, 2.7353221405871338139e-7},
		{100001, 98500, 9.2361073734572218003e-7},
		{200001, 195000, 8.582226159102379584e-30},
	} {
		got := flGammaIncReg(c.s, c.x)
		worst = math.Max(worst, math.Abs(got-c.p)/c.p)
		if !(math.Abs(got-c.p) <= 1e-13*c.p) {
			t.Errorf("P(%g, %g) = %.16g, want %.16g (relative error %.1e)", c.s, c.x, got, c.p, math.Abs(got-c.p)/c.p)
		}
		if got, want := flGammaIncRegComp(c.s, c.x), 1-c.p; !(math.Abs(got-want) <= 1e-15) {
			t.Errorf("Q(%g, %g) = %.16g, want %.16g", c.s, c.x, got, want)
		}
	}
	t.Logf("worst relative error of P %.1e", worst)
	f := FiniteLaguerre{N: 20, M: 1000000, Beta: 4}
	x, want := 0.9964422912360003, 0.2518033355044514
	got := f.CDF(x)
	t.Logf("CDF error %.1e", got-want)
	if !(math.Abs(got-want) <= 1e-13) {
		t.Errorf("FiniteLaguerre{20, 1e6, 4}.CDF(%v) = %.16g, want %.16g (error %.1e)", x, got, want, got-want)
	}
}
