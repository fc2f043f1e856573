package critical

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"unsafe"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// CountTally is the mergeable state of [PSpinStudy.Count]: for each index k
// the exact moments of the number of points per realization and the exact
// sum of their energies, the exact sums Σ_r S_rk² and Σ_r S_rk·C_rk of the
// energy sum S_rk and count C_rk of realization r (for the standard error of
// the mean energy, see [CountTally.Report]) and the number of realizations
// holding a point of index k, the per-realization moments of the total,
// completeness, saddles per minimum and barrier, the exact integer sums of
// the numbers of saddles S_r and minima M_r of each realization and of their
// squares and products (for the saddle ratio ΣS/ΣM, see [CountTally.Report]),
// with integer counters. All
// of it is exact (integer counts, [spectra.Moments], [spectra.ExactSum]), so
// tallies of disjoint sets of realizations merge, in any order, into the
// tally of their union bit for bit; MarshalJSON and UnmarshalJSON serialise
// a tally exactly (shard files of `rmtsim critical`).
type CountTally struct {
	counts                           []spectra.Moments  // per index: points per realization
	energy                           []spectra.ExactSum // per index: Σ energies
	energySq, energyCount            []spectra.ExactSum // per index: Σ_r S_r², Σ_r S_r·C_r
	withPoints                       []int64            // per index: realizations with C_r > 0
	found                            []int64            // per index: points in all
	total, completeness, perMin, gap spectra.Moments
	saddle                           saddleSums
	morse, failed, flat              int64
	// retries, explored and exploredNew sum FindResult's Retries, Explored
	// and ExploredNew.
	retries, explored, exploredNew int64
}

// tallyIndexBytes is the memory a CountTally holds per index.
const tallyIndexBytes = int64(unsafe.Sizeof(spectra.Moments{}) + 3*unsafe.Sizeof(spectra.ExactSum{}) + 2*8)

// NewCountTally returns an empty tally for critical points of indices
// 0…dim−1 (dim is the tangent dimension, N−1 on S^{N−1}, plus one). It
// returns an error for dim < 1 or a tally that would exceed
// [rmt.MemoryBudget].
func NewCountTally(dim int) (*CountTally, error) {
	if dim < 1 {
		return nil, fmt.Errorf("critical: tally dimension %d, want ≥ 1", dim)
	}
	if b := float64(dim) * float64(tallyIndexBytes); b > float64(rmt.MemoryBudget) {
		return nil, fmt.Errorf("critical: tally dimension %d would need %.3g bytes; want dimension ≤ %d (rmt.MemoryBudget = %d bytes)",
			dim, b, rmt.MemoryBudget/tallyIndexBytes, rmt.MemoryBudget)
	}
	return &CountTally{counts: make([]spectra.Moments, dim), energy: make([]spectra.ExactSum, dim),
		energySq: make([]spectra.ExactSum, dim), energyCount: make([]spectra.ExactSum, dim),
		withPoints: make([]int64, dim), found: make([]int64, dim)}, nil
}

