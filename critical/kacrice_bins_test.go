package critical

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// For ξ = c²q^p the energy is u = R/p exactly, so the binned mixed formula
// must reduce, bin by bin and index by index, to ABC's Theorem 2.8
// (Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165) restricted to the bin,
// as evaluated by ExactCritical(n, p, lo, hi) (krExactBins). With c = 2 the energies are
// twice those of c = 1 (H = 2H_p), so the edges are doubled.
func TestMixedExactIndexCurvePure(t *testing.T) {
	inf := math.Inf(1)
	base := []float64{-inf, -1.3, -1.0, -0.6, -0.2, 0, 0.45, 1.1, inf}
	for _, c := range []struct {
		n, p int
		coef float64
	}{{3, 2, 1}, {4, 3, 1}, {5, 4, 1}, {5, 3, 2}} {
		edges := make([]float64, len(base))
		for i, e := range base {
			edges[i] = c.coef * e
		}
		got, err := MixedExactIndexCurve(c.n, map[int]float64{c.p: c.coef}, edges)
		if err != nil {
			t.Fatal(err)
		}
		all, err := ExactCritical(c.n, c.p, -inf, inf)
		if err != nil {
			t.Fatal(err)
		}
		var worst float64
		// krExactBins(n, p, edges)[b] is ExactCritical(n, p, edges[b], edges[b+1]).Counts
		// for all bins in one pass.
		for b, want := range krExactBins(c.n, c.p, base) {
			for k, w := range want {
				d := math.Abs(got.Counts[b][k]-w) / all.Total
				worst = math.Max(worst, d)
				if !(d <= 1e-10) {
					t.Errorf("n=%d p=%d c=%v bin %d k=%d: binned mixed %v, ExactCritical %v", c.n, c.p, c.coef, b, k, got.Counts[b][k], w)
				}
			}
		}
		t.Logf("n=%d p=%d c=%v: worst |difference|/total %.2g over %d bins", c.n, c.p, c.coef, worst, len(edges)-1)
	}
}

// krCheckPartition checks that bins covering R add up to the counts and
// energy sums of all energies (the bin factors telescope), within tol of the
// total; scale converts ExactCounts.MeanEnergy (H/N) to the curve's units.
func krCheckPartition(t *testing.T, name string, c ExactIndexCurve, all ExactCounts, scale, tol float64) {
	t.Helper()
	var worst, worstE float64
	for k, want := range all.Counts {
		var cnt, esum float64
		for b := range c.Counts {
			cnt += c.Counts[b][k]
			if c.Counts[b][k] > 0 {
				esum += c.Counts[b][k] * c.MeanEnergy[b][k]
			}
		}
		d := math.Abs(cnt-want) / all.Total
		de := math.Abs(esum-want*all.MeanEnergy[k]*scale) / (all.Total * scale)
		worst, worstE = math.Max(worst, d), math.Max(worstE, de)
		if !(d <= tol) || !(de <= tol) {
			t.Errorf("%s k=%d: Σ_b counts %v, all energies %v; Σ_b energy sums %v, all energies %v", name, k, cnt, want, esum, want*all.MeanEnergy[k]*scale)
		}
	}
	t.Logf("%s: partition worst |Δcount|/total %.2g, |Δenergy sum|/(total·scale) %.2g", name, worst, worstE)
}

func TestExactIndexCurvePartition(t *testing.T) {
	inf := math.Inf(1)
	mix := map[int]float64{2: 1, 3: 0.8, 4: 0.5}
	for _, n := range []int{3, 6} {
		c, err := MixedExactIndexCurve(n, mix, []float64{-inf, -1.5, -1.1, -0.7, 0, 0.9, inf})
		if err != nil {
			t.Fatal(err)
		}
		all, err := MixedExactCritical(n, mix)
		if err != nil {
			t.Fatal(err)
		}
		krCheckPartition(t, fmt.Sprintf("mixed n=%d", n), c, all, 1, 1e-10)
	}
	for _, f := range append(krBinFields, krBinField{"squared exponential, strong confinement", 6, 3, -0.5, 0.25}) {
		c, err := FieldExactIndexCurve(f.n, f.mu, 1, f.f1, f.f2, []float64{-inf, -3, -1, 0, 1, 2.5, inf})
		if err != nil {
			t.Fatal(err)
		}
		all, err := FieldExactCritical(f.n, f.mu, 1, f.f1, f.f2)
		if err != nil {
			t.Fatal(err)
		}
		krCheckPartition(t, f.name, c, all, float64(f.n), 1e-10)
	}
}

