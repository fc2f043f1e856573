package spectra

import (
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestEnsembleSampleRejectsSampler checks that Sample, called without
// Validate, refuses a kind, method, model or Beta that would select another
// ensemble's sampler, instead of returning that ensemble's eigenvalues: a
// dense spiked-wigner at β = 4 drew the real (β = 1) GOE spike, a
// wishart-wigner Hessian with method = tridiagonal drew the p-spin Hessian's
// tridiagonal model, an unknown model the wishart-wigner Hessian, and an
// unknown method the dense sampler, all with a nil error. Each error must
// name the parameter, and Validate must refuse the same ensemble.
func TestEnsembleSampleRejectsSampler(t *testing.T) {
	for _, c := range []struct {
		e     Ensemble
		param string
	}{
		{Ensemble{Kind: "spiked-wigner", N: 6, Theta: 2, Beta: 4, Method: "dense"}, "beta = 4"},
		{Ensemble{Kind: "spiked-wishart", N: 6, M: 9, Theta: 2, Beta: 2, Method: "dense"}, "beta = 2"},
		{Ensemble{Kind: "hessian", Model: "wishart-wigner", N: 6, M: 9, Sigma: 0.5, P: 3, Energy: -1, Method: "tridiagonal"}, "method = tridiagonal"},
		{Ensemble{Kind: "hessian", Model: "pspn", N: 6, M: 9, Sigma: 0.5, P: 3, Energy: -1, Method: "dense"}, `model = "pspn"`},
		{Ensemble{Kind: "goe", N: 6, Method: "Dense"}, `method = "Dense"`},
		{Ensemble{Kind: "beta", N: 6, Beta: 3, Method: "dense"}, "beta = 3"},
	} {
		_, err := c.e.Sample(rmt.Stream(1, "spectra/test/sample-check", 0), nil)
		if err == nil || !strings.Contains(err.Error(), c.param) {
			t.Errorf("%+v: Sample error %v, want one naming %s", c.e, err, c.param)
		}
		if err := c.e.Validate(); err == nil || !strings.Contains(err.Error(), c.param) {
			t.Errorf("%+v: Validate error %v, want one naming %s", c.e, err, c.param)
		}
	}
}

// TestEnsembleBetaDense checks that the "beta" kind with method = dense draws
// the dense GOE, GUE and GSE for β = 1, 2 and 4: from the same generator state
// its eigenvalues must equal those of the "goe", "gue" and "gse" kinds bit for
// bit. No other test sampled this path, so a wrong β-to-sampler mapping (β = 2
// drawing the GOE, say) passed every test.
func TestEnsembleBetaDense(t *testing.T) {
	for beta, kind := range map[float64]string{1: "goe", 2: "gue", 4: "gse"} {
		e := Ensemble{Kind: "beta", N: 7, Beta: beta, Method: "dense"}
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
		got, err := e.Sample(rmt.Stream(4, "spectra/test/beta-dense", 0), nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Ensemble{Kind: kind, N: 7, Method: "dense"}.Sample(rmt.Stream(4, "spectra/test/beta-dense", 0), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("beta = %g, method = dense: eigenvalues %v, want those of %s %v", beta, got, kind, want)
		}
	}
}