// Add tallies the critical points of one realization. Points with an index
// outside 0…dim−1 or a NaN or infinite energy, a negative count (Observed,
// Failed, GradientFlat, Retries, Explored, ExploredNew) or one that would
// overflow the tally's sum, a Chao1 that is not finite and ≥ 0, and a nil
// res, are errors (the tally is then unchanged).
func (t *CountTally) Add(res *FindResult) error {
	if res == nil {
		return fmt.Errorf("critical: CountTally.Add of a nil FindResult")
	}
	dim := len(t.counts)
	per := make([]int, dim)
	for i, pt := range res.Points {
		if pt.Index < 0 || pt.Index >= dim {
			return fmt.Errorf("critical: point of index %d, want 0 ≤ index < %d", pt.Index, dim)
		}
		if !fdFinite(pt.Energy) {
			return fmt.Errorf("critical: CountTally.Add: Points[%d].Energy = %v, want a finite energy", i, pt.Energy)
		}
		per[pt.Index]++
	}
	if res.Observed < 0 {
		return fmt.Errorf("critical: CountTally.Add: Observed = %d, want ≥ 0", res.Observed)
	}
	if !(res.Chao1 >= 0) || math.IsInf(res.Chao1, 1) {
		return fmt.Errorf("critical: CountTally.Add: Chao1 = %v, want a finite estimate ≥ 0", res.Chao1)
	}
	// The counters as UnmarshalJSON and Merge accept them: ≥ 0, summed
	// without overflow.
	failed, flat, retries, explored, exploredNew := t.failed, t.flat, t.retries, t.explored, t.exploredNew
	for _, c := range []struct {
		name string
		sum  *int64
		v    int
	}{{"Failed", &failed, res.Failed}, {"GradientFlat", &flat, res.GradientFlat}, {"Retries", &retries, res.Retries},
		{"Explored", &explored, res.Explored}, {"ExploredNew", &exploredNew, res.ExploredNew}} {
		if c.v < 0 {
			return fmt.Errorf("critical: CountTally.Add: %s = %d, want ≥ 0", c.name, c.v)
		}
		if err := addCounter(c.sum, int64(c.v)); err != nil {
			return fmt.Errorf("critical: CountTally.Add: %s: %w", c.name, err)
		}
	}
	st := Saddles(res.Points, dim-1)
	saddle := t.saddle
	if err := saddle.add(int64(st.Saddles), int64(st.Minima)); err != nil {
		return fmt.Errorf("critical: CountTally.Add: saddle sums: %w", err)
	}
	sums := make([]spectra.ExactSum, dim) // S_r by index
	for _, pt := range res.Points {
		t.energy[pt.Index].Add(pt.Energy)
		sums[pt.Index].Add(pt.Energy)
		t.found[pt.Index]++
	}
	for k := range per {
		t.counts[k].Add(float64(per[k]))
		if per[k] == 0 {
			continue
		}
		t.withPoints[k]++
		// S_r as the double-double hi + lo (exact unless the energies of
		// one index in one realization differ in magnitude by a factor of
		// about 2^53 or more; lo is then rounded, at 2^−106 of S_r); its
		// square and its product with C_r are added exactly.
		hi := sums[k].Float64()
		sums[k].Add(-hi)
		lo, c := sums[k].Float64(), float64(per[k])
		t.energySq[k].AddProduct(hi, hi)
		t.energySq[k].AddProduct(2*hi, lo)
		t.energySq[k].AddProduct(lo, lo)
		t.energyCount[k].AddProduct(hi, c)
		t.energyCount[k].AddProduct(lo, c)
	}
	t.total.Add(float64(len(res.Points)))
	if res.MorseOK {
		t.morse++
	}
	if res.Chao1 > 0 {
		t.completeness.Add(float64(res.Observed) / res.Chao1)
	}
	t.failed, t.flat, t.retries, t.explored, t.exploredNew = failed, flat, retries, explored, exploredNew
	t.saddle = saddle
	if !math.IsNaN(st.SaddlesPerMinimum) {
		t.perMin.Add(st.SaddlesPerMinimum)
	}
	if !math.IsNaN(st.Gap) {
		t.gap.Add(st.Gap)
	}
	return nil
}

// Merge adds the tally of other realizations; other is not modified. A nil
// other, a tally of another dimension, and sums or counters that would
// overflow (possible only for altered shard files) are errors, and leave t
// unchanged: the merge is done on a copy.
func (t *CountTally) Merge(o *CountTally) error {
	if o == nil {
		return fmt.Errorf("critical: merging a nil CountTally")
	}
	if len(o.counts) != len(t.counts) {
		return fmt.Errorf("critical: merging a tally of %d indices into one of %d", len(o.counts), len(t.counts))
	}
	m := *t
	m.counts, m.energy, m.energySq, m.energyCount = slices.Clone(t.counts), slices.Clone(t.energy), slices.Clone(t.energySq), slices.Clone(t.energyCount)
	m.withPoints, m.found = slices.Clone(t.withPoints), slices.Clone(t.found)
	var errs []error
	for k := range m.counts {
		errs = append(errs, m.counts[k].Merge(&o.counts[k]), m.energy[k].Merge(&o.energy[k]),
			m.energySq[k].Merge(&o.energySq[k]), m.energyCount[k].Merge(&o.energyCount[k]),
			addCounter(&m.withPoints[k], o.withPoints[k]), addCounter(&m.found[k], o.found[k]))
	}
	errs = append(errs, m.total.Merge(&o.total), m.completeness.Merge(&o.completeness), m.perMin.Merge(&o.perMin), m.gap.Merge(&o.gap),
		addCounter(&m.morse, o.morse), addCounter(&m.failed, o.failed), addCounter(&m.flat, o.flat),
		addCounter(&m.retries, o.retries), addCounter(&m.explored, o.explored), addCounter(&m.exploredNew, o.exploredNew),
		m.saddle.merge(&o.saddle))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("critical: merging tallies: %w", err)
	}
	*t = m
	return nil
}

