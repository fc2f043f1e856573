package critical

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// fieldComplexity returns the large-N limit of (1/N) ln E Crt_N(R^N) of the
// Bray–Dean field and the constant K of E Crt_N ≈ K√(N+1)e^{NΣ}, for
// r = μ/μ_c < 1, μ_c = 2√f″(0).
//
// This is Fyodorov's complexity of the model for μ < μ_c,
// Σ = ½(μ²/μ_c² − 1) − ln(μ/μ_c) (Fyodorov, PRL 92 (2004) 240601, erratum
// PRL 93 (2004) 149901(E); the exact solution is reviewed in Fyodorov, Acta
// Phys. Polon. B 36 (2005) 2699, and the complexity quoted in Fyodorov &
// Williams, J. Stat. Phys. 129 (2007) 1081); the papers' texts were not at
// hand to give the equation numbers, so the limit and K are also derived
// here independently, by Laplace's method on the exact formula of
// FieldExactCritical: with Σ_k ρ_k(x) = n·ρ_1(x), ρ_1 → the semicircle
// √(2 − x²)/π of the GOE with E M_ij² = (1+δ_ij)/(2n), the Gaussian weight
// concentrates x at −m√(2/n) → −r√2, and Stirling's formula for
// Γ(1 + n/2) gives
//
//	(1/N) ln E Crt_N → Σ = (r² − 1)/2 − ln r,   K = 4√((1 − r²)/π).
//
// Σ > 0 below μ_c and vanishes at μ = μ_c (above it the Laplace point leaves
// the bulk and E Crt_N → 1): the phase transition of the paper's abstract,
// at μ_c² = 4f″(0) in this normalisation, E[V(x)V(y)] = N f(|x − y|²/N).
func fieldComplexity(r float64) (sigma, k float64) {
	return (r*r-1)/2 - math.Log(r), 4 * math.Sqrt((1-r*r)/math.Pi)
}

// The finite-N exact totals must approach the large-N closed form: a
// four-point fit (four equations, four unknowns) of ln E Crt_N − ½ ln(N+1) =
// NΣ + ln K + c/N + d/N² at N = 6, 9, 12, 15 must return Σ and ln K. The
// three-point fits without d (on N = 6, 9, 12 and on 9, 12, 15) miss Σ by
// 1.5e-3 and 6.6e-4 (measured), the size of the neglected order; the
// four-point fit must be well inside that: tolerance 5e-4 on Σ = 0.318 (a
// wrong μ_c or a missing prefactor power changes Σ by O(0.1)) and 0.01 on
// ln K = 0.670 (three-point fits: 0.04 and 0.02 off).
func TestFieldExactLargeN(t *testing.T) {
	const mu, f2 = 0.5, 0.25 // μ_c = 1, r = 0.5
	sigma, k := fieldComplexity(mu / (2 * math.Sqrt(f2)))
	ns := []float64{6, 9, 12, 15}
	A := mat.NewDense(4, 4, nil)
	b := mat.NewVecDense(4, nil)
	for i, n := range ns {
		c, err := FieldExactCritical(int(n), mu, 1, -0.5, f2)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("N = %v: E Crt = %.6g, (1/N) ln E Crt = %.5f", n, c.Total, math.Log(c.Total)/n)
		A.SetRow(i, []float64{n, 1, 1 / n, 1 / (n * n)})
		b.SetVec(i, math.Log(c.Total)-0.5*math.Log(n+1))
	}
	var x mat.VecDense
	if err := x.SolveVec(A, b); err != nil {
		t.Fatal(err)
	}
	t.Logf("fit: Σ = %.6f (closed form %.6f), ln K = %.5f (closed form %.5f), c = %.3f, d = %.3f",
		x.AtVec(0), sigma, x.AtVec(1), math.Log(k), x.AtVec(2), x.AtVec(3))
	if !(math.Abs(x.AtVec(0)-sigma) <= 5e-4) {
		t.Errorf("extrapolated complexity %.6f, closed form %.6f", x.AtVec(0), sigma)
	}
	if !(math.Abs(x.AtVec(1)-math.Log(k)) <= 0.01) {
		t.Errorf("extrapolated ln K %.5f, closed form %.5f", x.AtVec(1), math.Log(k))
	}
}
