package spectra

import (
	"math"
	"testing"
)

// TestFiniteGaussianQuantileSubnormal: quantiles at subnormal p invert the
// CDF (helper's review, 2026-12-02). The quantile solves log CDF(x) = log p,
// and on amd64 math.Log is wrong at subnormal arguments (golang/go#56600:
// −709.09 at 1.8e-314 for −722.42), so the search stopped where those wrong
// logarithms met: FiniteGaussian{1, 1}.Quantile(1e-310) was −53.405, whose
// CDF is 2.3e-312; internal/xmath.Log is right there. The CDF is subnormal,
// with fewer bits, so the check is relative to p plus a few units of the
// smallest subnormal.
func TestFiniteGaussianQuantileSubnormal(t *testing.T) {
	for _, f := range []FiniteGaussian{{N: 1, Beta: 1}, {N: 3, Beta: 2}, {N: 10, Beta: 1}} {
		for _, p := range []float64{1e-305, 1e-310, 1e-315, 1e-320, 5e-324} {
			x := f.Quantile(p)
			if c := f.CDF(x); !(math.Abs(c-p) <= 1e-6*p+2e-323) {
				t.Errorf("%+v: Quantile(%g) = %v, CDF there %g", f, p, x, c)
			}
		}
	}
}
