package spectra

import (
	"strings"
	"testing"
)

// TestValidateExtremes checks the refusals added by the R2 review: each case
// used to hang (the free convolution's support, whose companion-matrix
// eigensolve never returned on overflowed coefficients), overflow a size
// estimate, or fail only inside the first realization.
func TestValidateExtremes(t *testing.T) {
	for _, c := range []struct {
		e    Ensemble
		want string
	}{
		{Ensemble{Kind: "goe", N: 1 << 62, Method: "auto"}, "n = 4611686018427387904"},
		{Ensemble{Kind: "wishart", N: 1 << 62, M: 1 << 62, Method: "auto"}, "n = 4611686018427387904"},
		{Ensemble{Kind: "beta", N: 100, Beta: 1e308, Method: "auto"}, "beta = 1e+308"},
		{Ensemble{Kind: "beta", N: 100, Beta: 1e-320, Method: "auto"}, "beta = 1e-320"},
		{Ensemble{Kind: "spiked-wigner", N: 10, Theta: 1e308, Method: "auto"}, "theta = 1e+308"},
		{Ensemble{Kind: "hessian", Model: "pspin", P: 3, N: 10, Energy: 1e308, Method: "auto"}, "energy = 1e+308"},
		{Ensemble{Kind: "hessian", Model: "wishart-wigner", N: 10, M: 20, Sigma: 1e308, Method: "auto"}, "sigma = 1e+308"},
	} {
		if err := c.e.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: Validate() = %v, want an error containing %q", c.e, err, c.want)
		}
	}
	if _, err := NewFreeMPSemicircle(0.5, 1e60); err == nil {
		t.Error("NewFreeMPSemicircle(0.5, 1e60) accepted an overflowing discriminant")
	}
	if _, err := NewFreeMPSemicircle(0.5, 3); err != nil {
		t.Errorf("NewFreeMPSemicircle(0.5, 3) = %v", err)
	}
	s := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 10, Method: "auto"}, Samples: 1e11, KeepEigenvalues: true}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "samples = 100000000000") {
		t.Errorf("keeping 1e11 spectra: Validate() = %v, want an error naming samples", err)
	}
	s.KeepEigenvalues = false
	if err := s.Validate(); err != nil {
		t.Errorf("1e11 samples without keeping them: Validate() = %v, want nil (the state is constant-size)", err)
	}
}
