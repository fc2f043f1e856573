package notebook

import (
	"math"

	"github.com/rmtsim/rmtsim/internal/stattest"
	"github.com/rmtsim/rmtsim/spectra"
)

// SLQExpectedBelow returns what n·s.CDF(x) of stochastic Lanczos quadrature
// estimates on a matrix with eigenvalues eig (ascending), Σ_j Φ((x − λ_j)/σ)
// with s's broadening σ (each probe's broadened quadrature is unbiased for it
// up to the quadrature error, a Rademacher probe's spectral measure having
// the spectral distribution as its mean), and a bound on that quadrature
// error: n times twice the error of the best polynomial of degree 2m − 1 in
// Φ((x − t)/σ) on [λ_min, λ_max], m the fewest nodes of a probe (an m-node
// Gauss rule integrates such a polynomial exactly against both the probe's
// measure and its own; Golub & Meurant, Matrices, Moments and Quadrature,
// 2010, Thm 6.4), estimated by Chebyshev interpolation
// (stattest.ChebyshevError).
func SLQExpectedBelow(eig []float64, s *spectra.SLQResult, x float64) (expected, quadBound float64) {
	f := func(t float64) float64 { return 0.5 * math.Erfc((t-x)/(s.Sigma*math.Sqrt2)) }
	for _, l := range eig {
		expected += f(l)
	}
	m := math.MaxInt
	for _, nodes := range s.Nodes {
		m = min(m, len(nodes))
	}
	return expected, float64(len(eig)) * 2 * stattest.ChebyshevError(f, eig[0], eig[len(eig)-1], 2*m-1)
}

// KPMExpectedBelow returns what n·p.CDF(x) of the kernel polynomial method
// estimates on a matrix with eigenvalues eig: n times the CDF of
// [spectra.KPMOfSpectrum] with p's bounds and number of moments.
func KPMExpectedBelow(eig []float64, p *spectra.KPMResult, x float64) (float64, error) {
	exact, err := spectra.KPMOfSpectrum(eig, p.Lower, p.Upper, len(p.Moments))
	if err != nil {
		return 0, err
	}
	return float64(len(eig)) * exact.CDF(x), nil
}
