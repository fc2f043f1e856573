package critical

// Chao1 returns the Chao1 capture–recapture estimate of the number of
// distinct classes from the number of times each observed class was seen
// (hits[i] ≥ 1; entries ≤ 0 are ignored): with n the number of observed
// classes and f1, f2 the numbers seen exactly once and twice,
// n + f1²/(2f2) when f2 > 0 (Chao, Scand. J. Statist. 11 (1984) 265, eq. (2)),
// and the bias-corrected n + f1(f1−1)/2 when f2 = 0 (Chao, "Species
// estimation and applications", Encyclopedia of Statistical Sciences, 2nd ed.,
// 2005, the form n + f1(f1−1)/(2(f2+1))). It is a lower bound for the
// expected number of classes under heterogeneous capture probabilities. For
// critical points: a class is a critical point, a capture a start that
// converged to it; when every point was found at least twice (f1 = 0) the
// estimate is n, evidence that the enumeration is complete.
func Chao1(hits []int) float64 {
	var n, f1, f2 float64
	for _, h := range hits {
		if h <= 0 {
			continue
		}
		n++
		switch h {
		case 1:
			f1++
		case 2:
			f2++
		}
	}
	if f2 > 0 {
		return n + f1*f1/(2*f2)
	}
	return n + f1*(f1-1)/2
}
