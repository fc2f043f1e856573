package critical

import (
	"math"
	"strings"
	"testing"
)

// TestMixedExactHugeCoefficients: multiplying every c_p by t multiplies H,
// hence the mean energies, by t and leaves the counts (which depend on
// ξ″(1)/ξ′(1) only; Auffinger & Ben Arous, Ann. Probab. 41 (2013) 4214,
// Kac–Rice on the sphere) unchanged. At t = 1e308 the mean energies of
// ξ = t²(q² + q³) at N = 5 are about ∓1.43e308, representable; until
// 2026-12-02 e1·J_k overflowed before the division by I_k and they came out
// ∓Inf for indices 0, 1, 3, 4 with a nil error. Where the mean energy itself
// exceeds the largest float64 (c_2 = MaxFloat64: ∓1.08·c_2, returned as
// ∓Inf before) an error names the coefficient.
func TestMixedExactHugeCoefficients(t *testing.T) {
	const n = 5
	const big = 1e308
	ref, err := MixedExactCritical(n, map[int]float64{2: 1, 3: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := MixedExactCritical(n, map[int]float64{2: big, 3: big})
	if err != nil {
		t.Fatal(err)
	}
	for k := range ref.Counts {
		if math.Abs(got.Counts[k]-ref.Counts[k]) > 1e-13*ref.Total {
			t.Errorf("index %d: count %v at c_p = 1e308, want %v", k, got.Counts[k], ref.Counts[k])
		}
		want := big * ref.MeanEnergy[k]
		if !(math.Abs(got.MeanEnergy[k]-want) <= 1e-12*big) {
			t.Errorf("index %d: mean energy %v at c_p = 1e308, want %v", k, got.MeanEnergy[k], want)
		}
	}
	inf := math.Inf(1)
	edges := []float64{-inf, -1, 1, inf}
	if _, err := MixedExactCritical(n, map[int]float64{2: math.MaxFloat64, 3: 1}); err == nil || !strings.Contains(err.Error(), "c_2") {
		t.Errorf("c_2 = MaxFloat64: err = %v, want an error naming c_2", err)
	}
	if _, err := MixedExactIndexCurve(n, map[int]float64{2: math.MaxFloat64, 3: 1}, edges); err == nil || !strings.Contains(err.Error(), "c_2") {
		t.Errorf("MixedExactIndexCurve, c_2 = MaxFloat64: err = %v, want an error naming c_2", err)
	}
}
