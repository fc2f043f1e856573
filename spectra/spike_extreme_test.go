package spectra

import (
	"math"
	"testing"
)

// TestOutlierHugeSpike: outlier locations for spikes whose squares
// overflow float64 (helper's review, 2026-12-02). The 1/n corrections of
// SpikedWignerMaxMean and SpikedWishartMaxMean are O(1/(nθ)), so the means
// are θ + 1/θ and (1 + θ)(1 + c/θ) to every digit there; they were NaN with
// a nil error from θ ≈ 1.34e154 (θ² = +Inf, Inf/Inf). DeformedSemicircle's
// Outliers, θ + O(σ²/θ) (Capitaine, Donati-Martin & Féral 2011), returned
// ±Inf for |θ|/σ beyond float64.
func TestOutlierHugeSpike(t *testing.T) {
	for _, th := range []float64{1e100, 1.4e154, 1e200, 1e307, math.MaxFloat64} {
		if got, err := SpikedWignerMaxMean(th, 100, 1); err != nil || got != th+1/th {
			t.Errorf("SpikedWignerMaxMean(%g, 100, 1) = %v, %v; want %v", th, got, err, th+1/th)
		}
		want := (1 + th) * (1 + 0.5/th)
		if got, err := SpikedWishartMaxMean(th, 0.5, 100, 1); err != nil || got != want {
			t.Errorf("SpikedWishartMaxMean(%g, 0.5, 100, 1) = %v, %v; want %v", th, got, err, want)
		}
	}
	d, err := NewDeformedSemicircle([]float64{0}, []float64{1}, 1e-100)
	if err != nil {
		t.Fatal(err)
	}
	spikes := []float64{1e300, -1e300, 1e200, 3e-100}
	got, err := d.Outliers(spikes)
	if err != nil {
		t.Fatal(err)
	}
	for i, th := range spikes {
		// θ + σ²/θ for the semicircle of radius 2σ (atom at 0).
		want := th + 1e-100*(1e-100/th)
		if math.Abs(got[i]-want) > 4e-16*math.Abs(want) {
			t.Errorf("Outliers(%g) with σ = 1e-100: %v, want %v", th, got[i], want)
		}
	}
}