// saddleSums are the exact sums over realizations r of the numbers S_r of
// saddles and M_r of minima of [SaddleStats] (non-degenerate points of index
// 1…d−1 and 0) and of S_r², M_r² and S_r·M_r: with the number of
// realizations, the sufficient statistics of the saddle ratio ΣS/ΣM and its
// standard error ([CountTally.Report]). Integers, so they merge exactly.
type saddleSums struct {
	Saddles       int64 `json:"saddles"`
	Minima        int64 `json:"minima"`
	SaddlesSq     int64 `json:"saddles_sq"`
	MinimaSq      int64 `json:"minima_sq"`
	SaddlesMinima int64 `json:"saddles_minima"`
}

// maxSaddleCount bounds the numbers of saddles and minima of one
// realization that saddleSums.add accepts, so that their squares and
// product fit in int64.
const maxSaddleCount = 1 << 31

// add adds one realization with sad saddles and mins minima, or returns an
// error (leaving a unchanged) for a negative or too large count or a sum that
// would overflow.
func (a *saddleSums) add(sad, mins int64) error {
	if sad < 0 || mins < 0 || sad > maxSaddleCount || mins > maxSaddleCount {
		return fmt.Errorf("%d saddles and %d minima in one realization, want 0 ≤ each ≤ %d", sad, mins, int64(maxSaddleCount))
	}
	return a.merge(&saddleSums{sad, mins, sad * sad, mins * mins, sad * mins})
}

// merge adds the sums of o, or returns an error (leaving a unchanged) if one
// would overflow.
func (a *saddleSums) merge(o *saddleSums) error {
	m := *a
	if err := errors.Join(addCounter(&m.Saddles, o.Saddles), addCounter(&m.Minima, o.Minima), addCounter(&m.SaddlesSq, o.SaddlesSq),
		addCounter(&m.MinimaSq, o.MinimaSq), addCounter(&m.SaddlesMinima, o.SaddlesMinima)); err != nil {
		return err
	}
	*a = m
	return nil
}

// check reports whether the sums can be those of realizations whose
// minima number at most minima and saddles at most saddles in all: every
// sum ≥ 0, Σ S_r ≤ saddles, Σ M_r ≤ minima, Σ S_r ≤ Σ S_r² ≤ (Σ S_r)²
// (integer counts ≥ 0), likewise for M, and (Σ S_r·M_r)² ≤ Σ S_r²·Σ M_r²
// (Cauchy–Schwarz).
func (a *saddleSums) check(saddles, minima int64) error {
	if a.Saddles < 0 || a.Minima < 0 || a.SaddlesSq < 0 || a.MinimaSq < 0 || a.SaddlesMinima < 0 {
		return fmt.Errorf("saddle_sums %+v, want sums ≥ 0", *a)
	}
	if a.Saddles > saddles || a.Minima > minima {
		return fmt.Errorf("saddle_sums with %d saddles and %d minima, want at most the %d points of index 1…d−1 and %d of index 0 found", a.Saddles, a.Minima, saddles, minima)
	}
	bi := func(x int64) *big.Int { return big.NewInt(x) }
	sq := func(x int64) *big.Int { return new(big.Int).Mul(bi(x), bi(x)) }
	if a.SaddlesSq < a.Saddles || bi(a.SaddlesSq).Cmp(sq(a.Saddles)) > 0 || a.MinimaSq < a.Minima || bi(a.MinimaSq).Cmp(sq(a.Minima)) > 0 ||
		sq(a.SaddlesMinima).Cmp(new(big.Int).Mul(bi(a.SaddlesSq), bi(a.MinimaSq))) > 0 {
		return fmt.Errorf("saddle_sums %+v: no set of realizations has these sums (want Σ S ≤ Σ S² ≤ (Σ S)², likewise for M, and (Σ S·M)² ≤ Σ S²·Σ M²)", *a)
	}
	return nil
}

// addCounter adds b to the counter *a, or returns an error if the sum would
// overflow int64 (*a is then unchanged).
func addCounter(a *int64, b int64) error {
	if (b > 0 && *a > math.MaxInt64-b) || (b < 0 && *a < math.MinInt64-b) {
		return fmt.Errorf("counter %d + %d overflows int64", *a, b)
	}
	*a += b
	return nil
}

