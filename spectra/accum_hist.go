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
// last bin is closed, [e_{bins−1}, hi]. Observations below lo are counted in
// Under (−Inf included), above hi in Over (+Inf included), and NaNs
// separately. All counts are integers, so histograms with the same edges merge
// exactly, in any order, whatever the split of the work.
//
// Create histograms with NewHistogram; the zero value has no bins and counts
// every non-NaN observation in Under or Over.
type Histogram struct {
	lo, hi     float64
	scale      float64 // bins/(hi − lo)
	counts     []int64
	under      int64
	over       int64
	nan        int64
	edgesCache []float64
}

// NewHistogram returns an empty histogram with bins equal-width bins on
// [lo, hi]. It returns an error unless lo and hi are finite with lo < hi and
// hi − lo finite, 1 ≤ bins ≤ MaxHistogramBins, and the edges are strictly
// increasing in float64 arithmetic.
func NewHistogram(lo, hi float64, bins int) (*Histogram, error) {
	if math.IsNaN(lo) || math.IsInf(lo, 0) {
		return nil, fmt.Errorf("spectra: histogram lo = %v, want a finite number", lo)
	}
	if math.IsNaN(hi) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("spectra: histogram hi = %v, want a finite number", hi)
	}
	if !(lo < hi) || math.IsInf(hi-lo, 0) {
		return nil, fmt.Errorf("spectra: histogram range [lo, hi] = [%v, %v], want lo < hi with finite hi − lo", lo, hi)
	}
	if bins < 1 || bins > MaxHistogramBins {
		return nil, fmt.Errorf("spectra: histogram bins = %d, want 1 ≤ bins ≤ %d", bins, MaxHistogramBins)
	}
	scale := float64(bins) / (hi - lo)
	if math.IsInf(scale, 0) {
		// A subnormal width: bins/(hi − lo) overflows and Add's bin index
		// would be NaN (a panic in Add before 2026-11-30).
		return nil, fmt.Errorf("spectra: histogram range [lo, hi] = [%v, %v] with %d bins: bins/(hi − lo) overflows; want hi − lo ≥ %g", lo, hi, bins, float64(bins)/math.MaxFloat64)
	}
	h := &Histogram{lo: lo, hi: hi, scale: scale, counts: make([]int64, bins)}
	h.edgesCache = h.computeEdges()
	for i := 1; i < len(h.edgesCache); i++ {
		if !(h.edgesCache[i-1] < h.edgesCache[i]) {
			return nil, fmt.Errorf("spectra: histogram bins = %d on [%v, %v]: bins narrower than float64 resolution", bins, lo, hi)
		}
	}
	return h, nil
}

func (h *Histogram) computeEdges() []float64 {
	b := len(h.counts)
	e := make([]float64, b+1)
	for i := 0; i < b; i++ {
		e[i] = h.lo + (h.hi-h.lo)*float64(i)/float64(b)
	}
	e[b] = h.hi
	return e
}

// Add counts one observation. It does not allocate.
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
	i := int((x - h.lo) * h.scale)
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
// hi and number of bins); other is not modified. A nil histogram is an error.
func (h *Histogram) Merge(other *Histogram) error {
	if h == nil || other == nil {
		return fmt.Errorf("spectra: merging histograms: nil histogram (receiver nil: %t, argument nil: %t)", h == nil, other == nil)
	}
	if h.lo != other.lo || h.hi != other.hi || len(h.counts) != len(other.counts) {
		return fmt.Errorf("spectra: merging histogram on [%v, %v] with %d bins into one on [%v, %v] with %d bins, want equal edges",
			other.lo, other.hi, len(other.counts), h.lo, h.hi, len(h.counts))
	}
	for i, c := range other.counts {
		h.counts[i] += c
	}
	h.under += other.under
	h.over += other.over
	h.nan += other.nan
	return nil
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
	return 0.5 * (h.edgesCache[i] + h.edgesCache[i+1])
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
		d[i] = float64(c) / (t * (h.edgesCache[i+1] - h.edgesCache[i]))
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
// NewHistogram does.
func (h *Histogram) UnmarshalJSON(b []byte) error {
	var j histogramJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	n, err := NewHistogram(j.Lo, j.Hi, j.Bins)
	if err != nil {
		return err
	}
	if len(j.Counts) != j.Bins {
		return fmt.Errorf("spectra: histogram JSON has %d counts, want bins = %d", len(j.Counts), j.Bins)
	}
	for i, c := range j.Counts {
		if c < 0 {
			return fmt.Errorf("spectra: histogram JSON count[%d] = %d, want ≥ 0", i, c)
		}
	}
	if j.Under < 0 || j.Over < 0 || j.NaN < 0 {
		return fmt.Errorf("spectra: histogram JSON under/over/nan = %d/%d/%d, want ≥ 0", j.Under, j.Over, j.NaN)
	}
	copy(n.counts, j.Counts)
	n.under, n.over, n.nan = j.Under, j.Over, j.NaN
	*h = *n
	return nil
}
