package spectra

import (
	"encoding/json"
	"fmt"
	"math"
)

// MaxHistogramBins is the largest number of bins NewHistogram accepts.
const MaxHistogramBins = 1 << 24

// Histogram counts observations in fixed, equal-width bins on [lo, hi]. Bin i
// is [e_i, e_{i+1}) with edges e_i = lo + (hi − lo)·i/bins (e_bins = hi); the
// last bin is closed, [e_{bins−1}, hi]. When (hi − lo)·(bins − 1) overflows
// (a range wider than about MaxFloat64/(bins − 1), such as [0, 1.7e308] with
// 3 bins), the edges are computed in halves instead,
// e_i = 2·(lo/2 + (hi/2 − lo/2)·(i/bins)) (e_0 = lo), which cannot overflow.
// Observations below lo are counted in Under (−Inf included), above hi in
// Over (+Inf included), and NaNs separately. All counts are integers, so histograms with the same edges merge
// exactly, in any order, whatever the split of the work.
//
// Create histograms with NewHistogram; the zero value has no bins and counts
// every non-NaN observation in Under or Over.
type Histogram struct {
	lo, hi float64
	// Add estimates the bin of x as (x − lo)·scale with
	// scale = bins/(hi − lo), or, when hi − lo overflows (wide),
	// (x/2 − lo/2)·scale with scale = bins/(hi/2 − lo/2).
	wide       bool
	scale      float64
	counts     []int64
	under      int64
	over       int64
	nan        int64
	edgesCache []float64
}

// NewHistogram returns an empty histogram with bins equal-width bins on
// [lo, hi]. It returns an error unless lo and hi are finite with lo < hi,
// 1 ≤ bins ≤ MaxHistogramBins, hi − lo ≥ bins/MaxFloat64, and the edges are
// strictly increasing in float64 arithmetic. Every range of finite numbers is
// supported, however wide (hi − lo may overflow float64).
func NewHistogram(lo, hi float64, bins int) (*Histogram, error) {
	if math.IsNaN(lo) || math.IsInf(lo, 0) {
		return nil, fmt.Errorf("spectra: histogram lo = %v, want a finite number", lo)
	}
	if math.IsNaN(hi) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("spectra: histogram hi = %v, want a finite number", hi)
	}
	if !(lo < hi) {
		return nil, fmt.Errorf("spectra: histogram range [lo, hi] = [%v, %v], want lo < hi", lo, hi)
	}
	if bins < 1 || bins > MaxHistogramBins {
		return nil, fmt.Errorf("spectra: histogram bins = %d, want 1 ≤ bins ≤ %d", bins, MaxHistogramBins)
	}
	k := 1.0
	if math.IsInf(hi-lo, 0) {
		k = 0.5 // exact: |lo| and |hi| are then above 2^969, far from subnormal
	}
	scale := float64(bins) / (k*hi - k*lo)
	if math.IsInf(scale, 0) {
		// A subnormal width: bins/(hi − lo) overflows and Add's bin index
		// would be NaN (Add would otherwise panic).
		return nil, fmt.Errorf("spectra: histogram range [lo, hi] = [%v, %v] with %d bins: bins/(hi − lo) overflows; want hi − lo ≥ %g", lo, hi, bins, float64(bins)/math.MaxFloat64)
	}
	// −0 and +0 are the same edge (Merge compares with ==); store +0 so that
	// the JSON of a merge does not depend on which operand was the receiver.
	lo, hi = lo+0, hi+0
	h := &Histogram{lo: lo, hi: hi, wide: k != 1, scale: scale, counts: make([]int64, bins)}
	h.edgesCache = h.computeEdges()
	for i := 1; i < len(h.edgesCache); i++ {
		if !(h.edgesCache[i-1] < h.edgesCache[i]) {
			return nil, fmt.Errorf("spectra: histogram bins = %d on [%v, %v]: bins narrower than float64 resolution", bins, lo, hi)
		}
	}
	return h, nil
}

// computeEdges returns the bins+1 edges (see Histogram).
func (h *Histogram) computeEdges() []float64 {
	b := len(h.counts)
	e := make([]float64, b+1)
	if w := (h.hi - h.lo) * float64(b-1); !math.IsInf(w, 0) && !math.IsNaN(w) {
		// No product overflows (NaN is Inf·0, bins = 1): the formula of
		// the type's documentation, as it always was for these ranges.
		for i := 0; i < b; i++ {
			e[i] = h.lo + (h.hi-h.lo)*float64(i)/float64(b)
		}
	} else {
		// In halves: lo/2 + (hi/2 − lo/2)·t lies between lo/2 and hi/2 for
		// t = i/bins ∈ [0, 1), up to roundings far below the margin
		// (hi/2 − lo/2)/bins to hi/2, so doubling it stays finite. The
		// doubling is exact; halving a subnormal lo is not, so e_0 = lo is
		// set directly (hi ≥ MaxFloat64/bins here: the bins are wide).
		half := 0.5*h.hi - 0.5*h.lo
		e[0] = h.lo
		for i := 1; i < b; i++ {
			e[i] = 2 * (0.5*h.lo + half*(float64(i)/float64(b)))
		}
	}
	e[b] = h.hi
	return e
}

