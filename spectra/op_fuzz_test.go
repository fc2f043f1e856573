package spectra

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// fuzzMatrix returns a symmetric n×n matrix (1 ≤ n ≤ 8 from the fuzzed size)
// with GOE entries from seed times scale, one entry (i, j) = (k % n, (k/n) % n)
// replaced by v when set is true; n = 0 gives nil.
func fuzzMatrix(size uint8, seed uint64, scale float64, set bool, k uint8, v float64) *mat.SymDense {
	n := int(size % 9)
	if n == 0 {
		return nil
	}
	a, err := rmt.GOE(rmt.Stream(seed, "spectra/op-fuzz", 0), n)
	if err != nil {
		panic(err)
	}
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, a.At(i, j)*scale)
		}
	}
	if set {
		a.SetSym(int(k)%n, int(k)/n%n, v)
	}
	return a
}

// capCount limits a fuzzed count to at most max, keeping 0 and negative
// values (which the functions must refuse or default), so that one input
// stays fast.
func capCount(v, max int) int {
	if v > max {
		return max
	}
	return v
}

// FuzzOperators runs Lanczos, SLQ, Hutchinson, HutchPlusPlus and
// CertifiedIndex with arbitrary options on small dense matrices, entries
// possibly huge, tiny or non-finite. Each must return an error or results
// that are finite and consistent with the exact spectrum (SymEigenvalues):
// Ritz values of converged pairs within their residual (plus rounding) of an
// eigenvalue, SLQ weights summing to 1 per probe and a CDF in [0, 1],
// a finite trace estimate, and inertia counts adding up to n that agree with
// the eigenvalues away from ±tol.
func FuzzOperators(f *testing.F) {
	f.Add(uint8(5), uint64(1), 1.0, false, uint8(0), 0.0, 0, 1, 0.0, uint8(0), 4, 10, 0.0, 1e-10)
	f.Add(uint8(8), uint64(2), 1e150, false, uint8(0), 0.0, 3, 2, 1e-3, uint8(1), 2, 3, 0.5, 0.0)
	f.Add(uint8(3), uint64(3), 1e-300, true, uint8(4), math.NaN(), 1<<62, 0, -1.0, uint8(2), 1, 1<<40, -1.0, -1.0)
	f.Add(uint8(4), uint64(4), 0.0, true, uint8(1), 1.0, 1, 5, math.Inf(1), uint8(0), 1<<30, 0, math.Inf(1), math.NaN())
	f.Add(uint8(2), uint64(5), 1.0, true, uint8(3), 1e308, 2, 2, 0.0, uint8(1), 3, 4, 1e-300, 1e300)
	f.Add(uint8(0), uint64(6), 1.0, false, uint8(0), 0.0, 0, 0, 0.0, uint8(0), 0, 0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, size uint8, seed uint64, scale float64, set bool, k uint8, v float64,
		maxSteps, kk int, tol float64, which uint8, probes, steps int, sigma, itol float64) {
		a := fuzzMatrix(size, seed, scale, set, k, v)
		var op Operator
		n := 0
		if a != nil {
			op = DenseOperator{A: a}
			n = a.SymmetricDim()
		}
		// The lower triangle of the storage holds the finite GOE draws (SetSym
		// writes the upper one), so the raw data is finite iff the matrix is.
		finite := a != nil && finiteVec(a.RawSymmetric().Data)
		var exact []float64
		if finite {
			var err error
			if exact, err = SymEigenvalues(a, nil); err != nil {
				t.Fatalf("SymEigenvalues: %v", err)
			}
		}
		r := rmt.Stream(seed, "spectra/op-fuzz-probe", 0)

		// Lanczos.
		opts := LanczosOptions{MaxSteps: capCount(maxSteps, 1<<40), K: kk, Tol: tol, Which: []string{"", "smallest", "largest", "middle"}[which%4]}
		res, err := Lanczos(op, opts, r)
		if err == nil {
			if !finite {
				t.Fatalf("Lanczos accepted a matrix with a non-finite entry: %v", res.Values)
			}
			checkLanczos(t, res, opts, exact)
		} else if err.Error() == "" {
			t.Fatal("Lanczos: empty error")
		}
		// And with Verify (deflated runs after the first).
		opts.Verify = true
		if res, err := Lanczos(op, opts, r); err == nil {
			checkLanczos(t, res, opts, exact)
		}

		// SLQ, with the probes and steps capped to keep one input fast.
		sres, err := SLQ(op, SLQOptions{Probes: capCount(probes, 16), Steps: capCount(steps, 1<<40), Sigma: sigma}, r)
		if err == nil {
			if !finite {
				t.Fatal("SLQ accepted a matrix with a non-finite entry")
			}
			checkSLQ(t, sres, exact)
		}

		// KPM, with the moments and probes capped.
		kres, err := KPM(op, KPMOptions{Moments: capCount(steps, 400), Probes: capCount(probes, 16)}, r)
		if err == nil {
			if !finite {
				t.Fatal("KPM accepted a matrix with a non-finite entry")
			}
			checkKPM(t, kres, exact)
		}

		// LanczosCount at the fuzzed threshold (sigma), band (|itol|) and
		// tolerance.
		copts := CountOptions{Threshold: sigma, ZeroTol: math.Abs(itol), Tol: tol, MaxSteps: capCount(maxSteps, 1<<40)}
		cres, err := LanczosCount(op, copts, r)
		if err == nil {
			if !finite {
				t.Fatal("LanczosCount accepted a matrix with a non-finite entry")
			}
			checkCount(t, cres, copts, exact)
		}
		// And with Verify (and the vectors, merged with the copies').
		copts.Verify, copts.Vectors = true, true
		if cres, err := LanczosCount(op, copts, r); err == nil {
			checkCount(t, cres, copts, exact)
			if len(cres.Vectors) != len(cres.Values) {
				t.Fatalf("LanczosCount(%+v): %d vectors for %d values", copts, len(cres.Vectors), len(cres.Values))
			}
		}

		// Trace estimators.
		for name, est := range map[string]func() (TraceEstimate, error){
			"Hutchinson":    func() (TraceEstimate, error) { return Hutchinson(op, capCount(probes, 64), r) },
			"HutchPlusPlus": func() (TraceEstimate, error) { return HutchPlusPlus(op, capCount(probes, 64), r) },
		} {
			te, err := est()
			if err != nil {
				continue
			}
			if !finite {
				t.Fatalf("%s accepted a matrix with a non-finite entry", name)
			}
			if math.IsNaN(te.Value) || math.IsInf(te.Value, 0) || !(te.StdErr >= 0) || math.IsInf(te.StdErr, 0) {
				t.Fatalf("%s: estimate %v ± %v", name, te.Value, te.StdErr)
			}
		}

		// CertifiedIndex.
		var sym mat.Symmetric
		if a != nil {
			sym = a
		}
		ic, err := CertifiedIndex(sym, itol)
		if err != nil {
			if finite && itol >= 0 && !math.IsInf(itol, 0) {
				t.Fatalf("CertifiedIndex(tol %v): %v", itol, err)
			}
			return
		}
		if !finite || !(itol >= 0) || math.IsInf(itol, 0) {
			t.Fatalf("CertifiedIndex accepted tol %v on a matrix with finite entries %v", itol, finite)
		}
		if ic.Negative+ic.NearZero+ic.Positive != n || ic.Negative < 0 || ic.NearZero < 0 || ic.Positive < 0 {
			t.Fatalf("CertifiedIndex: %+v for n = %d", ic, n)
		}
		// Eigenvalues beyond ±tol by more than the backward error of the
		// eigensolver must be counted on their side.
		norm := math.Max(math.Abs(exact[0]), math.Abs(exact[n-1]))
		margin := 64 * float64(n) * epsilon * norm
		var neg, pos int
		for _, e := range exact {
			if e < -itol-margin {
				neg++
			}
			if e > itol+margin {
				pos++
			}
		}
		if ic.Negative < neg || ic.Positive < pos || ic.Negative > n-pos || ic.Positive > n-neg {
			t.Fatalf("CertifiedIndex(tol %v) = %+v, eigenvalues %v", itol, ic, exact)
		}
	})
}