// krBinMC accumulates a Kac–Rice Monte Carlo per energy bin.
type krBinMC struct {
	edges []float64
	bins  []*krMC
	draws [][]int // draws[b][k]: number of draws in the cell
}

func newKrBinMC(edges []float64, d int) *krBinMC {
	m := &krBinMC{edges: edges}
	for b := 0; b+1 < len(edges); b++ {
		m.bins = append(m.bins, newKrMC(d))
		m.draws = append(m.draws, make([]int, d))
	}
	return m
}

// add counts one draw (index k, weight w, energy e) in every bin: with
// weight w in the bin of e, with weight 0 in the others.
func (m *krBinMC) add(k int, w, e float64) {
	for b, mc := range m.bins {
		if e >= m.edges[b] && e < m.edges[b+1] {
			mc.add(k, w, e)
			m.draws[b][k]++
		} else {
			mc.add(k, 0, e)
		}
	}
}

// krMinDraws is the number of draws a cell needs to be compared: the
// standard error of a mean of a few heavy-tailed |det| weights is itself
// unreliable (in the rare cells it underestimates the spread), so the
// normal-approximation 5σ criterion only applies with enough draws.
const krMinDraws = 30

// check compares every (bin, index) cell with at least krMinDraws draws with
// c within 5 standard errors, logs the others, and fails unless at least
// minCells cells were compared.
func (m *krBinMC) check(t *testing.T, name string, c ExactIndexCurve, minCells int) {
	t.Helper()
	compared := 0
	for b, mc := range m.bins {
		for k, v := range c.Counts[b] {
			cell := fmt.Sprintf("%s bin [%g, %g) k=%d", name, m.edges[b], m.edges[b+1], k)
			if d := m.draws[b][k]; d < krMinDraws {
				t.Logf("%s: %d draws, not compared (exact %.3g)", cell, d, v)
				continue
			}
			wantE := 0.0
			if v > 0 {
				wantE = v * c.MeanEnergy[b][k]
			}
			mc.compare(t, cell, k, v, wantE)
			compared++
		}
	}
	if compared < minCells {
		t.Errorf("%s: only %d cells had %d draws, want at least %d", name, compared, krMinDraws, minCells)
	}
}

// Monte Carlo of the Kac–Rice matrix models (krMixedModel, krFieldModel:
// drawn from the covariances, independently of the reduction to GOE order
// statistics), histogrammed by index and energy bin, against the exact
// curves: each cell's count and energy sum within 5 standard errors.
func TestExactIndexCurveMonteCarlo(t *testing.T) {
	const samples = 30000
	inf := math.Inf(1)
	{
		const n = 4
		mix := map[int]float64{2: 1, 3: 0.8, 4: 0.5}
		h, err := landscapes.NewMixedPSpin(rmt.Stream(3, "critical/test/bins-landscape", 0), n, mix)
		if err != nil {
			t.Fatal(err)
		}
		x0, x1, x2 := 1+0.64+0.25, 2+3*0.64+4*0.25, 2+6*0.64+12*0.25 // ξ(1), ξ′(1), ξ″(1) of ξ = Σ c_p² q^p
		edges := []float64{-inf, -1.4, -0.8, 0, 0.8, inf}
		c, err := MixedExactIndexCurveOf(h, edges)
		if err != nil {
			t.Fatal(err)
		}
		m := newKrMixedModel(n, x0, x1, x2)
		r := rmt.Stream(3, "critical/test/bins-mixed-mc", 0)
		mc := newKrBinMC(edges, n)
		for i := 0; i < samples; i++ {
			mc.add(m.sample(t, r))
		}
		mc.check(t, "mixed", c, 15)
	}
	for _, f := range krBinFields {
		edges := []float64{-inf, -2, -0.5, 1, 3, inf}
		c, err := FieldExactIndexCurve(f.n, f.mu, 1, f.f1, f.f2, edges)
		if err != nil {
			t.Fatal(err)
		}
		m := newKrFieldModel(f.n, f.mu, 1, f.f1, f.f2)
		r := rmt.Stream(3, "critical/test/bins-field-mc", 0)
		mc := newKrBinMC(edges, f.n+1)
		for i := 0; i < samples; i++ {
			mc.add(m.sample(t, r))
		}
		mc.check(t, f.name, c, 12)
	}
}