// Add counts one observation. It does not allocate. A histogram holds fewer
// than 2^63 observations in all (int64 counts).
func (h *Histogram) Add(x float64) {
	switch {
	case x >= h.lo && x <= h.hi:
	case x < h.lo:
		h.under++
		return
	case x > h.hi:
		h.over++
		return
	default:
		h.nan++
		return
	}
	b := len(h.counts)
	if b == 0 { // zero value: no bins
		h.over++
		return
	}
	var i int // in [0, bins·(1 + ε)]
	if h.wide {
		i = int((0.5*x - 0.5*h.lo) * h.scale) // x − lo may overflow
	} else {
		i = int((x - h.lo) * h.scale)
	}
	if i >= b {
		i = b - 1
	}
	// The product above may be off near an edge (by one bin, unless the bins
	// are a few ulps wide); the stored edges decide.
	e := h.edgesCache
	for i > 0 && x < e[i] {
		i--
	}
	for i+1 < b && x >= e[i+1] {
		i++
	}
	h.counts[i]++
}

// Merge adds the counts of other, which must have the same edges (the same lo,
// hi and number of bins); other is not modified. A nil histogram is an error,
// and so is a merge whose count of all observations (bins, Under, Over and
// NaNs) would overflow int64; h is then unchanged.
func (h *Histogram) Merge(other *Histogram) error {
	if err := h.checkMerge(other); err != nil {
		return err
	}
	h.merge(other)
	return nil
}

// checkMerge returns Merge's error, if any, without changing h.
func (h *Histogram) checkMerge(other *Histogram) error {
	if h == nil || other == nil {
		return fmt.Errorf("spectra: merging histograms: nil histogram (receiver nil: %t, argument nil: %t)", h == nil, other == nil)
	}
	if h.lo != other.lo || h.hi != other.hi || len(h.counts) != len(other.counts) {
		return fmt.Errorf("spectra: merging histogram on [%v, %v] with %d bins into one on [%v, %v] with %d bins, want equal edges",
			other.lo, other.hi, len(other.counts), h.lo, h.hi, len(h.counts))
	}
	if a, b := h.observations(), other.observations(); a > math.MaxInt64-b {
		return fmt.Errorf("spectra: merging histograms of %d and %d observations: the count overflows int64, want a total ≤ %d", b, a, int64(math.MaxInt64))
	}
	return nil
}

// observations returns the number of all observations, NaNs included. The
// counts are non-negative and this total fits in int64 for every histogram
// made by NewHistogram, Add (below 2^63 calls), Merge and UnmarshalJSON.
func (h *Histogram) observations() int64 { return h.Total() + h.nan }

// merge is Merge without its checks (see checkMerge).
func (h *Histogram) merge(other *Histogram) {
	for i, c := range other.counts {
		h.counts[i] += c
	}
	h.under += other.under
	h.over += other.over
	h.nan += other.nan
}

// Bins returns the number of bins.
func (h *Histogram) Bins() int { return len(h.counts) }

// Range returns lo and hi.
func (h *Histogram) Range() (lo, hi float64) { return h.lo, h.hi }

// Counts returns a copy of the bin counts.
func (h *Histogram) Counts() []int64 { return append([]int64(nil), h.counts...) }

// Count returns the count of bin i (0 for i out of range).
func (h *Histogram) Count(i int) int64 {
	if i < 0 || i >= len(h.counts) {
		return 0
	}
	return h.counts[i]
}

// Under returns the number of observations below lo.
func (h *Histogram) Under() int64 { return h.under }

// Over returns the number of observations above hi.
func (h *Histogram) Over() int64 { return h.over }

// NaNs returns the number of NaN observations; they are not part of Total.
func (h *Histogram) NaNs() int64 { return h.nan }

// Total returns the number of non-NaN observations: the bin counts plus Under
// and Over.
func (h *Histogram) Total() int64 {
	t := h.under + h.over
	for _, c := range h.counts {
		t += c
	}
	return t
}

