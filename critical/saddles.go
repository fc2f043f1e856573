package critical

import "math"

// SaddleStats summarises the critical points of one realization the way the
// saddle-point literature does (Dauphin et al. 2014; Bray & Dean 2007):
// how many saddles there are per minimum, and the energy barrier between the
// lowest minimum and the lowest index-1 saddle. Like those papers it counts
// non-degenerate (Morse) critical points: a degenerate point's index leaves
// its null directions out ([Point.Nullity]), so an index-0 degenerate point
// need not be a minimum (it may be a plateau or a degenerate saddle), and
// the continuous families of critical points a network's loss has (a dead
// unit's input weights) would be counted as often as they were hit.
type SaddleStats struct {
	// Minima and Saddles count the non-degenerate points of index 0 and of
	// index 1…d−1 (d the tangent dimension; maxima, index d, are neither).
	Minima, Saddles int
	// Degenerate counts the degenerate points, which are in neither.
	Degenerate int
	// SaddlesPerMinimum is Saddles/Minima (NaN without minima).
	SaddlesPerMinimum float64
	// LowestMinimum and LowestIndex1 are the lowest energies of a minimum
	// and of an index-1 saddle (NaN when there is none); Gap is their
	// difference LowestIndex1 − LowestMinimum.
	LowestMinimum, LowestIndex1, Gap float64
}

// Saddles computes [SaddleStats] for the points of one realization with
// tangent dimension dim. A point whose index lies outside 0…dim (a
// hand-built one: Find's lie within) is counted nowhere; a negative index
// was counted as a saddle.
func Saddles(points []Point, dim int) SaddleStats {
	s := SaddleStats{LowestMinimum: math.Inf(1), LowestIndex1: math.Inf(1)}
	for _, p := range points {
		switch {
		case p.Degenerate:
			s.Degenerate++
		case p.Index == 0:
			s.Minima++
			s.LowestMinimum = math.Min(s.LowestMinimum, p.Energy)
		case p.Index > 0 && p.Index < dim:
			s.Saddles++
			if p.Index == 1 {
				s.LowestIndex1 = math.Min(s.LowestIndex1, p.Energy)
			}
		}
	}
	if math.IsInf(s.LowestMinimum, 1) {
		s.LowestMinimum = math.NaN()
	}
	if math.IsInf(s.LowestIndex1, 1) {
		s.LowestIndex1 = math.NaN()
	}
	s.SaddlesPerMinimum = math.NaN()
	if s.Minima > 0 {
		s.SaddlesPerMinimum = float64(s.Saddles) / float64(s.Minima)
	}
	s.Gap = s.LowestIndex1 - s.LowestMinimum
	return s
}
