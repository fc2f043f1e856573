package notebook

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Fit is a weighted linear least-squares fit y ≈ Σ_j Beta_j f_j(x) to points
// with known standard errors.
type Fit struct {
	// Beta are the fitted coefficients and SE their standard errors
	// √(C_jj), C = (AᵀA)⁻¹ the covariance of the weighted design matrix A
	// (not rescaled by χ²/dof: the errors of the points are taken as known).
	Beta, SE []float64
	// Chi2 is Σ_i ((y_i − ŷ_i)/σ_i)², on Dof = points − parameters degrees of
	// freedom.
	Chi2 float64
	Dof  int
}

// FitLinear fits y[i] ± sy[i] at x[i] by the basis functions f: general
// linear least squares (Press, Teukolsky, Vetterling & Flannery, Numerical
// Recipes, 3rd ed., §15.4), solved by QR of the design matrix
// A_ij = f_j(x_i)/σ_i. It errors when there are fewer points than basis
// functions, the slices differ in length, an error σ_i is not positive and
// finite, or the basis is degenerate on the points.
func FitLinear(x, y, sy []float64, f []func(float64) float64) (Fit, error) {
	m, q := len(x), len(f)
	if len(y) != m || len(sy) != m {
		return Fit{}, fmt.Errorf("notebook: fit: %d x, %d y and %d errors, want equal lengths", m, len(y), len(sy))
	}
	if m < q || q == 0 {
		return Fit{}, fmt.Errorf("notebook: fit: %d points for %d parameters, want at least as many points (and one parameter)", m, q)
	}
	A := mat.NewDense(m, q, nil)
	b := mat.NewVecDense(m, nil)
	for i := range x {
		if !(sy[i] > 0) || math.IsInf(sy[i], 1) {
			return Fit{}, fmt.Errorf("notebook: fit: error %d = %v, want 0 < σ < ∞", i, sy[i])
		}
		for j, fj := range f {
			A.Set(i, j, fj(x[i])/sy[i])
		}
		b.SetVec(i, y[i]/sy[i])
	}
	var qr mat.QR
	qr.Factorize(A)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, b); err != nil {
		return Fit{}, fmt.Errorf("notebook: fit: %v", err)
	}
	var ata, cov mat.Dense
	ata.Mul(A.T(), A)
	if err := cov.Inverse(&ata); err != nil {
		return Fit{}, fmt.Errorf("notebook: fit: %v", err)
	}
	out := Fit{Dof: m - q}
	for j := 0; j < q; j++ {
		out.Beta = append(out.Beta, beta.AtVec(j))
		out.SE = append(out.SE, math.Sqrt(cov.At(j, j)))
	}
	var r mat.VecDense
	r.MulVec(A, &beta)
	r.SubVec(&r, b)
	out.Chi2 = mat.Dot(&r, &r)
	return out, nil
}