// checkTheoryCounts checks that expected counts (when theory is not nil) and
// their total are finite and ≥ 0.
func checkTheoryCounts(theory []float64, total float64) error {
	if theory == nil {
		return nil
	}
	for k, v := range theory {
		if !(v >= 0) || math.IsInf(v, 1) {
			return fmt.Errorf("critical: theory[%d] = %v, want a finite expected count ≥ 0", k, v)
		}
	}
	if !(total >= 0) || math.IsInf(total, 1) {
		return fmt.Errorf("critical: theory total = %v, want a finite expected count ≥ 0", total)
	}
	return nil
}

// checkTheoryEnergies checks that expected mean energies (when energies is
// not nil) number dim and are finite or NaN (no theory for that index).
func checkTheoryEnergies(energies []float64, dim int) error {
	if energies == nil {
		return nil
	}
	if len(energies) != dim {
		return fmt.Errorf("critical: %d theory mean energies for a tally of %d indices", len(energies), dim)
	}
	for k, e := range energies {
		if math.IsInf(e, 0) {
			return fmt.Errorf("critical: theory mean energy [%d] = %v, want a finite energy (or NaN: none for that index)", k, e)
		}
	}
	return nil
}

// Realizations returns the number of realizations tallied.
func (t *CountTally) Realizations() int64 { return t.total.N() }

