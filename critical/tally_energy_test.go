package critical

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// energyRealizations are hand-made realizations with points of indices 0…2:
// per realization, the energies of its points of each index. Index 2 has
// points in one realization only.
var energyRealizations = [][][]float64{
	{{-1.0, -0.5}, {0.3}, nil},
	{{-0.8}, nil, nil},
	{{-1.2, -0.9, -0.7}, {0.1, 0.4}, {2.5, 2.25}},
	{nil, {0.2}, nil},
	{{-0.6}, {0.35, 0.15, 0.05}, nil},
}

// energyTally tallies realizations (a part of energyRealizations) with
// every energy shifted by shift.
func energyTally(t *testing.T, realizations [][][]float64, shift float64) *CountTally {
	t.Helper()
	tally, err := NewCountTally(3)
	if err != nil {
		t.Fatal(err)
	}
	for _, real := range realizations {
		res := &FindResult{}
		for k, es := range real {
			for _, e := range es {
				res.Points = append(res.Points, Point{Index: k, Energy: e + shift})
			}
		}
		if err := tally.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	return tally
}

// directEnergyStdErr returns the mean energy R = Σ_r S_r / Σ_r C_r of the
// points of index k of realizations and its standard error
// √(Σ_r (S_r − R·C_r)² / (n(n−1)·C̄²)), computed from the definition.
func directEnergyStdErr(realizations [][][]float64, k int) (R, se float64) {
	n := float64(len(realizations))
	var sSum, cSum float64
	S, C := make([]float64, len(realizations)), make([]float64, len(realizations))
	for r, real := range realizations {
		for _, e := range real[k] {
			S[r] += e
		}
		C[r] = float64(len(real[k]))
		sSum += S[r]
		cSum += C[r]
	}
	R, cbar := sSum/cSum, cSum/n
	q := 0.0
	for r := range S {
		q += (S[r] - R*C[r]) * (S[r] - R*C[r])
	}
	return R, math.Sqrt(q / (n * (n - 1) * cbar * cbar))
}

// TestCountTallyEnergyStdErr checks the mean energy by index, its standard
// error, the energy theory and z-score of CountTally.Report against a direct
// computation from the definition on hand-made realizations: the ratio
// estimator R = Σ_r S_r / Σ_r C_r and se² = Σ_r (S_r − R·C_r)² /
// (n(n−1)·C̄²) (Cochran, Sampling Techniques, 1977, §6.3–6.4). The standard
// error does not change when every energy is shifted by a constant (the
// residuals S_r − R·C_r do not): with a shift of 1e8, evaluating
// Σ S_r² − 2R·Σ S_r·C_r + R²·Σ C_r² in float64 would cancel all its digits,
// the exact evaluation keeps them to the rounding of the shifted energies
// (about 1e-8, so 1e-6 relative to the standard errors here). An index
// found in a single realization has no standard error (NaN).
func TestCountTallyEnergyStdErr(t *testing.T) {
	theory := []float64{-1, 0.25, math.NaN()}
	rep, err := energyTally(t, energyRealizations, 0).Report(nil, 0, theory)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		R, se := directEnergyStdErr(energyRealizations, k)
		row := rep.Rows[k]
		if !(math.Abs(row.MeanEnergy-R) <= 1e-15) || !(math.Abs(row.EnergyStdErr/se-1) <= 1e-13) {
			t.Errorf("k=%d: mean energy %v ± %v, want %v ± %v", k, row.MeanEnergy, row.EnergyStdErr, R, se)
		}
		// Fewer than EnergyZMinRealizations realizations hold index k: no z.
		if row.EnergyTheory != theory[k] || !math.IsNaN(row.EnergyZ) {
			t.Errorf("k=%d: energy theory %v, z %v; want %v, NaN (index in fewer than %d realizations)", k, row.EnergyTheory, row.EnergyZ, theory[k], EnergyZMinRealizations)
		}
	}
	// The realizations repeated until every index but the last is held by at
	// least EnergyZMinRealizations of them: the z-score against the direct
	// computation.
	var many [][][]float64
	for len(many) < 4*EnergyZMinRealizations {
		many = append(many, energyRealizations...)
	}
	repMany, err := energyTally(t, many, 0).Report(nil, 0, theory)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		R, se := directEnergyStdErr(many, k)
		row := repMany.Rows[k]
		if z := (R - theory[k]) / se; !(math.Abs(row.EnergyStdErr/se-1) <= 1e-13) || !(math.Abs(row.EnergyZ-z) <= 1e-12) {
			t.Errorf("k=%d, %d realizations: standard error %v, z %v; want %v, %v", k, len(many), row.EnergyStdErr, row.EnergyZ, se, z)
		}
	}
	if r := rep.Rows[2]; r.MeanEnergy != 2.375 || !math.IsNaN(r.EnergyStdErr) || !math.IsNaN(r.EnergyZ) || !math.IsNaN(r.EnergyTheory) {
		t.Errorf("index found in one realization: %+v, want mean energy 2.375 and NaN standard error, theory and z", r)
	}
	shifted, err := energyTally(t, energyRealizations, 1e8).Report(nil, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		if a, b := rep.Rows[k].EnergyStdErr, shifted.Rows[k].EnergyStdErr; !(math.Abs(b/a-1) <= 1e-6) {
			t.Errorf("k=%d: standard error %v after a shift of 1e8, %v before", k, b, a)
		}
		if !math.IsNaN(shifted.Rows[k].EnergyTheory) || !math.IsNaN(shifted.Rows[k].EnergyZ) {
			t.Errorf("k=%d: without theory energies, theory %v and z %v, want NaN", k, shifted.Rows[k].EnergyTheory, shifted.Rows[k].EnergyZ)
		}
	}
}