// checkLanczos checks a Lanczos result against the exact eigenvalues.
func checkLanczos(t *testing.T, res LanczosResult, opts LanczosOptions, exact []float64) {
	t.Helper()
	n := len(exact)
	want := max(opts.K, 1)
	if len(res.Values) != want || len(res.Vectors) != want || len(res.Residuals) != want {
		t.Fatalf("Lanczos(%+v): %d values, %d vectors, %d residuals, want %d", opts, len(res.Values), len(res.Vectors), len(res.Residuals), want)
	}
	if res.Steps < 1 || res.Steps > n && !opts.Verify || res.MatVecs != res.Steps {
		t.Fatalf("Lanczos(%+v): %d steps, %d matvecs for n = %d", opts, res.Steps, res.MatVecs, n)
	}
	norm := math.Max(math.Abs(exact[0]), math.Abs(exact[n-1]))
	for i, th := range res.Values {
		if math.IsNaN(th) || math.IsInf(th, 0) || !(res.Residuals[i] >= 0) || math.IsInf(res.Residuals[i], 0) {
			t.Fatalf("Lanczos(%+v): pair %d value %v residual %v", opts, i, th, res.Residuals[i])
		}
		if th < exact[0]-res.Residuals[i]-64*epsilon*norm || th > exact[n-1]+res.Residuals[i]+64*epsilon*norm {
			t.Fatalf("Lanczos(%+v): Ritz value %v outside the spectrum [%v, %v]", opts, th, exact[0], exact[n-1])
		}
		var s float64
		for _, x := range res.Vectors[i] {
			s += x * x
		}
		if len(res.Vectors[i]) != n || math.Abs(s-1) > 1e-8 {
			t.Fatalf("Lanczos(%+v): vector %d has length %d, norm² %v", opts, i, len(res.Vectors[i]), s)
		}
		if !res.Converged {
			continue
		}
		// A converged pair is within its residual of an eigenvalue.
		d := math.Inf(1)
		for _, e := range exact {
			d = math.Min(d, math.Abs(e-th))
		}
		if d > res.Residuals[i]+64*float64(n)*epsilon*norm {
			t.Fatalf("Lanczos(%+v): converged Ritz value %v is %v from the spectrum %v (residual %v)", opts, th, d, exact, res.Residuals[i])
		}
	}
}