// Report compares the tally with the expected number of critical points of
// each index, theory[k], and their sum, and with the expected mean energy of
// the points of each index, energies[k] (in the units of [Point.Energy]):
// the rows of [CountReport] with their z-scores and the per-realization
// summaries. Without theory (nil) the theory columns and count z-scores are
// NaN, without energies (nil) the energy theory and its z-scores. Theory
// counts must be finite and ≥ 0; theory energies finite, or NaN for an
// index without one (an expected count of 0).
//
// The mean energy of index k is the ratio R = Σ_r S_r / Σ_r C_r of the sums
// over realizations r of the energy sum S_r and the count C_r of its points
// of index k: points of one realization are not independent, realizations
// are. Its standard error is that of a ratio estimator (Cochran, Sampling
// Techniques, 3rd ed., Wiley 1977, §6.3–6.4, the finite-population factor
// dropped): to first order (delta method) R − E S/E C = Σ_r d_r / Σ_r C_r
// with d_r = S_r − (E S/E C)·C_r of mean 0, so, with n realizations and
// C̄ = Σ_r C_r / n,
//
//	se² = Σ_r (S_r − R·C_r)² / (n(n−1)·C̄²),
//
// evaluated exactly (in rational arithmetic from the exact sums Σ S_r²,
// Σ S_r·C_r, Σ C_r², Σ S_r and Σ C_r) and rounded to float64 at the end. It is NaN when
// fewer than two realizations hold a point of index k (the residuals of a
// single one vanish identically and say nothing about the spread). The
// estimate is asymptotic in n (the ratio's bias is O(1/n)); where the sums
// S_r are heavy-tailed (the Gaussian field: realizations with many points
// at high energy) tens of realizations understate the spread (measured over
// seeds at 40 realizations: energy z's of rms 1.29 for the field at N = 3,
// 0.86 for the 3-spin at N = 5). The energy
// z-score is (MeanEnergy − theory)/se, NaN when fewer than
// [EnergyZMinRealizations] realizations hold a point of index k, and when se
// is NaN or below 1e-12 of the largest |MeanEnergy| of the report (rounding,
// not sampling: the middle index of the odd p-spin at odd N, whose points ±σ
// have opposite energies).
//
// The saddle ratio is the ratio of sums SaddleRatio = Σ_r S_r / Σ_r M_r of
// the numbers of saddles S_r and minima M_r of each realization
// ([SaddleStats]: non-degenerate points), which estimates the ratio of
// expected counts E[S]/E[M] that Kac–Rice theory gives (SaddlesPerMinimum,
// the mean of the ratios S_r/M_r, does not: a mean of ratios is biased
// against it, measured over 20-realization studies pooled by +1.0% (2.8
// standard errors of ΣS/ΣM over 4000 realizations) for the 3-spin at N = 5
// and +2.2% (9.8 over 8000) for the 4-spin at N = 3, where ΣS/ΣM was
// −0.07% and +0.05% off). Its standard error is the
// same ratio-estimator formula over all n realizations, with S_r and M_r
// for S_r and C_r; SaddleRatioTheory = Σ_{k=1}^{d−1} theory[k] / theory[0]
// (d the tangent dimension); SaddleRatioZ = (SaddleRatio −
// SaddleRatioTheory)/SaddleRatioStdErr. The ratio and its standard error
// are NaN when no realization holds a minimum (ΣM = 0), the standard error
// also for a single realization; the theory without theory or when
// theory[0] = 0; the z-score when any of these is NaN, when the standard
// error is 0 (every realization with S_r = R·M_r: no saddles at all on the
// circle), and for fewer than [SaddleRatioZMinRealizations] realizations.
func (t *CountTally) Report(theory []float64, theoryTotal float64, energies []float64) (*CountReport, error) {
	if theory != nil && len(theory) != len(t.counts) {
		return nil, fmt.Errorf("critical: %d theory counts for a tally of %d indices", len(theory), len(t.counts))
	}
	if err := checkTheoryCounts(theory, theoryTotal); err != nil {
		return nil, err
	}
	if err := checkTheoryEnergies(energies, len(t.counts)); err != nil {
		return nil, err
	}
	if t.Realizations() < 1 {
		return nil, fmt.Errorf("critical: the tally holds no realization")
	}
	rep := &CountReport{TotalTheory: math.NaN()}
	if theory != nil {
		rep.TotalTheory = theoryTotal
	}
	for k := range t.counts {
		m := &t.counts[k]
		row := IndexCount{K: k, Count: m.Mean(), StdErr: m.StdErr(), Theory: math.NaN(), Z: math.NaN(), MeanEnergy: math.NaN(),
			EnergyStdErr: t.energyStdErr(k), EnergyTheory: math.NaN(), EnergyZ: math.NaN()}
		if theory != nil {
			row.Theory = theory[k]
		}
		if row.StdErr > 0 && theory != nil {
			row.Z = (row.Count - row.Theory) / row.StdErr
		}
		if t.found[k] > 0 {
			row.MeanEnergy = t.energy[k].Float64() / float64(t.found[k])
			if s, ok := t.energy[k].Rat(); ok && math.IsInf(row.MeanEnergy, 0) {
				// The sum of finite energies beyond float64 (energies near
				// ±1e308): their mean is finite; divide the exact sum.
				row.MeanEnergy, _ = s.Quo(s, new(big.Rat).SetInt64(t.found[k])).Float64()
			}
		}
		if energies != nil {
			row.EnergyTheory = energies[k]
		}
		rep.Rows = append(rep.Rows, row)
	}
	scale := 0.0 // the largest |mean energy|
	for _, row := range rep.Rows {
		if !math.IsNaN(row.MeanEnergy) {
			scale = math.Max(scale, math.Abs(row.MeanEnergy))
		}
	}
	for i := range rep.Rows {
		if row := &rep.Rows[i]; row.EnergyStdErr > energyResolution*scale && t.withPoints[i] >= EnergyZMinRealizations {
			row.EnergyZ = (row.MeanEnergy - row.EnergyTheory) / row.EnergyStdErr
		}
	}
	rep.Realizations = int(t.Realizations())
	rep.MorseOK = float64(t.morse) / float64(rep.Realizations)
	rep.Completeness = t.completeness.Mean()
	rep.Total, rep.TotalStdErr = t.total.Mean(), t.total.StdErr()
	rep.SaddlesPerMinimum = t.perMin.Mean()
	rep.SaddleRatio, rep.SaddleRatioStdErr = t.saddleRatio()
	rep.SaddleRatioTheory, rep.SaddleRatioZ = saddleRatioTheory(theory), math.NaN()
	if rep.Realizations >= SaddleRatioZMinRealizations && rep.SaddleRatioStdErr > 0 {
		rep.SaddleRatioZ = (rep.SaddleRatio - rep.SaddleRatioTheory) / rep.SaddleRatioStdErr
	}
	rep.Barrier, rep.BarrierStdErr = t.gap.Mean(), t.gap.StdErr()
	rep.Failed, rep.GradientFlat = int(t.failed), int(t.flat)
	rep.Retries, rep.Explored, rep.ExploredNew = int(t.retries), int(t.explored), int(t.exploredNew)
	return rep, nil
}