// Edges returns a copy of the bins+1 edges.
func (h *Histogram) Edges() []float64 { return append([]float64(nil), h.edgesCache...) }

// BinCenter returns the midpoint of bin i, NaN for i out of range.
func (h *Histogram) BinCenter(i int) float64 {
	if i < 0 || i >= len(h.counts) {
		return math.NaN()
	}
	a, b := h.edgesCache[i], h.edgesCache[i+1]
	if c := 0.5 * (a + b); !math.IsInf(c, 0) {
		return c
	}
	return 0.5*a + 0.5*b // a + b overflowed: the bins of a range wider than MaxFloat64
}

// Density returns count_i/(Total·width_i) for each bin: an estimate of the
// density of the sampled law that integrates, over [lo, hi], to the share of
// observations inside [lo, hi]. Because Total includes Under and Over, it is
// directly comparable with a law's density (Law.Prob). All entries are NaN when
// Total is 0.
func (h *Histogram) Density() []float64 {
	t := float64(h.Total())
	d := make([]float64, len(h.counts))
	for i, c := range h.counts {
		e0, e1 := h.edgesCache[i], h.edgesCache[i+1]
		w := e1 - e0
		switch tw := t * w; {
		case !math.IsInf(tw, 0):
			d[i] = float64(c) / tw // NaN when t = 0
		case !math.IsInf(w, 0):
			// Total·width overflows (wide bins, many observations; the
			// density would come out 0): divide twice.
			d[i] = float64(c) / t / w
		default:
			// A bin wider than MaxFloat64 (one bin on a range whose
			// hi − lo overflows): the same quotient with the width halved.
			d[i] = 0.5 * (float64(c) / t) / (0.5*e1 - 0.5*e0)
		}
	}
	return d
}

// histogramJSON is the serialised form of Histogram.
type histogramJSON struct {
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Bins   int     `json:"bins"`
	Counts []int64 `json:"counts"`
	Under  int64   `json:"under"`
	Over   int64   `json:"over"`
	NaN    int64   `json:"nan"`
}

// MarshalJSON encodes the edges (lo, hi, bins; floats round-trip exactly) and
// all counts. Equal histograms give equal bytes.
func (h Histogram) MarshalJSON() ([]byte, error) {
	return json.Marshal(histogramJSON{Lo: h.lo, Hi: h.hi, Bins: len(h.counts), Counts: h.counts, Under: h.under, Over: h.over, NaN: h.nan})
}

// UnmarshalJSON decodes the form written by MarshalJSON, validating it as
// NewHistogram does; counts must be ≥ 0 and their total, with Under, Over and
// NaNs, must not overflow int64. The form of the zero value (lo = hi = 0,
// bins = 0) decodes to the zero value.
func (h *Histogram) UnmarshalJSON(b []byte) error {
	var j histogramJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	// The counts are checked first, so that a corrupted bins (up to
	// NewHistogram's 2^24) does not allocate its table before the refusal.
	if len(j.Counts) != j.Bins {
		return fmt.Errorf("spectra: histogram JSON has %d counts, want bins = %d", len(j.Counts), j.Bins)
	}
	n := &Histogram{} // the zero value, written as lo = hi = 0, bins = 0
	if j.Lo != 0 || j.Hi != 0 || j.Bins != 0 {
		var err error
		if n, err = NewHistogram(j.Lo, j.Hi, j.Bins); err != nil {
			return err
		}
	}
	for i, c := range j.Counts {
		if c < 0 {
			return fmt.Errorf("spectra: histogram JSON count[%d] = %d, want ≥ 0", i, c)
		}
	}
	if j.Under < 0 || j.Over < 0 || j.NaN < 0 {
		return fmt.Errorf("spectra: histogram JSON under/over/nan = %d/%d/%d, want ≥ 0", j.Under, j.Over, j.NaN)
	}
	errTotal := func(field string, c int64) error {
		return fmt.Errorf("spectra: histogram JSON %s = %d brings the total of under, counts, over and nan above %d (int64 overflow)", field, c, int64(math.MaxInt64))
	}
	total := j.Under
	for i, c := range j.Counts {
		if total > math.MaxInt64-c {
			return errTotal(fmt.Sprintf("count[%d]", i), c)
		}
		total += c
	}
	if total > math.MaxInt64-j.Over {
		return errTotal("over", j.Over)
	}
	if total += j.Over; total > math.MaxInt64-j.NaN {
		return errTotal("nan", j.NaN)
	}
	copy(n.counts, j.Counts)
	n.under, n.over, n.nan = j.Under, j.Over, j.NaN
	*h = *n
	return nil
}