// checkKPM checks a KPM result: finite bounds and moments, and a CDF in
// [0, 1] that is 0 below Lower and 1 above Upper with a finite density. The
// estimated bounds need not enclose the spectrum: Lanczos can stop short of
// an extreme eigenvalue, and an excess too small to show in the moments
// only blurs the density (see KPM; the fuzzer found a 6×6 matrix whose
// λ_max lay 0.5% of the half-width beyond Upper with M = 2).
func checkKPM(t *testing.T, k *KPMResult, exact []float64) {
	t.Helper()
	n := len(exact)
	if !(k.Lower < k.Upper) || math.IsInf(k.Lower, 0) || math.IsInf(k.Upper, 0) || !finiteVec(k.Moments) {
		t.Fatalf("KPM: bounds [%v, %v] for the spectrum [%v, %v], moments %v", k.Lower, k.Upper, exact[0], exact[n-1], k.Moments)
	}
	for _, x := range []float64{k.Lower - 1, k.Lower, exact[0], (exact[0] + exact[n-1]) / 2, exact[n-1], k.Upper, k.Upper + 1} {
		c, d := k.CDF(x), k.Density(x)
		if !(c >= 0 && c <= 1) || math.IsNaN(d) || math.IsInf(d, 0) {
			t.Fatalf("KPM: CDF(%v) = %v, Density = %v (bounds [%v, %v])", x, c, d, k.Lower, k.Upper)
		}
	}
	if k.CDF(k.Lower-1) != 0 && k.Lower-1 < k.Lower || k.CDF(k.Upper+1) != 1 && k.Upper+1 > k.Upper {
		t.Fatalf("KPM: CDF %v below Lower and %v above Upper", k.CDF(k.Lower-1), k.CDF(k.Upper+1))
	}
}

