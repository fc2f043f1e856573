package critical

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/rmtsim/rmtsim/rmt"
)

// IndexLossBin is one energy bin of an index-versus-loss table: the
// critical points with energy in [Lo, Hi), their number, and the mean index
// fraction α with its standard error (the sample standard deviation of the
// points' index fractions over √Count; points of one realization are treated
// as independent, which misstates the error when realizations differ much:
// [IndexLossRealizationStdErr] takes realizations as the units, and `rmtsim
// indexloss` reports it; on its default table it is 0.79–1.30 times this).
type IndexLossBin struct {
	Lo, Hi      float64
	Count       int
	Alpha       float64
	AlphaStdErr float64
}

// binBytes is the memory IndexLoss uses per bin: an IndexLossBin (five
// 8-byte fields) and two running sums.
const binBytes = 7 * 8

// checkBins refuses a number of energy bins whose table IndexLoss could not
// hold within [rmt.MemoryBudget] bytes.
func checkBins(bins int) error {
	if b := float64(bins) * binBytes; b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("bins = %d would need %.3g bytes; want bins ≤ %d (rmt.MemoryBudget = %d bytes)", bins, b, rmt.MemoryBudget/binBytes, rmt.MemoryBudget)
	}
	return nil
}

// IndexLoss bins critical points by energy into bins equal-width bins over
// [min, max] of their energies (the last bin is closed; when every point has
// the same energy E, over [E, E + 1]) and returns the mean index fraction per
// bin, with the Spearman rank correlation between energy and index over all
// points (Dauphin et al., NIPS 2014, Fig. 1: the index of
// a critical point grows with its loss). It returns an error for no points,
// bins < 1, a non-finite energy or energies whose range overflows.
func IndexLoss(points []Point, bins int) ([]IndexLossBin, float64, error) {
	if len(points) == 0 {
		return nil, math.NaN(), fmt.Errorf("critical: IndexLoss needs at least one critical point")
	}
	if bins < 1 {
		return nil, math.NaN(), fmt.Errorf("critical: bins = %d, want bins ≥ 1", bins)
	}
	if err := checkBins(bins); err != nil {
		return nil, math.NaN(), fmt.Errorf("critical: %v", err)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range points {
		if math.IsNaN(p.Energy) || math.IsInf(p.Energy, 0) {
			return nil, math.NaN(), fmt.Errorf("critical: points[%d].Energy = %v, want a finite energy", i, p.Energy)
		}
		lo, hi = math.Min(lo, p.Energy), math.Max(hi, p.Energy)
	}
	if math.IsInf(hi-lo, 0) {
		return nil, math.NaN(), fmt.Errorf("critical: energies span [%v, %v], want a range below %v", lo, hi, math.MaxFloat64)
	}
	if hi == lo {
		hi = lo + 1
	}
	out := make([]IndexLossBin, bins)
	sum := make([]float64, bins)
	sum2 := make([]float64, bins)
	w := (hi - lo) / float64(bins)
	for b := range out {
		out[b].Lo = lo + float64(b)*w
		out[b].Hi = lo + float64(b+1)*w
	}
	out[bins-1].Hi = hi
	energy := make([]float64, len(points))
	index := make([]float64, len(points))
	for i, p := range points {
		b := ilBin(out, p.Energy)
		out[b].Count++
		sum[b] += p.IndexFraction
		sum2[b] += p.IndexFraction * p.IndexFraction
		energy[i], index[i] = p.Energy, float64(p.Index)
	}
	for b := range out {
		c := float64(out[b].Count)
		out[b].Alpha, out[b].AlphaStdErr = math.NaN(), math.NaN()
		if c > 0 {
			out[b].Alpha = sum[b] / c
		}
		if c > 1 {
			v := math.Max(0, (sum2[b]-c*out[b].Alpha*out[b].Alpha)/(c-1))
			out[b].AlphaStdErr = math.Sqrt(v / c)
		}
	}
	return out, Spearman(energy, index), nil
}

// IndexLossRealizationStdErr returns, for each bin of table (the result of
// [IndexLoss] on the points of every realization pooled), the standard error
// of the bin's mean index fraction α = Σ_r A_r / Σ_r C_r with realizations,
// not points, as the independent units (A_r and C_r are the sum of the index
// fractions and the number of realization r's points in the bin): the
// points of one landscape are correlated, so [IndexLossBin].AlphaStdErr,
// which treats them as independent, understates the error. With the
// residuals e_r = A_r − αC_r over the R realizations,
//
//	se² = R/(R − 1)·Σ_r e_r² / (Σ_r C_r)²,
//
// the linearised variance of a ratio estimator (Cochran, Sampling
// Techniques, 3rd ed., Wiley 1977, §6.3). se is NaN for a bin that fewer than
// two realizations hold points of; held gives that number of realizations per
// bin. se is estimated from the realizations, so it has about held − 1 degrees
// of freedom: read z = (α − α_theory)/se against Student's t with that many,
// not against a normal law, and expect a wider spread still when the edges
// come from the data, as IndexLoss's do. For the 3-spin at N = 10 in 12 bins
// against [ExactMeanIndex] (enumeration complete on the 8 realizations
// checked: four times the starts found no new point), the largest |z| was 3.44
// over 24 realizations and 1.82 over 48 (those 24 and 24 more). Points are
// binned as IndexLoss bins them. It errors for an empty table, a realization
// point with a non-finite energy, or realizations whose points in a bin do not
// number the table's Count (not the points the table was made from: a subset
// of the realizations gave a standard error over the wrong units and divided
// by the wrong count).
func IndexLossRealizationStdErr(table []IndexLossBin, byRealization [][]Point) (se []float64, held []int, err error) {
	nb := len(table)
	if nb == 0 {
		return nil, nil, fmt.Errorf("critical: IndexLossRealizationStdErr needs a non-empty table")
	}
	sumE2 := make([]float64, nb)
	held = make([]int, nb)
	total := make([]int, nb)
	a, c := make([]float64, nb), make([]float64, nb)
	for r, pts := range byRealization {
		clear(a)
		clear(c)
		for i, p := range pts {
			if math.IsNaN(p.Energy) || math.IsInf(p.Energy, 0) {
				return nil, nil, fmt.Errorf("critical: byRealization[%d][%d].Energy = %v, want a finite energy", r, i, p.Energy)
			}
			b := ilBin(table, p.Energy)
			a[b] += p.IndexFraction
			c[b]++
		}
		for b := range nb {
			if c[b] > 0 {
				held[b]++
			}
			total[b] += int(c[b])
			e := a[b] - table[b].Alpha*c[b]
			sumE2[b] += e * e
		}
	}
	for b := range nb {
		if total[b] != table[b].Count {
			return nil, nil, fmt.Errorf("critical: byRealization holds %d points in bin %d, the table counts %d: want the realizations of the points the table was made from", total[b], b, table[b].Count)
		}
	}
	se = make([]float64, nb)
	R := float64(len(byRealization))
	for b := range nb {
		se[b] = math.NaN()
		if held[b] >= 2 {
			se[b] = math.Sqrt(R/(R-1)*sumE2[b]) / float64(table[b].Count)
		}
	}
	return se, held, nil
}

// ilBin returns the bin of table that holds energy e: the last bin whose Lo
// is at most e (clamped to the first and last bins), so that a point on a
// printed edge lo + b·w goes to the bin that starts there. Dividing,
// ⌊(e − lo)/w⌋, could disagree with the printed edge by one ulp and put such
// a point in the bin before it (found on a 2-bin table whose middle edge was
// itself a point's energy).
func ilBin(table []IndexLossBin, e float64) int {
	b := sort.Search(len(table), func(i int) bool { return table[i].Lo > e }) - 1
	return max(0, min(b, len(table)-1))
}

// IndexLossTheory returns, for each bin of table (the result of [IndexLoss]
// on points), the mean of alpha over the points in that bin (NaN for an empty
// bin): a theory curve α(E) averaged over the energies actually found, so
// that it compares with the bin's mean index fraction without a binning bias.
// A NaN α at any point of a bin (a curve outside its domain) makes that
// bin's mean NaN, as no theory, rather than an error: the other bins stand.
// It errors when table is empty or alpha is nil.
func IndexLossTheory(points []Point, table []IndexLossBin, alpha func(p Point) float64) ([]float64, error) {
	bins := len(table)
	if bins == 0 {
		return nil, fmt.Errorf("critical: IndexLossTheory needs a non-empty table")
	}
	if alpha == nil {
		return nil, fmt.Errorf("critical: IndexLossTheory alpha is nil, want the theory curve α(point)")
	}
	sum := make([]float64, bins)
	cnt := make([]int, bins)
	for _, p := range points {
		b := ilBin(table, p.Energy)
		sum[b] += alpha(p)
		cnt[b]++
	}
	for b := range sum {
		if cnt[b] == 0 {
			sum[b] = math.NaN()
		} else {
			sum[b] /= float64(cnt[b])
		}
	}
	return sum, nil
}

// Spearman returns Spearman's rank correlation of x and y (Pearson's
// correlation of their ranks, ties given their average rank; Spearman,
// Am. J. Psychol. 15 (1904) 72). It is NaN for fewer than two points, unequal
// lengths or a constant variable.
func Spearman(x, y []float64) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			return math.NaN() // NaN has no rank: sort.SliceStable would place it arbitrarily
		}
	}
	rx, ry := ranks(x), ranks(y)
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	n := float64(len(rx))
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mx, ry[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}

// ranks returns the 1-based ranks of v, ties sharing their average rank.
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return slices.Clip(r)
}
