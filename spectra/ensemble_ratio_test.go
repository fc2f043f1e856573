package spectra

import (
	"strings"
	"testing"
)

// TestCorrelatedWishartRatioNamesNM checks that a ratio n/m outside
// GeneralizedMP's range [1e-8, 1e7] is refused naming m and n, not the
// population, which is valid: with n = 1, m = 1.5·10⁸ (c = 6.7e-9; one
// realization fits in memory) Validate said `pop = "1:1": spectra:
// generalized Marchenko–Pastur ratio = 6.666666666666667e-09, …`.
func TestCorrelatedWishartRatioNamesNM(t *testing.T) {
	for _, e := range []Ensemble{
		{Kind: "correlated-wishart", N: 1, M: 150_000_000, Pop: "1:1", Method: "auto"},
		{Kind: "correlated-wishart", N: 20_000_000, M: 1, Pop: "1:0.5,4:0.5", Method: "auto"},
	} {
		err := e.Validate()
		if err == nil {
			t.Fatalf("n = %d, m = %d: no error", e.N, e.M)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "m = ") || !strings.Contains(msg, "n/m") || strings.Contains(msg, "pop =") {
			t.Errorf("n = %d, m = %d: %q, want it to name m and n/m, not pop", e.N, e.M, msg)
		}
	}
	// The ends of the range are accepted (as far as the ratio goes).
	ok := Ensemble{Kind: "correlated-wishart", N: 1, M: 100_000_000, Pop: "1:1", Method: "auto"}
	if err := ok.Validate(); err != nil && strings.Contains(err.Error(), "n/m") {
		t.Errorf("n/m = 1e-8: %v", err)
	}
}