// TestCountTallyEnergyShards: tallies of parts of the hand-made
// realizations merge, through their JSON form and in any order, into the
// tally of the whole bit for bit, energy sums included; a shard written
// before the energy sums existed (its JSON without energy_sq, energy_count
// and energy_realizations) is refused with an error saying so, not merged
// into a wrong standard error.
func TestCountTallyEnergyShards(t *testing.T) {
	whole := energyTally(t, energyRealizations, 0)
	merged, _ := NewCountTally(3)
	for _, part := range [][2]int{{3, 5}, {0, 1}, {1, 3}} {
		mergeJSON(t, merged, energyTally(t, energyRealizations[part[0]:part[1]], 0))
	}
	doc := mergedJSON(t, merged, whole, `"energy_sq"`, `"energy_count"`, `"energy_realizations":[4,4,1]`)
	delete(doc, "energy_sq")
	delete(doc, "energy_count")
	delete(doc, "energy_realizations")
	old, _ := json.Marshal(doc)
	var dec CountTally
	if err := json.Unmarshal(old, &dec); err == nil || !strings.Contains(err.Error(), "older rmtsim") {
		t.Errorf("decoding a tally without the energy sums: %v, want an error naming an older rmtsim", err)
	}
	doc["energy_realizations"] = json.RawMessage(`[4,9,1]`)
	doc["energy_sq"], doc["energy_count"] = json.RawMessage(`["0","0","0"]`), json.RawMessage(`["0","0","0"]`)
	bad, _ := json.Marshal(doc)
	if err := json.Unmarshal(bad, &dec); err == nil {
		t.Error("decoding a tally with energy_realizations[1] = 9 > found 7 succeeded")
	}
}

