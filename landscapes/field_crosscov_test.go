package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestGaussianFieldCrossCovariance checks the covariances between V and its
// derivatives at two distinct points x and y = x − d, which
// TestGaussianFieldCovariance (one point, or values only) does not reach:
// differentiating C(x, y) = N f(|x − y|²/N) (Bray & Dean, PRL 98 (2007)
// 150201; Adler & Taylor, "Random Fields and Geometry", Springer 2007,
// (5.5.4): E[∂^αV(x) ∂^βV(y)] = ∂_x^α ∂_y^β C(x, y)) gives, with s = |d|²/N,
//
//	E[∂_iV(x) ∂_jV(y)]   = −2f′(s)δ_ij − (4/N) f″(s) d_i d_j,
//	E[V(x) ∂_i∂_jV(y)]   =  2f′(s)δ_ij + (4/N) f″(s) d_i d_j,
//
// where f′ and f″ are taken in closed form here (squared exponential:
// f′ = −f/(2ℓ²), f″ = f/(4ℓ⁴); rational quadratic, u = s/(2ℓ²):
// f′ = −(1 + u/α)^{−α−1}/(2ℓ²), f″ = (α+1)/α·(1 + u/α)^{−α−2}/(4ℓ⁴)). The
// random-feature field has these covariances exactly for every M (see
// [GaussianField]), so few features suffice. Each of the 2 × 2 × 32
// comparisons is within five standard errors of its sample mean (false
// alarm ≈ 6·10⁻⁷ each for a normal mean); a flipped sign of the d_i d_j
// term moves the off-diagonal entries by 18 to 56 standard errors (72 of
// the 128 comparisons fail).
func TestGaussianFieldCrossCovariance(t *testing.T) {
	const (
		n, m, reps = 4, 30, 20000
		ell        = 1.3
	)
	x := []float64{0.3, -0.2, 0.5, 1}
	seps := [][]float64{{1, 0.5, -0.5, 0}, {2, 1, 0, -1}}
	for _, alpha := range []float64{0, 1.5} {
		fp := func(s float64) (f1, f2 float64) {
			u := s / (2 * ell * ell)
			if alpha == 0 {
				f := math.Exp(-u)
				return -f / (2 * ell * ell), f / (4 * ell * ell * ell * ell)
			}
			b := 1 + u/alpha
			return -math.Pow(b, -alpha-1) / (2 * ell * ell),
				(alpha + 1) / alpha * math.Pow(b, -alpha-2) / (4 * ell * ell * ell * ell)
		}
		for _, d := range seps {
			y := make([]float64, n)
			for i := range y {
				y[i] = x[i] - d[i]
			}
			var gg, vh [n * n][2]float64 // sums and sums of squares
			for k := 0; k < reps; k++ {
				r := rmt.Stream(31, "field-crosscov", uint64(k))
				g, err := testField(r, n, 0, ell, alpha, m)
				if err != nil {
					t.Fatal(err)
				}
				gx, gy := g.Gradient(x, nil), g.Gradient(y, nil)
				vx, hy := g.Value(x), g.Hessian(y, nil)
				for i := 0; i < n; i++ {
					for j := 0; j < n; j++ {
						a, b := gx[i]*gy[j], vx*hy.At(i, j)
						gg[i*n+j][0] += a
						gg[i*n+j][1] += a * a
						vh[i*n+j][0] += b
						vh[i*n+j][1] += b * b
					}
				}
			}
			s := lsDot(d, d) / n
			f1, f2 := fp(s)
			check := func(what string, acc [2]float64, i, j int, want float64) {
				mean := acc[0] / reps
				se := math.Sqrt((acc[1]/reps - mean*mean) / (reps - 1))
				if math.Abs(mean-want) > 5*se {
					t.Errorf("α = %g, s = %g: E[%s] (%d,%d) = %.4f ± %.4f, want %.4f", alpha, s, what, i, j, mean, se, want)
				}
			}
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					// E[∂_iV(x) ∂_jV(y)]; E[V(x) ∂_i∂_jV(y)] is its negative.
					w := -4 / float64(n) * f2 * d[i] * d[j]
					if i == j {
						w -= 2 * f1
					}
					check("∂_iV(x)∂_jV(y)", gg[i*n+j], i, j, w)
					check("V(x)∂_i∂_jV(y)", vh[i*n+j], i, j, -w)
				}
			}
		}
	}
}
