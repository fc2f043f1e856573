package landscapes

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestGaussianFieldSpectralMeasure checks the frequencies of the random
// Fourier features directly against Bochner's theorem (Rahimi & Recht,
// NIPS 2007, Claim 1): for the features' frequency law μ,
// E_w cos(w·d) = f(|d|²/N), the correlation function of the field
// ([GaussianField]): w ~ N(0, I/(Nℓ²)) for the squared exponential and
// w ~ N(0, τI/(Nℓ²)), τ ~ Gamma(α, rate α), for the rational quadratic
// (f(s) = E_τ exp(−τs/(2ℓ²)) = (1 + s/(2αℓ²))^{−α}). One field of M = 10⁵
// features on R² gives the sample mean of cos(w_k·d) over k with its own
// standard error (≈ 0.002); each comparison is within 5 s.e. The
// distances probe f where the laws differ: a Gamma of rate 1 instead of α
// moves f(4ℓ²) at α = 2 from 0.25 to 0.11, at α = 0.5 from 0.45 to 0.58.
func TestGaussianFieldSpectralMeasure(t *testing.T) {
	const n, m, ell = 2, 100000, 0.8
	for _, alpha := range []float64{0, 0.5, 2} {
		r := rmt.Stream(11, "field-spectral", uint64(alpha*10))
		g, err := testField(r, n, 0, ell, alpha, m)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []float64{0.5 * ell * ell, ell * ell, 4 * ell * ell, 16 * ell * ell} {
			// d along (1, 1)/√2 with |d|² = Ns.
			c := math.Sqrt(n*s) / math.Sqrt2
			var a lsMeanSE
			for k := 0; k < m; k++ {
				a.add(math.Cos(c * (g.w[k*n] + g.w[k*n+1])))
			}
			want := g.Correlation(s)
			t.Logf("alpha=%v s/ℓ²=%v: E cos(w·d) = %.5f ± %.5f, f = %.5f (%.1f s.e.)", alpha, s/(ell*ell), a.mean(), a.se(), want, (a.mean()-want)/a.se())
			if math.Abs(a.mean()-want) > 5*a.se() {
				t.Errorf("alpha=%v s/ℓ²=%v: E cos(w·d) = %.5f ± %.5f, want f(s) = %.5f", alpha, s/(ell*ell), a.mean(), a.se(), want)
			}
		}
	}
}

// testField returns NewGaussianField(r, n, mu, ell, m) for alpha = 0 and
// NewRationalQuadraticField(r, n, mu, ell, alpha, m) otherwise.
func testField(r *rand.Rand, n int, mu, ell, alpha float64, m int) (*GaussianField, error) {
	if alpha == 0 {
		return NewGaussianField(r, n, mu, ell, m)
	}
	return NewRationalQuadraticField(r, n, mu, ell, alpha, m)
}