// TestMeanEnergyTheoryPSpin and TestMeanEnergyTheoryField check that the mean energies of the critical points
// found by index agree with the exact finite-N Kac–Rice mean energies: the
// pure 3-spin at N = 5 against MixedExactCritical with ξ(q) = q³, which is
// Auffinger, Ben Arous & Černý (CPAM 66 (2013) 165), Theorem 2.8, with
// H/N = √(2(p−1)/p)·λ_k; the Bray–Dean field at N = 3 (μ = 0.5, ℓ = 1)
// against FieldExactCritical (Fyodorov, PRL 92 (2004) 240601; Bray & Dean,
// PRL 98 (2007) 150201) in the units of Point.Energy (H, N times H/N).
//
// Tolerance: every index with at least 20 points found must have
// |energy z| ≤ 4. For normal z that is a false alarm of 6e-5 per index. The
// z's of these very configurations were measured over other seeds (rmtsim
// critical, 40 realizations each): rms 0.86 over 60 seeds for the 3-spin
// (the standard error is slightly conservative) and 1.29 over 20 seeds for
// the field at N = 3 (its per-realization energy sums are heavy-tailed, and
// 40 realizations understate their spread, by up to 1.4× for the minima),
// so 4 is at least 2.8 of the z's spread: a false alarm below 0.5% per
// index. A bias of 4 standard errors fails (about 0.09 for the 3-spin's
// minima, 0.9 in H for the field's). The field is realised with 100 random Fourier features,
// Gaussian only as M → ∞: its energies deviate at relative order 1/M = 1%,
// well below the standard errors. At odd N the odd p-spin's points σ and −σ
// share the middle index with opposite energies, so its mean energy is 0
// up to rounding and its z-score NaN: checked as such. The test would fail
// with the field's theory left in H/N (checked: some |z| > 4 then).
func TestMeanEnergyTheoryPSpin(t *testing.T) {
	ps := PSpinStudy{N: 5, P: 3, Realizations: 40, Starts: 250, Seed: 11, Workers: 2}
	abc, err := ExactCritical(ps.N, ps.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	st, err := ps.Study(&abc)
	if err != nil {
		t.Fatal(err)
	}
	checkMeanEnergies(t, "3-spin N=5", st, 4, func(row IndexCount) bool {
		if row.K != 2 {
			return false
		}
		if !(math.Abs(row.MeanEnergy) <= 1e-15 && math.Abs(row.EnergyTheory) <= 1e-15) || !math.IsNaN(row.EnergyZ) {
			t.Errorf("middle index: mean energy %v, theory %v, z %v; want 0 up to rounding and NaN z", row.MeanEnergy, row.EnergyTheory, row.EnergyZ)
		}
		return true
	})
}

// TestMeanEnergyTheoryField is the field half of TestMeanEnergyTheoryPSpin
// (see there), with the check that theory left in H/N would fail.
func TestMeanEnergyTheoryField(t *testing.T) {
	n, mu, ell := 3, 0.5, 1.0
	build := func(r *rand.Rand) (landscapes.Landscape, error) {
		return landscapes.NewGaussianField(r, n, mu, ell, 100)
	}
	l0, err := build(rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	field, err := FieldExactCriticalOf(l0.(*landscapes.GaussianField))
	if err != nil {
		t.Fatal(err)
	}
	st := Study{Build: build, Realizations: 40, Starts: 150, Seed: 11, Workers: 2,
		Theory: field.Counts, TotalTheory: field.Total, TheoryEnergy: field.PointEnergies()}
	st.Find.StartScale = 1 / (mu * ell)
	tally := checkMeanEnergies(t, "field N=3", st, 3, func(IndexCount) bool { return false })
	perCoord, err := tally.Report(field.Counts, field.Total, field.MeanEnergy)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for _, row := range perCoord.Rows {
		if tally.found[row.K] >= 20 {
			worst = math.Max(worst, math.Abs(row.EnergyZ))
		}
	}
	if !(worst > 4) {
		t.Errorf("field theory in H/N instead of H: largest |z| = %v, want > 4 (the test would not see a unit error)", worst)
	}
}

// checkMeanEnergies runs the study and checks |energy z| ≤ 4 for every
// index with at least 20 points, except those skip handles (it reports
// whether it did); it fails if fewer than minChecked indices were compared,
// so that it cannot pass by skipping them all, and returns the tally.
func checkMeanEnergies(t *testing.T, name string, st Study, minChecked int, skip func(IndexCount) bool) *CountTally {
	t.Helper()
	tally, rep := tallyReport(t, st)
	checked := 0
	for _, row := range rep.Counts.Rows {
		t.Logf("%s k=%d: %d points, mean energy %.5g ± %.3g, theory %.5g, z %.3g",
			name, row.K, tally.found[row.K], row.MeanEnergy, row.EnergyStdErr, row.EnergyTheory, row.EnergyZ)
		if tally.found[row.K] < 20 || skip(row) {
			continue
		}
		checked++
		if !(math.Abs(row.EnergyZ) <= 4) {
			t.Errorf("%s k=%d: mean energy %v ± %v, theory %v: z = %v, want |z| ≤ 4", name, row.K, row.MeanEnergy, row.EnergyStdErr, row.EnergyTheory, row.EnergyZ)
		}
	}
	if checked < minChecked {
		t.Errorf("%s: %d indices compared, want %d", name, checked, minChecked)
	}
	return tally
}

// benchTallyResult is realization r of 40 points over indices 0…7 (the
// size of an N = 8 p-spin realization) with energies of O(1).
func benchTallyResult(r int) *FindResult {
	res := &FindResult{}
	for i := range 40 {
		res.Points = append(res.Points, Point{Index: i % 8, Energy: float64(i%8)/4 - 1 + float64(i*(r+1))/1e3})
	}
	return res
}

// BenchmarkCountTallyAdd measures CountTally.Add per realization of 40
// points, the per-realization energy sums included.
func BenchmarkCountTallyAdd(b *testing.B) {
	tally, _ := NewCountTally(8)
	res := benchTallyResult(0)
	for b.Loop() {
		if err := tally.Add(res); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountTallyReport measures CountTally.Report of 100 realizations
// of 40 points over 8 indices with energy theory: the exact rational
// evaluation of the 8 standard errors dominates.
func BenchmarkCountTallyReport(b *testing.B) {
	tally, _ := NewCountTally(8)
	for r := range 100 {
		if err := tally.Add(benchTallyResult(r)); err != nil {
			b.Fatal(err)
		}
	}
	energies := make([]float64, 8)
	for b.Loop() {
		if _, err := tally.Report(nil, 0, energies); err != nil {
			b.Fatal(err)
		}
	}
}
