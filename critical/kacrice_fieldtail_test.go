package critical

import (
	"math"
	"testing"
)

// TestFieldExactIndexCurveUpperTail: the exact finite-N index curve of the
// Bray–Dean field (FieldExactIndexCurve) in energy bins far in the upper
// tail, at N = 40, μ = 0.5, ℓ = 1, for the squared exponential and the
// rational quadratic with α = 1 (f″(0) = 1/2). Each bin [ε − 0.05, ε + 0.05]
// of ε = H/N must hold (i) for every index a mean energy inside the bin, and
// (ii) a mean index fraction within 0.015 of the large-N law
// (FieldIndexLaw: Bray & Dean, PRL 98 (2007) 150201; Fyodorov & Williams,
// J. Stat. Phys. 129 (2007) 1081), the exact curve's finite-N correction
// being O(1/N): measured 0.0038–0.0064 in the bulk (ε ∈ [−1, 2]) at N = 40,
// halving from N = 20, and 0.0023–0.0044 in these bins. The bin weights were
// differences of P(H < h | x) at the edges, which round to 1 in the upper
// tail: α was 0.63 and 0.90 at ε = 5 and 6 (law 0.433, 0.444) with mean
// energies ε = 27.9 and 45.4, and for the rational quadratic the mean energy
// of the bin at ε = 4 was 4.215. (For the rational quadratic the χ² quadrature
// neglects a mass below e^{−50}, which bounds the tail it resolves: ε ≤ 6
// here.)
func TestFieldExactIndexCurveUpperTail(t *testing.T) {
	const n, mu = 40, 0.5
	N := float64(n)
	for _, c := range []struct {
		f2  float64
		eps []float64
	}{{0.25, []float64{4, 5, 6, 8}}, {0.5, []float64{4, 5, 6}}} {
		law, err := NewFieldIndexLaw(mu, 1, -0.5, c.f2)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.eps {
			lo, hi := (e-0.05)*N, (e+0.05)*N
			ex, err := FieldExactIndexCurve(n, mu, 1, -0.5, c.f2, []float64{lo, hi})
			if err != nil {
				t.Fatal(err)
			}
			if !(ex.Count[0] > 0) {
				t.Errorf("f″(0) = %v, ε = %v: expected count %v, want > 0", c.f2, e, ex.Count[0])
				continue
			}
			for k, v := range ex.Counts[0] {
				if me := ex.MeanEnergy[0][k]; v > 0 && !(me >= lo && me <= hi) {
					t.Errorf("f″(0) = %v, ε = %v, index %d: mean energy H = %v outside the bin [%v, %v]", c.f2, e, k, me, lo, hi)
				}
			}
			if a, want := ex.Fraction[0], law.Fraction(e); !(math.Abs(a-want) <= 0.015) {
				t.Errorf("f″(0) = %v, ε = %v: exact α = %v at N = %d, large-N law %v", c.f2, e, a, n, want)
			}
		}
	}
}