// SaddleRatioZMinRealizations is the number of realizations below which
// [CountTally.Report] gives no saddle-ratio z-score (SaddleRatioZ is NaN):
// as for [EnergyZMinRealizations], the standard error estimated from n
// realizations has about n − 1 degrees of freedom, and the ratio's bias,
// O(1/n), is then no longer small beside its standard error, O(1/√n).
const SaddleRatioZMinRealizations = 10

// saddleRatio returns the saddle ratio ΣS/ΣM of the tally and its standard
// error (see [CountTally.Report]): NaN and NaN without a minimum in any
// realization, the standard error NaN as well for fewer than two
// realizations.
func (t *CountTally) saddleRatio() (ratio, se float64) {
	a := &t.saddle
	if a.Minima == 0 {
		return math.NaN(), math.NaN()
	}
	r := func(x int64) *big.Rat { return new(big.Rat).SetInt64(x) }
	ratio, _ = new(big.Rat).SetFrac(big.NewInt(a.Saddles), big.NewInt(a.Minima)).Float64()
	return ratio, ratioStdErr(t.Realizations(), r(a.Saddles), r(a.Minima), r(a.SaddlesSq), r(a.SaddlesMinima), r(a.MinimaSq))
}

// saddleRatioTheory is the ratio of the expected numbers of saddles and of
// minima, Σ_{k=1}^{d−1} theory[k] / theory[0] (d = len(theory) − 1, the
// tangent dimension: maxima are not saddles, as in [SaddleStats]); NaN
// without theory or with no minimum expected.
func saddleRatioTheory(theory []float64) float64 {
	if len(theory) == 0 || !(theory[0] > 0) {
		return math.NaN()
	}
	var sad float64
	for _, c := range theory[1:max(1, len(theory)-1)] {
		sad += c
	}
	return sad / theory[0]
}

// EnergyZMinRealizations is the number of realizations holding a point of an
// index below which [CountTally.Report] gives no energy z-score for it. The
// standard error estimated from m such realizations has about m − 1 degrees
// of freedom, so the z-score is roughly Student-t distributed with m − 1
// degrees of freedom, not normal: with m = 2 its tails are Cauchy's (on the
// field at N = 3 the two maxima of eight realizations had nearly equal
// energies and gave z = 127), and from m = 10 on |z| > 4 has probability
// at most 0.31 % (0.311 % for t with 9 degrees of freedom), so a few units of |z| read as
// for a normal variable within a factor that the tables can state.
const EnergyZMinRealizations = 10

// energyResolution is the relative resolution of the energies of critical
// points: they are computed in float64 at points whose gradient is below
// about 1e-11 (the error of the energy is second order in it), so they
// agree with the true values to about 1e-14 of the energy scale, and a
// standard error of the mean energy below energyResolution times the
// largest |mean energy| of a report measures rounding, not sampling. That
// happens where the sum of the energies of each realization vanishes by
// symmetry: the middle index of the odd p-spin at odd N, whose critical
// points σ and −σ share the index and have opposite energies. The z-score
// is then NaN.
const energyResolution = 1e-12

// energyStdErr is the standard error of the mean energy of index k, see
// [CountTally.Report].
func (t *CountTally) energyStdErr(k int) float64 {
	n := t.Realizations()
	if n < 2 || t.withPoints[k] < 2 {
		return math.NaN()
	}
	a, okA := t.energySq[k].Rat()
	b, okB := t.energyCount[k].Rat()
	s, okS := t.energy[k].Rat()
	if !okA || !okB || !okS {
		return math.NaN()
	}
	d := new(big.Rat).SetFloat64(t.counts[k].Sum(2)) // Σ C_r², an integer (exact below 2^53)
	if d == nil {
		// Not finite: UnmarshalJSON refuses such a tally; Add never makes one.
		return math.NaN()
	}
	c := new(big.Rat).SetInt64(t.found[k]) // Σ C_r
	return ratioStdErr(n, s, c, a, b, d)
}