// A nearly pure mixture ξ = q³ + εq⁵, ε = c_5² = 1e-6, has u given R
// Gaussian of variance (4ε/9 + O(ε²))/N: the bin factor is a step smoothed
// over a width ~3e-4, far below the quadrature panels, which only the
// breakpoints at the edges resolve (a step mislocated within a panel moves
// counts by ~1e-3 of the total). The counts must be those of the pure
// 3-spin (ExactCritical per bin) up to the O(ε) change of ξ′, ξ″ (relative 5ε) and the O(s²)
// second-order effect of the symmetric smoothing: within 1e-4 of the total.
func TestMixedExactIndexCurveNearlyPure(t *testing.T) {
	inf := math.Inf(1)
	const n = 5
	edges := []float64{-inf, -1.3, -1.0, -0.6, -0.2, 0, 0.45, 1.1, inf}
	got, err := MixedExactIndexCurve(n, map[int]float64{3: 1, 5: 1e-3}, edges)
	if err != nil {
		t.Fatal(err)
	}
	pure := krExactBins(n, 3, edges) // ExactCritical per bin: the x grid spans each bin exactly
	var total, worst float64
	for _, c := range pure {
		for _, v := range c {
			total += v
		}
	}
	for b := range pure {
		for k, w := range pure[b] {
			worst = math.Max(worst, math.Abs(got.Counts[b][k]-w)/total)
		}
	}
	t.Logf("worst |difference|/total %.2g", worst)
	if !(worst <= 1e-4) {
		t.Errorf("nearly pure counts differ from the pure ones by %.3g of the total", worst)
	}
}

// The rational-quadratic field tends to the squared-exponential one as
// α → ∞: f″(0) = (1 + 1/α)/(4ℓ⁴) and V given ζ has standard deviation
// s_V = √(N/(α+1)) → 0. The bins, computed by the χ² quadrature against
// the Gaussian CDF, must approach those of the closed form of the
// degenerate case: the counts scale like μ_c^N ∝ f″(0)^{N/2} (relative
// change N/(2α)) and the smoothing of the bin steps by s_V is symmetric
// (second order, N/(α+1) times a density curvature of order one), so
// within 2N/α of the total. For s_V ≪ −f′(0)/μ the panels of the χ² rule
// hit their cap and this fails (α = 1e8: 1.3e-5 of the total, documented).
func TestFieldExactIndexCurveNearlyDegenerate(t *testing.T) {
	inf := math.Inf(1)
	const n = 4
	edges := []float64{-inf, -3, -1, 0, 1, 2.5, inf}
	se, err := FieldExactIndexCurve(n, 0.5, 1, -0.5, 0.25, edges)
	if err != nil {
		t.Fatal(err)
	}
	var total float64
	for _, c := range se.Count {
		total += c
	}
	for _, al := range []float64{1e6} {
		rq, err := FieldExactIndexCurve(n, 0.5, 1, -0.5, 0.25*(al+1)/al, edges)
		if err != nil {
			t.Fatal(err)
		}
		var worst float64
		for b := range se.Counts {
			for k, w := range se.Counts[b] {
				worst = math.Max(worst, math.Abs(rq.Counts[b][k]-w)/total)
			}
		}
		t.Logf("α = %g: worst |difference|/total %.2g (bound 2N/α = %.2g)", al, worst, 2*n/al)
		if !(worst <= 2*n/al) {
			t.Errorf("α = %g: rational-quadratic bins differ from the squared-exponential ones by %.3g of the total", al, worst)
		}
	}
}

// krBinField is a field of the bin tests: dimension n, confinement mu, and
// f′(0) = f1, f″(0) = f2 with f(0) = 1.
type krBinField struct {
	name       string
	n          int
	mu, f1, f2 float64
}

// krBinFields are the squared-exponential (ℓ = 1) and rational-quadratic
// (α = 1, ℓ = 1.2) fields of the bin tests.
var krBinFields = []krBinField{
	{"squared exponential", 4, 0.5, -0.5, 0.25},
	{"rational quadratic", 3, 0.6, -1 / (2 * 1.2 * 1.2), 2 / (4 * math.Pow(1.2, 4))},
}