// checkCount checks a LanczosCount result: counts adding up to n when
// resolved, and bounded by the exact counts (Cauchy interlacing) when not;
// when resolved at a tolerance of 1e-9 or below (see CountOptions.Tol) with
// no eigenvalue within 1e-8·‖A‖ of the band's edges, the exact counts.
func checkCount(t *testing.T, c CountResult, o CountOptions, exact []float64) {
	t.Helper()
	n := len(exact)
	if c.Below < 0 || c.Near < 0 || c.Above < 0 || c.Steps < 1 || c.MatVecs != c.Steps || len(c.Values) != len(c.Residuals) {
		t.Fatalf("LanczosCount(%+v): %+v", o, c)
	}
	if c.Resolved && c.Below+c.Near+c.Above != n {
		t.Fatalf("LanczosCount(%+v): resolved counts %d + %d + %d, want a sum of %d", o, c.Below, c.Near, c.Above, n)
	}
	norm := math.Max(math.Abs(exact[0]), math.Abs(exact[n-1]))
	lo, hi := o.Threshold-o.ZeroTol, o.Threshold+o.ZeroTol
	below, near, ambiguous := 0, 0, false
	for _, v := range exact {
		switch {
		case v < lo:
			below++
		case v <= hi:
			near++
		}
		ambiguous = ambiguous || math.Abs(v-lo) <= 1e-8*norm || math.Abs(v-hi) <= 1e-8*norm
	}
	if ambiguous || o.Tol > 1e-9 {
		return
	}
	above := n - below - near
	if !c.Resolved {
		if c.Below > below || c.Above > above || c.Below+c.Near > below+near || c.Above+c.Near > above+near {
			t.Fatalf("LanczosCount(%+v): unresolved %d below, %d near and %d above exceed %d, %d and %d", o, c.Below, c.Near, c.Above, below, near, above)
		}
		return
	}
	if c.Below != below || c.Near != near {
		t.Fatalf("LanczosCount(%+v): resolved %d below and %d near, want %d and %d (spectrum %v)", o, c.Below, c.Near, below, near, exact)
	}
}

// checkSLQ checks an SLQ result against the exact eigenvalues.
func checkSLQ(t *testing.T, s *SLQResult, exact []float64) {
	t.Helper()
	if len(s.Nodes) == 0 || len(s.Nodes) != len(s.Weights) || !(s.Sigma > 0) || math.IsInf(s.Sigma, 0) {
		t.Fatalf("SLQ: %d probes of nodes, %d of weights, sigma %v", len(s.Nodes), len(s.Weights), s.Sigma)
	}
	n := len(exact)
	norm := math.Max(math.Abs(exact[0]), math.Abs(exact[n-1]))
	for i, nodes := range s.Nodes {
		var sum float64
		for j, th := range nodes {
			w := s.Weights[i][j]
			if math.IsNaN(th) || th < exact[0]-1e-8*norm || th > exact[n-1]+1e-8*norm || !(w >= 0) || w > 1+1e-12 {
				t.Fatalf("SLQ probe %d: node %v weight %v (spectrum [%v, %v])", i, th, w, exact[0], exact[n-1])
			}
			sum += w
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("SLQ probe %d: weights sum to %v", i, sum)
		}
	}
	xs := []float64{exact[0] - 1, exact[0], (exact[0] + exact[n-1]) / 2, exact[n-1], exact[n-1] + 1}
	slices.Sort(xs)
	prev := 0.0
	for _, x := range xs {
		c, d := s.CDF(x), s.Density(x)
		if !(c >= 0 && c <= 1) || c < prev-1e-12 || !(d >= 0) || math.IsInf(d, 0) {
			t.Fatalf("SLQ: CDF(%v) = %v (previous %v), Density = %v", x, c, prev, d)
		}
		prev = c
	}
}