// ratioStdErr returns the standard error of the ratio estimator
// R = Σ_r x_r / Σ_r y_r over n independent units r (Cochran, Sampling
// Techniques, 3rd ed., Wiley 1977, §6.3–6.4, the finite-population factor
// dropped; the delta method), from the exact sums sx = Σ x_r, sy = Σ y_r,
// sxx = Σ x_r², sxy = Σ x_r·y_r and syy = Σ y_r²:
//
//	se² = Σ_r (x_r − R·y_r)² / (n(n−1)·ȳ²),  ȳ = sy/n,
//
// with Σ_r (x_r − R·y_r)²·(Σy)² = Σx²·(Σy)² − 2·Σxy·Σx·Σy + Σy²·(Σx)², so
// se² = n·(Σx²·(Σy)² − 2·Σxy·Σx·Σy + Σy²·(Σx)²) / ((n−1)·(Σy)⁴), evaluated
// in rational arithmetic (no cancellation) and rounded to float64 at the
// end. It is NaN for n < 2 or sy = 0 (no ratio).
func ratioStdErr(n int64, sx, sy, sxx, sxy, syy *big.Rat) float64 {
	if n < 2 || sy.Sign() == 0 {
		return math.NaN()
	}
	y2 := new(big.Rat).Mul(sy, sy)
	q := new(big.Rat).Mul(sxx, y2)
	q.Sub(q, new(big.Rat).Mul(new(big.Rat).Mul(sxy, sx), new(big.Rat).Mul(big.NewRat(2, 1), sy)))
	q.Add(q, new(big.Rat).Mul(syy, new(big.Rat).Mul(sx, sx)))
	q.Mul(q, big.NewRat(n, n-1))
	q.Quo(q, new(big.Rat).Mul(y2, y2))
	v, _ := q.Float64()
	return math.Sqrt(v)
}

// countTallyJSON is the serialised form of CountTally.
type countTallyJSON struct {
	Counts       []spectra.Moments  `json:"counts"`
	Energy       []spectra.ExactSum `json:"energy"`
	EnergySq     []spectra.ExactSum `json:"energy_sq"`
	EnergyCount  []spectra.ExactSum `json:"energy_count"`
	WithPoints   []int64            `json:"energy_realizations"`
	Found        []int64            `json:"found"`
	Total        spectra.Moments    `json:"total"`
	Completeness spectra.Moments    `json:"completeness"`
	PerMin       spectra.Moments    `json:"saddles_per_minimum"`
	Gap          spectra.Moments    `json:"barrier"`
	SaddleSums   *saddleSums        `json:"saddle_sums"`
	Morse        int64              `json:"morse_ok"`
	Failed       int64              `json:"failed_starts"`
	Flat         int64              `json:"gradient_flat"`
	Retries      int64              `json:"retries,omitempty"`
	Explored     int64              `json:"explored_searches,omitempty"`
	ExploredNew  int64              `json:"explored_new,omitempty"`
}

// tallyJSONError names the per-index accumulator of the tally JSON b that
// failed to decode with err (a Moments state no sample has, say), as
// "counts[k]"; otherwise it returns err.
func tallyJSONError(b []byte, err error) error {
	var raw struct {
		Counts []json.RawMessage `json:"counts"`
	}
	if json.Unmarshal(b, &raw) != nil {
		return err
	}
	for k, c := range raw.Counts {
		var m spectra.Moments
		if e := json.Unmarshal(c, &m); e != nil {
			return fmt.Errorf("critical: tally JSON counts[%d]: %w", k, e)
		}
	}
	return err
}

// MarshalJSON encodes the tally exactly and canonically.
func (t *CountTally) MarshalJSON() ([]byte, error) {
	return json.Marshal(countTallyJSON{t.counts, t.energy, t.energySq, t.energyCount, t.withPoints, t.found, t.total, t.completeness, t.perMin, t.gap, &t.saddle, t.morse, t.failed, t.flat,
		t.retries, t.explored, t.exploredNew})
}

// UnmarshalJSON decodes the form written by MarshalJSON, replacing the tally.
// A tally without the per-realization energy sums (energy_sq, energy_count,
// energy_realizations: written before they existed) is refused, since the
// standard error of the mean energy cannot be recovered from it, as is one
// without the saddle sums (saddle_sums, likewise: the saddle ratio and its
// standard error cannot be recovered from saddles_per_minimum), and so is
// one whose parts disagree about its realizations (counts over another
// number of realizations, found not their sum: an altered shard file).
func (t *CountTally) UnmarshalJSON(b []byte) error {
	var j countTallyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return tallyJSONError(b, err)
	}
	dim := len(j.Counts)
	if dim < 1 || len(j.Energy) != dim || len(j.Found) != dim {
		return fmt.Errorf("critical: tally JSON with %d counts, %d energies and %d found, want equal numbers ≥ 1", dim, len(j.Energy), len(j.Found))
	}
	if j.EnergySq == nil && j.EnergyCount == nil && j.WithPoints == nil {
		return fmt.Errorf("critical: tally JSON without energy_sq, energy_count and energy_realizations (written by an older rmtsim, before the standard error of the mean energy): recompute it with this version")
	}
	if j.SaddleSums == nil {
		return fmt.Errorf("critical: tally JSON without saddle_sums (written by an older rmtsim, before the saddle ratio ΣS/ΣM and its standard error): recompute it with this version")
	}
	if len(j.EnergySq) != dim || len(j.EnergyCount) != dim || len(j.WithPoints) != dim {
		return fmt.Errorf("critical: tally JSON with %d counts but %d energy_sq, %d energy_count and %d energy_realizations, want %d of each",
			dim, len(j.EnergySq), len(j.EnergyCount), len(j.WithPoints), dim)
	}
	for k, m := range j.Counts {
		// Sums of counts of points, which are finite integers.
		for p := 1; p <= 4; p++ {
			if v := m.Sum(p); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return fmt.Errorf("critical: tally JSON counts[%d] sum of powers %d = %v, want a finite sum ≥ 0", k, p, v)
			}
		}
	}
	// Every realization adds one count per index (Add), and the points of
	// index k found in all sum its counts; completeness, saddles per
	// minimum and barrier have at most one value per realization.
	n := j.Total.N()
	for k, m := range j.Counts {
		if m.N() != n {
			return fmt.Errorf("critical: tally JSON counts[%d] over %d realizations, want the tally's %d", k, m.N(), n)
		}
		if f := j.Found[k]; m.Sum(1) != float64(f) {
			return fmt.Errorf("critical: tally JSON found[%d] = %d, want the sum of counts[%d], %v", k, f, k, m.Sum(1))
		}
	}
	for _, m := range []struct {
		name string
		m    *spectra.Moments
	}{{"completeness", &j.Completeness}, {"saddles_per_minimum", &j.PerMin}, {"barrier", &j.Gap}} {
		if m.m.N() > n {
			return fmt.Errorf("critical: tally JSON %s over %d realizations, want at most the tally's %d", m.name, m.m.N(), n)
		}
	}
	for k, f := range j.Found {
		if f < 0 {
			return fmt.Errorf("critical: tally JSON found[%d] = %d, want ≥ 0", k, f)
		}
		if w := j.WithPoints[k]; w < 0 || w > j.Total.N() || w > f {
			return fmt.Errorf("critical: tally JSON energy_realizations[%d] = %d, want 0 ≤ it ≤ min(realizations %d, found %d)", k, w, j.Total.N(), f)
		}
	}
	var saddles int64 // points of index 1…d−1 found
	for k, f := range j.Found[1:max(1, dim-1)] {
		if err := addCounter(&saddles, f); err != nil {
			return fmt.Errorf("critical: tally JSON found[1…%d]: %w", k+1, err)
		}
	}
	if err := j.SaddleSums.check(saddles, j.Found[0]); err != nil {
		return fmt.Errorf("critical: tally JSON %w", err)
	}
	if j.Morse < 0 || j.Failed < 0 || j.Flat < 0 || j.Morse > j.Total.N() {
		return fmt.Errorf("critical: tally JSON morse_ok/failed_starts/gradient_flat = %d/%d/%d, want ≥ 0 (morse_ok ≤ realizations)", j.Morse, j.Failed, j.Flat)
	}
	if j.Retries < 0 || j.Explored < 0 || j.ExploredNew < 0 {
		return fmt.Errorf("critical: tally JSON retries/explored_searches/explored_new = %d/%d/%d, want ≥ 0", j.Retries, j.Explored, j.ExploredNew)
	}
	*t = CountTally{counts: j.Counts, energy: j.Energy, energySq: j.EnergySq, energyCount: j.EnergyCount, withPoints: j.WithPoints, found: j.Found, total: j.Total, completeness: j.Completeness,
		perMin: j.PerMin, gap: j.Gap, saddle: *j.SaddleSums, morse: j.Morse, failed: j.Failed, flat: j.Flat,
		retries: j.Retries, explored: j.Explored, exploredNew: j.ExploredNew}
	return nil
}
