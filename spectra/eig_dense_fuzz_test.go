package spectra

import (
	"errors"
	"math"
	"math/cmplx"
	"slices"
	"testing"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/lapackfix"
	"github.com/rmtsim/rmtsim/rmt"
)

// The fuzz targets of this file feed small matrices (n ≤ 12) with entries of
// every magnitude — exact zeros, small integers (ties, exact arithmetic),
// subnormals, numbers near ±MaxFloat64, arbitrary bit patterns (NaN and ±Inf
// included) and mixtures of these — to the dense eigensolvers (the blocked
// Householder reduction behind SymEigenvalues, HermitianEigenvalues,
// QuaternionEigenvalues and CertifiedIndex) and to TridiagonalTopWeight, and
// check them against gonum's LAPACK (Dsyev through mat.EigenSym, Dsteqr) and
// against exact identities.
//
// Tolerances. Both the reduction and Dsyev are backward stable: the computed
// eigenvalues are those of A + E with ‖E‖₂ ≤ c·n·ε·‖A‖₂ for a small c
// (Golub & Van Loan, Matrix Computations, 4th ed., §8.3.1 and §8.4), and by
// Weyl's inequality each eigenvalue moves by at most ‖E‖₂. The checks use
// fuzzDenseC·n·ε·‖A‖_F per eigenvalue and method (‖A‖₂ ≤ ‖A‖_F ≤ n·max|a_ij|),
// with fuzzDenseC = 8, twice that for a difference of two methods, plus two
// subnormal ulps for results that underflow. All comparisons are made on the
// matrix scaled exactly by the power of two s that brings max|a_ij| into
// [1/2, 1) (pow2Scale), so that no check overflows.

// fuzzDenseC is the constant C of the per-eigenvalue bound C·n·ε·‖A‖_F.
const fuzzDenseC = 8

// fuzzEps is the machine epsilon 2⁻⁵² (twice the unit roundoff eigEps).
const fuzzEps = 0x1p-52

// fuzzReader decodes the fuzzer's bytes into matrix entries. Each entry takes
// a code byte and, for some codes, one to eight more bytes; missing bytes
// read as zero.
type fuzzReader struct {
	b []byte
	i int
	e int // the base exponent of the small-integer entries
}

func (r *fuzzReader) byte() byte {
	if r.i >= len(r.b) {
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

// float returns the next entry: 0; ±(1+f)·2¹⁰²³ (near MaxFloat64); a
// subnormal ±k·2⁻¹⁰⁷⁴; eight raw bytes (any float64 bit pattern); ±(1+f)·2^e
// for e in [−1074, 1023]; or (most often) a small integer −8…8 times 2^r.e.
func (r *fuzzReader) float() float64 {
	c := r.byte()
	sign := 1.0
	if c&0x80 != 0 {
		sign = -1
	}
	switch c & 0x7 {
	case 0:
		return 0
	case 1:
		return sign * math.Ldexp(1+float64(r.byte())/256, 1023)
	case 2:
		return sign * math.Ldexp(float64(1+int(r.byte())), -1074)
	case 3:
		var u uint64
		for k := 0; k < 8; k++ {
			u = u<<8 | uint64(r.byte())
		}
		return math.Float64frombits(u)
	case 4:
		e := (int(r.byte())<<8 | int(r.byte())) % 2098
		return sign * math.Ldexp(1+float64(r.byte())/256, e-1074)
	default:
		return math.Ldexp(float64(int(c>>3)%17-8), r.e)
	}
}

// fuzzSym decodes an n×n symmetric matrix, n = 1…12, from data. The first
// byte gives n, the second the base exponent of the integer entries (in
// [−1074, 1023]), then the upper triangle row by row.
func fuzzSym(data []byte) *mat.SymDense {
	r := &fuzzReader{b: data}
	n := 1 + int(r.byte())%12
	r.e = int(r.byte())*8 - 1074
	return fuzzSymEntries(r, n)
}

// fuzzSymEntries reads the upper triangle of an n×n symmetric matrix, row by
// row, from r.
func fuzzSymEntries(r *fuzzReader, n int) *mat.SymDense {
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			a.SetSym(i, j, r.float())
		}
	}
	return a
}

// fuzzSymLarge decodes a symmetric matrix of order n = 1…maxN as fuzzSym
// does, but reads the entry codes after the two header bytes cyclically (the
// input repeated), so that a short input gives a large structured matrix —
// repeated entries, low rank, long runs of zeros — as the divide-and-conquer
// merges (deflation of small components and close poles, above the leaf
// size 25) and the blocked back-transformation (panels of 64) of SymEigen
// need to be exercised.
func fuzzSymLarge(data []byte, maxN int) *mat.SymDense {
	n := 1
	if len(data) > 0 {
		n = 1 + int(data[0])%maxN
	}
	b := data
	if len(data) > 2 {
		b = append([]byte(nil), data...)
		for size := 9*n*(n+1)/2 + 2; len(b) < size; {
			b = append(b, data[2:]...)
		}
	}
	r := &fuzzReader{b: b}
	r.byte()
	r.e = int(r.byte())*8 - 1074
	return fuzzSymEntries(r, n)
}

// fuzzTridiagonal decodes a symmetric tridiagonal matrix of order n =
// 1…maxN from data: the first byte gives n, the second the base exponent of
// the integer entries, then the entries d_0, o_0, d_1, o_1, … (fuzzReader).
func fuzzTridiagonal(data []byte, maxN int) rmt.SymTridiagonal {
	r := &fuzzReader{b: data}
	n := 1 + int(r.byte())%maxN
	r.e = int(r.byte())*8 - 1074
	tr := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
	for i := range tr.Diag {
		tr.Diag[i] = r.float()
		if i < n-1 {
			tr.Off[i] = r.float()
		}
	}
	return tr
}

// symFinite reports whether every entry of a is finite, and returns
// max|a_ij|.
func symFinite(a mat.Symmetric) (bool, float64) {
	n := a.SymmetricDim()
	var amax float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false, 0
			}
			amax = max(amax, math.Abs(v))
		}
	}
	return true, amax
}

// checkAscendingFinite fails unless got has n finite values in ascending
// order.
func checkAscendingFinite(t *testing.T, name string, got []float64, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%s: %d eigenvalues, want %d", name, len(got), n)
	}
	for i, v := range got {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%s: λ[%d] = %v, want finite", name, i, v)
		}
		if i > 0 && v < got[i-1] {
			t.Fatalf("%s: not ascending at %d: %g < %g", name, i, v, got[i-1])
		}
	}
}

// gonumEigenSym returns the eigenvalues of a by gonum's Dsyev, once without
// eigenvectors (Dsterf) and once with them (Dsteqr), dropping a result that
// fails, panics (gonum v0.17.0's Dsterf panics when it rescales a block, see
// dsterf), or fails a sanity check: finite, every |λ| ≤ ‖A‖_F(1 + 16ε), and
// Σλ = tr A within 16n²ε‖A‖_F. Two references and the check are needed
// because gonum is occasionally wrong on matrices with entries spread over
// hundreds of orders of magnitude: the fuzzer found Dsyev's Dsterf path
// splitting a double eigenvalue 0.59375 of a 10×10 matrix into 0.59375 and
// 0.59370 (the Dsteqr path and SymEigenvalues agree on 0.59375), and its
// Dsteqr path returning 3.5e121 for a 5×5 matrix of norm 1 (see
// dsteqrAll for the tridiagonal case), and both gave ±4.7e-10 for
// eigenvalues ±2.4e-66 of a 10×10 matrix of norm 0.6. The cyclic Jacobi
// method (jacobiEigenvalues) is the third, independent reference.
// a must be scaled to max|a_ij| < 1 (the check forms ‖A‖_F).
func gonumEigenSym(a mat.Symmetric) [][]float64 {
	n := a.SymmetricDim()
	fro := scaledFro(a, 1)
	var tr float64
	for i := 0; i < n; i++ {
		tr += a.At(i, i)
	}
	sane := func(w []float64) bool {
		var sum float64
		for _, v := range w {
			if !(math.Abs(v) <= fro*(1+16*fuzzEps)) {
				return false
			}
			sum += v
		}
		return math.Abs(sum-tr) <= 16*float64(n*n)*fuzzEps*fro
	}
	refs := [][]float64{jacobiEigenvalues(a)}
	for _, vectors := range []bool{false, true} {
		var es mat.EigenSym
		var ok bool
		if lapackfix.Catch(func() { ok = es.Factorize(a, vectors) }) || !ok {
			continue
		}
		if w := es.Values(nil); sane(w) {
			refs = append(refs, w)
		}
	}
	return refs
}

// jacobiEigenvalues returns the eigenvalues of a (scaled to max|a_ij| < 1),
// ascending, by the cyclic Jacobi method (Golub & Van Loan, Matrix
// Computations, 4th ed., Algorithm 8.5.3, with the rotation of §8.5.2):
// sweeps of plane rotations that annihilate each off-diagonal entry in turn,
// until every |a_pq| ≤ 2⁻⁵⁶·√(|a_pp|·|a_qq|) or is below 2⁻¹⁰⁰⁰. It is
// backward stable (error a small multiple of ε‖A‖ per eigenvalue) and
// shares no code with Dsyev or the Householder reduction.
func jacobiEigenvalues(a mat.Symmetric) []float64 {
	n := a.SymmetricDim()
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			m.Set(i, j, a.At(i, j))
		}
	}
	for sweep := 0; sweep < 60; sweep++ {
		done := true
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				apq, app, aqq := m.At(p, q), m.At(p, p), m.At(q, q)
				if math.Abs(apq) <= 0x1p-1000 || math.Abs(apq) <= 0x1p-56*math.Sqrt(math.Abs(app))*math.Sqrt(math.Abs(aqq)) {
					m.Set(p, q, 0)
					m.Set(q, p, 0)
					continue
				}
				done = false
				// t = tan φ, the smaller root of t² + 2θt − 1 = 0.
				theta := (aqq - app) / (2 * apq)
				var t float64
				if math.Abs(theta) > 0x1p500 {
					t = 0.5 / theta
				} else {
					t = math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				}
				c := 1 / math.Sqrt(t*t+1)
				sn := t * c
				for k := 0; k < n; k++ {
					akp, akq := m.At(k, p), m.At(k, q)
					m.Set(k, p, c*akp-sn*akq)
					m.Set(k, q, sn*akp+c*akq)
				}
				for k := 0; k < n; k++ {
					apk, aqk := m.At(p, k), m.At(q, k)
					m.Set(p, k, c*apk-sn*aqk)
					m.Set(q, k, sn*apk+c*aqk)
				}
				m.Set(p, q, 0)
				m.Set(q, p, 0)
			}
		}
		if done {
			break
		}
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = m.At(i, i)
	}
	slices.Sort(w)
	return w
}

// closest returns the reference in refs with the smallest largest difference
// from got (in units of scale), and that difference; nil and +Inf if refs is
// empty.
func closest(got []float64, scale float64, refs [][]float64) ([]float64, float64) {
	var best []float64
	bestD := math.Inf(1)
	for _, w := range refs {
		var d float64
		for i := range got {
			d = max(d, math.Abs(got[i]*scale-w[i]))
		}
		if d < bestD {
			best, bestD = w, d
		}
	}
	return best, bestD
}

// overflowPossible reports whether an eigenvalue of the matrix s·A, given by
// the references (in the scaled units) or by ‖s·A‖_F ≥ |λ|·s when there are
// none, can exceed MaxFloat64 in magnitude, within the error bound delta.
func overflowPossible(refs [][]float64, fro, s, delta float64) bool {
	if len(refs) == 0 {
		return fro+2*delta >= math.MaxFloat64*s
	}
	for _, w := range refs {
		if max(-w[0], w[len(w)-1])+2*delta >= math.MaxFloat64*s {
			return true
		}
	}
	return false
}

// scaledSym returns s·a.
func scaledSym(a mat.Symmetric, s float64) *mat.SymDense {
	n := a.SymmetricDim()
	b := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			b.SetSym(i, j, a.At(i, j)*s)
		}
	}
	return b
}

// scaledFro returns ‖s·A‖_F for the power of two s (exact scaling; the sum
// cannot overflow when s·max|a_ij| < 1).
func scaledFro(a mat.Symmetric, s float64) float64 {
	n := a.SymmetricDim()
	var ss float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j) * s
			ss += v * v
		}
	}
	return math.Sqrt(ss)
}

// fuzzSymSeeds adds seed inputs: each row is n, the base exponent byte, and
// entry codes (code 8(8 + k) + 5 is the integer k times 2^e, e = 8·byte −
// 1074 from the base byte: −2 for 134; until this was fixed the seeds said
// 8(8 + k), which decodes to 0).
func fuzzSymSeeds(f *testing.F, extra ...[]byte) {
	near := func(sign byte) []byte { return []byte{1 | sign, 200} }
	sub := []byte{2, 7}
	big := func(e int) []byte { e += 1074; return []byte{4, byte(e >> 8), byte(e), 77} }
	seeds := [][]byte{
		{0, 134, 8*11 + 5},                  // 1×1, the integer 3
		{1, 134, 8*9 + 5, 8*7 + 5, 8*9 + 5}, // [[1, −1], [−1, 1]]
		{2, 134},                            // 3×3 zero matrix
		{3, 0, 8*9 + 5, 8*10 + 5, 8*11 + 5, 8*12 + 5, 8*13 + 5, 8*14 + 5, 8*15 + 5, 8*16 + 5, 8*9 + 5, 8*10 + 5}, // subnormal integers
		{11, 134, 8*10 + 5, 8*9 + 5, 8*9 + 5},  // 12×12 mostly zeros
		{11, 255, 8*16 + 5, 8*1 + 5, 8*15 + 5}, // integers ×2^966
	}
	m := []byte{2, 134}
	m = append(m, near(0)...)
	m = append(m, sub...)
	m = append(m, near(0x80)...)
	m = append(m, big(-300)...)
	m = append(m, 0)
	m = append(m, big(300)...)
	seeds = append(seeds, m)
	m = []byte{5, 134}
	for k := 0; k < 21; k++ {
		m = append(m, near(byte(k%2)<<7)...)
	}
	seeds = append(seeds, m)
	m = []byte{4, 134}
	for k := 0; k < 15; k++ {
		m = append(m, big(-1000+130*k)...)
	}
	seeds = append(seeds, m)
	m = []byte{3, 134, 3, 0x7f, 0xf8, 0, 0, 0, 0, 0, 1} // a NaN entry
	seeds = append(seeds, m)
	m = []byte{2, 134, 8*9 + 5, 3, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0} // +Inf entry
	seeds = append(seeds, m)
	for _, s := range append(seeds, extra...) {
		f.Add(s, uint16(1000), uint8(0), uint8(0))
		f.Add(s, uint16(3), uint8(1), uint8(40))
		f.Add(s, uint16(33), uint8(2), uint8(1))
	}
}

// FuzzSymEigenvalues checks SymEigenvalues on a fuzzed symmetric matrix: an
// error exactly when an entry is not finite; otherwise n finite ascending
// eigenvalues that agree with Dsyev within 2C·n·ε·‖A‖_F; Σλ = tr A within
// n·C·n·ε·‖A‖_F plus the sum's rounding; Σλ² = ‖A‖²_F within
// 2√n·‖A‖_F·δ + n·δ² (δ the per-eigenvalue bound) plus rounding; and, for
// the scaling by 2^k (k = kk − 1100) when every entry of 2^k·A is exact and
// max|a_ij| stays normal, eigenvalues exactly 2^k times the unscaled ones
// (where both are normal numbers). CertifiedIndex is checked on the same
// matrix (see checkCertifiedIndex).
func FuzzSymEigenvalues(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, kk uint16, tolCode, tolArg uint8) {
		a := fuzzSym(data)
		n := a.SymmetricDim()
		got, err := SymEigenvalues(a, nil)
		finite, amax := symFinite(a)
		if !finite {
			if err == nil {
				t.Fatalf("non-finite entry: no error")
			}
			if _, err := CertifiedIndex(a, 0); err == nil {
				t.Fatalf("CertifiedIndex: non-finite entry: no error")
			}
			return
		}
		// Scaled units: every quantity times s (exact).
		s := 1.0
		if amax > 0 {
			s = pow2Scale(amax)
		}
		fro := scaledFro(a, s)
		floor := 2 * math.Ldexp(s, -1074)
		delta := fuzzDenseC*float64(n)*fuzzEps*fro + floor
		refs := gonumEigenSym(scaledSym(a, s))
		if err != nil {
			// Only an eigenvalue beyond ±MaxFloat64 may fail.
			if !overflowPossible(refs, fro, s, delta) {
				t.Fatalf("n = %d, finite entries: %v (Dsyev: %v ×2^%d)", n, err, refs, -math.Ilogb(s))
			}
			return
		}
		checkAscendingFinite(t, "SymEigenvalues", got, n)
		if amax == 0 {
			for i, v := range got {
				if v != 0 {
					t.Fatalf("zero matrix: λ[%d] = %g", i, v)
				}
			}
		}
		ls := make([]float64, n)
		for i, v := range got {
			ls[i] = v * s
		}
		if want, d := closest(got, s, refs); want != nil && !(d <= 2*delta) {
			t.Fatalf("n = %d: λ = %v, Dsyev %v (×2^%d): max|Δ|·s = %g > 2C·nε‖A‖_F = %g", n, got, want, -math.Ilogb(s), d, 2*delta)
		}
		var sum, abssum, tr, sq float64
		for i, v := range ls {
			sum += v
			abssum += math.Abs(v)
			sq += v * v
			tr += a.At(i, i) * s
		}
		if d, tol := math.Abs(sum-tr), float64(n)*delta+2*float64(n)*fuzzEps*(abssum+fro); !(d <= tol) {
			t.Fatalf("n = %d: |Σλ − tr A|·s = %g > %g", n, d, tol)
		}
		rn := math.Sqrt(float64(n))
		if d, tol := math.Abs(sq-fro*fro), 2*rn*fro*delta+float64(n)*delta*delta+4*float64(n)*fuzzEps*fro*fro; !(d <= tol) {
			t.Fatalf("n = %d: |Σλ² − ‖A‖²_F|·s² = %g > %g", n, d, tol)
		}

		checkPow2Invariance(t, a, got, amax, int(kk%2201)-1100)
		checkCertifiedIndex(t, a, ls, s, delta, tolCode, tolArg)
	})
}

// checkPow2Invariance checks SymEigenvalues(2^k·A) = 2^k·SymEigenvalues(A)
// bit for bit when 2^k·A is exact and max|a_ij|, 2^k·max|a_ij| are normal
// (then both calls reduce the same scaled matrix).
func checkPow2Invariance(t *testing.T, a *mat.SymDense, got []float64, amax float64, k int) {
	t.Helper()
	if amax < 0x1p-1022 || math.Ldexp(amax, k) < 0x1p-1022 || math.IsInf(math.Ldexp(amax, k), 0) {
		return
	}
	n := a.SymmetricDim()
	b := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := math.Ldexp(a.At(i, j), k)
			if math.Ldexp(v, -k) != a.At(i, j) {
				return // 2^k·a_ij rounded
			}
			b.SetSym(i, j, v)
		}
	}
	got2, err := SymEigenvalues(b, nil)
	// 2^k·λ may overflow although 2^k·A does not (the eigenvalues are the
	// same scaled numbers in both calls, so exactly when 2^k·λ does).
	top := max(-got[0], got[n-1])
	if errors.Is(err, errEigenOverflow) && math.IsInf(math.Ldexp(top, k), 0) {
		return
	}
	if err != nil {
		t.Fatalf("2^%d·A: %v", k, err)
	}
	normalOrZero := func(v float64) bool { return v == 0 || math.Abs(v) >= 0x1p-1022 && math.Abs(v) <= math.MaxFloat64 }
	for i := range got {
		if normalOrZero(got[i]) && normalOrZero(got2[i]) && got2[i] != math.Ldexp(got[i], k) {
			t.Fatalf("2^%d·A: λ[%d] = %.17g, want 2^k·%.17g = %.17g", k, i, got2[i], got[i], math.Ldexp(got[i], k))
		}
	}
}

// checkCertifiedIndex checks CertifiedIndex(a, tol) against the eigenvalues
// ls = s·λ of SymEigenvalues (s the power-of-two scale, delta the
// per-eigenvalue error bound in scaled units): every eigenvalue farther than
// margin = 2·delta (the errors of both computations) from ±tol must be
// counted on its side. The tolerance is 0 (tolCode 0), max|a_ij|·2^−(tolArg mod
// 64) (1), exactly |λ_j| for j = tolArg mod n, the worst case (2), or a fuzzed
// value of any sign (3: NaN, negative and infinite ones must give an error).
func checkCertifiedIndex(t *testing.T, a *mat.SymDense, ls []float64, s, delta float64, tolCode, tolArg uint8) {
	t.Helper()
	n := len(ls)
	var tol float64
	switch tolCode % 4 {
	case 1:
		tol = math.Ldexp(1/s, -int(tolArg%64))
	case 2:
		tol = math.Abs(ls[int(tolArg)%n] / s)
	case 3:
		r := &fuzzReader{b: []byte{tolArg, tolArg, tolArg, tolArg, tolArg, tolArg, tolArg, tolArg, tolArg}}
		tol = r.float()
	}
	c, err := CertifiedIndex(a, tol)
	if !(tol >= 0) || math.IsInf(tol, 0) {
		if err == nil {
			t.Fatalf("CertifiedIndex tol = %v: no error", tol)
		}
		return
	}
	if err != nil {
		t.Fatalf("CertifiedIndex tol = %v: %v", tol, err)
	}
	if c.Negative < 0 || c.NearZero < 0 || c.Positive < 0 || c.Negative+c.NearZero+c.Positive != n || c.Tol != tol {
		t.Fatalf("CertifiedIndex tol = %v: %+v, want counts ≥ 0 summing to %d", tol, c, n)
	}
	ts := tol * s // may be +Inf: every eigenvalue is then within tol
	margin := 2 * delta
	var negLo, negHi, posLo, posHi int
	for _, v := range ls {
		if v < -ts-margin {
			negLo++
		}
		if v < -ts+margin {
			negHi++
		}
		if v > ts+margin {
			posLo++
		}
		if v > ts-margin {
			posHi++
		}
	}
	if c.Negative < negLo || c.Negative > negHi || c.Positive < posLo || c.Positive > posHi {
		t.Fatalf("CertifiedIndex tol = %v: %+v; the eigenvalues %v (×%g) give Negative in [%d, %d], Positive in [%d, %d] (margin %g)",
			tol, c, ls, 1/s, negLo, negHi, posLo, posHi, margin)
	}
}

// fuzzHermitian decodes an n×n Hermitian matrix, n = 1…6 (real embedding of
// order ≤ 12): real diagonal, complex upper triangle, conjugate lower one.
func fuzzHermitian(r *fuzzReader, n int) *mat.CDense {
	h := mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		h.Set(i, i, complex(r.float(), 0))
		for j := i + 1; j < n; j++ {
			v := complex(r.float(), r.float())
			h.Set(i, j, v)
			h.Set(j, i, cmplx.Conj(v))
		}
	}
	return h
}

// realEmbedding returns the real symmetric 2n×2n matrix [[Re H, −Im H],
// [Im H, Re H]] of the Hermitian h, and whether every entry of h is finite.
func realEmbedding(h *mat.CDense) (*mat.SymDense, bool) {
	n, _ := h.Dims()
	m := mat.NewSymDense(2*n, nil)
	ok := true
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := h.At(i, j)
			if cmplx.IsNaN(v) || cmplx.IsInf(v) {
				ok = false
			}
			m.SetSym(i, j, real(v))
			m.SetSym(n+i, n+j, real(v))
			m.SetSym(i, n+j, -imag(v))
			m.SetSym(j, n+i, imag(v))
		}
	}
	return m, ok
}

// checkEmbedded compares eigenvalues got (each standing for k copies in the
// real embedding m) with Dsyev's eigenvalues of m: got[i] against the mean of
// copies i·k … i·k+k−1, within 2C·(order of m)·ε·‖m‖_F. An error err is
// accepted only when an eigenvalue exceeds MaxFloat64 in magnitude.
func checkEmbedded(t *testing.T, name string, got []float64, err error, m *mat.SymDense, k int) {
	t.Helper()
	ok, amax := symFinite(m)
	if !ok {
		t.Fatalf("%s: the embedding has a non-finite entry", name)
	}
	if amax == 0 {
		return
	}
	s := pow2Scale(amax)
	refs := gonumEigenSym(scaledSym(m, s))
	order := m.SymmetricDim()
	fro := scaledFro(m, s)
	delta := fuzzDenseC*float64(order)*fuzzEps*fro + 2*math.Ldexp(s, -1074)
	if err != nil {
		// Only an eigenvalue beyond ±MaxFloat64 may fail.
		if !overflowPossible(refs, fro, s, delta) {
			t.Fatalf("%s: finite entries: %v (Dsyev on the embedding: %v ×2^%d)", name, err, refs, -math.Ilogb(s))
		}
		return
	}
	checkAscendingFinite(t, name, got, order/k)
	// Each reference's groups of k copies, averaged.
	for r, w := range refs {
		mean := make([]float64, len(got))
		for i := range mean {
			for c := 0; c < k; c++ {
				mean[i] += w[i*k+c] / float64(k)
			}
		}
		refs[r] = mean
	}
	if want, d := closest(got, s, refs); want != nil && !(d <= 2*delta) {
		t.Fatalf("%s: λ = %v, Dsyev on the embedding %v (×2^%d): max|Δ|·s = %g > %g", name, got, want, -math.Ilogb(s), d, 2*delta)
	}
}

// FuzzHermitianEigenvalues checks HermitianEigenvalues on a fuzzed exactly
// Hermitian n×n matrix (n ≤ 6) and QuaternionEigenvalues on a fuzzed exactly
// self-dual 2n×2n one, [[P, Q], [−Q̄, P̄]] with P Hermitian and Q
// antisymmetric (n ≤ 3): an error exactly when an entry is not finite,
// otherwise finite ascending eigenvalues that agree with Dsyev on the real
// embedding (each eigenvalue twice, resp. four times) within 2C·(2n)·ε·‖M‖_F
// (resp. 4n). For kk mod 4 = 1 one entry below the diagonal is replaced by
// its mirror instead of its conjugate, and the non-Hermitian matrix must be
// rejected when |Im a_ij| > 1e-8·max|a_ij|.
func FuzzHermitianEigenvalues(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, kk uint16, _, _ uint8) {
		r := &fuzzReader{b: data}
		c := r.byte()
		r.e = int(r.byte())*8 - 1074
		n := 1 + int(c)%6
		h := fuzzHermitian(r, n)
		m, finite := realEmbedding(h)
		if i, j := int(kk>>2)%n, int(kk>>5)%n; kk%4 == 1 && i < j && finite {
			// Break the symmetry: a_ji = a_ij instead of its conjugate. The
			// matrix is then Hermitian only if Im a_ij is within 5e-9 of
			// max|a_ij| + 2⁻¹⁰²² (half the tolerance
			// 1e-8·(max|a_ij| + 2⁻¹⁰²²) on |a_ij − conj(a_ji)|, see
			// hermitianBound); far from that it must be rejected.
			v := h.At(i, j)
			h.Set(j, i, v)
			var amax float64
			for p := 0; p < n; p++ {
				for q := 0; q < n; q++ {
					amax = max(amax, math.Hypot(0.25*real(h.At(p, q)), 0.25*imag(h.At(p, q))))
				}
			}
			if 0.25*math.Abs(imag(v)) > 1e-8*(amax+0.25*eigSafmin) {
				if _, err := HermitianEigenvalues(h, nil); err == nil {
					t.Fatalf("non-Hermitian (Im a[%d][%d] = %g, max|a| = 4·%g): no error", i, j, imag(v), amax)
				}
			}
			return
		}
		got, err := HermitianEigenvalues(h, nil)
		if !finite {
			if err == nil {
				t.Fatal("HermitianEigenvalues: non-finite entry, no error")
			}
		} else {
			checkEmbedded(t, "HermitianEigenvalues", got, err, m, 2)
		}

		// Quaternion self-dual [[P, Q], [−Q̄, P̄]].
		nq := 1 + int(c>>4)%3
		p := fuzzHermitian(r, nq)
		a := mat.NewCDense(2*nq, 2*nq, nil)
		for i := 0; i < nq; i++ {
			for j := 0; j < nq; j++ {
				a.Set(i, j, p.At(i, j))
				a.Set(nq+i, nq+j, cmplx.Conj(p.At(i, j)))
			}
			for j := i + 1; j < nq; j++ {
				q := complex(r.float(), r.float())
				a.Set(i, nq+j, q)
				a.Set(j, nq+i, -q)
				a.Set(nq+i, j, -cmplx.Conj(q))
				a.Set(nq+j, i, cmplx.Conj(q))
			}
		}
		mq, finite := realEmbedding(a)
		gq, err := QuaternionEigenvalues(a, nil)
		if !finite {
			if err == nil {
				t.Fatal("QuaternionEigenvalues: non-finite entry, no error")
			}
			return
		}
		checkEmbedded(t, "QuaternionEigenvalues", gq, err, mq, 4)
	})
}

// dsteqrAll returns all eigenvalues (ascending) of the tridiagonal tr and
// the squared first component of the top eigenvector by gonum's Dsteqr, or
// ok = false when it does not converge or its eigenvalues fail a sanity
// check: all within the Gershgorin bound normOf(tr) and summing to the trace
// within n·16nε·normOf(tr). (The fuzzer found gonum v0.17.0's Dsteqr
// returning 2.07e121 as the largest eigenvalue of a tridiagonal of norm 1
// whose off-diagonal is (−7.9e-177, 0, 0.5, 0, 0, 0, 0), diagonal zero.)
func dsteqrAll(tr rmt.SymTridiagonal) (lam []float64, w float64, ok bool) {
	n := len(tr.Diag)
	d := slices.Clone(tr.Diag)
	e := append(slices.Clone(tr.Off), 0)
	z := make([]float64, n*n)
	work := make([]float64, max(1, 2*n-2))
	if !(gonum.Implementation{}).Dsteqr(lapack.EVTridiag, n, d, e[:n-1], z, n, work) {
		return nil, 0, false
	}
	norm := normOf(tr)
	var sum, tr0 float64
	for i, v := range d {
		if !(math.Abs(v) <= norm*(1+16*fuzzEps)) {
			return nil, 0, false
		}
		sum += v
		tr0 += tr.Diag[i]
	}
	if !(math.Abs(sum-tr0) <= 16*float64(n*n)*fuzzEps*norm) {
		return nil, 0, false
	}
	// Dsteqr can be far off on tiny blocks: on diag(−1, 4.8e-322, …) with a
	// 2×2 block [[0, 3e-64], [3e-64, 0]] it returned ±1.86e-6 (TestDsteqrAllGate;
	// found by FuzzTridiagonalTopWeight, whose reference it is). Its values
	// must agree with the dqds ones to the same rounding level, or the
	// reference is not used.
	ev, err := TridiagonalEigenvalues(tr, nil)
	if err != nil {
		return nil, 0, false
	}
	for i, v := range d {
		if !(math.Abs(v-ev[i]) <= 16*float64(n)*fuzzEps*norm) {
			return nil, 0, false
		}
	}
	return d, z[n-1] * z[n-1], true
}

// TestDsteqrAllGate: the fuzz reference dsteqrAll refuses Dsteqr's result on
// a matrix where it is wrong (λ_max 1.86e-6 for a 2×2 block of
// off-diagonal 3e-64; FuzzTridiagonalTopWeight failed on it falsely) and
// accepts it on an ordinary one.
func TestDsteqrAllGate(t *testing.T) {
	x := 4.8e-322
	bad := rmt.SymTridiagonal{Diag: []float64{-1, x, x, 0, 0}, Off: []float64{0, x, 0, 3e-64}}
	if ref, _, ok := dsteqrAll(bad); ok {
		t.Errorf("dsteqrAll accepted %v (true λ_max 3e-64)", ref)
	}
	good := rmt.SymTridiagonal{Diag: []float64{1, 2, 3}, Off: []float64{0.5, 0.25}}
	if _, _, ok := dsteqrAll(good); !ok {
		t.Error("dsteqrAll refused an ordinary tridiagonal")
	}
}

// FuzzTridiagonalTopWeight checks TridiagonalTopWeight on a fuzzed
// tridiagonal (n ≤ 12; zeros in Off, ties and extreme magnitudes come from
// the decoder): an error when an entry is not finite; otherwise either
// errNotSimple or a finite λ and a weight in [0, 1]. λ equals TridiagonalMax
// exactly when t does not split, and within the block-tie tolerance of the
// code (16ε·max|d| + 32ε·max|o|) when it does. Against Dsteqr on t scaled by
// the power of two s: λ within C·n·ε·‖T‖ (‖T‖ ≤ max|d| + 2 max|o|), and the
// weight within 4C·n·ε·‖T‖/gap, gap the distance from λ to the next
// eigenvalue (first-order eigenvector perturbation: |Δu| ≤ ‖E‖/gap, and
// |Δu₀²| ≤ 2|Δu₀|, for both methods). errNotSimple is accepted only where u
// is not determined to that accuracy: when the bound is ≥ 1/4 or Dsteqr's
// weight is within it of 0 (λ then lies within rounding of an eigenvalue of
// t[1:, 1:], by the eigenvector–eigenvalue identity).
func FuzzTridiagonalTopWeight(f *testing.F) {
	fuzzSymSeeds(f, []byte{3, 134, 8*9 + 5, 8*9 + 5, 8*9 + 5, 8*9 + 5, 8*9 + 5, 0, 8*10 + 5}, []byte{2, 134, 8*16 + 5, 2, 1, 8*16 + 5, 1, 4})
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		tr := fuzzTridiagonal(data, 12)
		n := len(tr.Diag)
		lam, w, err := TridiagonalTopWeight(tr)
		if checkTridiagonal(tr) != nil {
			if err == nil {
				t.Fatal("non-finite entry: no error")
			}
			return
		}
		if err != nil && !errors.Is(err, errNotSimple) && !errors.Is(err, errEigenOverflow) {
			t.Fatalf("n = %d: %v", n, err)
		}
		var dmax, omax float64
		for _, v := range tr.Diag {
			dmax = max(dmax, math.Abs(v))
		}
		split := false
		for _, v := range tr.Off {
			omax = max(omax, math.Abs(v))
			split = split || v == 0
		}
		if err == nil {
			if math.IsNaN(lam) || math.IsInf(lam, 0) || !(w >= 0 && w <= 1) {
				t.Fatalf("n = %d: (λ, u₀²) = (%v, %v), want finite λ and a weight in [0, 1]", n, lam, w)
			}
			top, err := TridiagonalMax(tr)
			if err != nil {
				t.Fatal(err)
			}
			tieTol := 16*fuzzEps*dmax + 32*fuzzEps*omax
			if (!split && lam != top) || (split && !(math.Abs(lam-top) <= tieTol)) {
				t.Fatalf("n = %d: λ = %.17g, TridiagonalMax %.17g", n, lam, top)
			}
		}
		amax := max(dmax, omax)
		if amax == 0 {
			// n = 1: the weight is 1; n > 1: every eigenvalue ties.
			if n == 1 && (err != nil || lam != 0 || w != 1) {
				t.Fatalf("zero 1×1 matrix: (λ, u₀², err) = (%v, %v, %v), want (0, 1, nil)", lam, w, err)
			}
			return
		}
		s := pow2Scale(amax)
		ref, wref, ok := dsteqrAll(scaled(tr, s))
		if !ok {
			return
		}
		norm := normOf(scaled(tr, s))
		delta := fuzzDenseC*float64(n)*fuzzEps*norm + 2*math.Ldexp(s, -1074)
		wtol := 1.0
		if n > 1 {
			if gap := ref[n-1] - ref[n-2]; gap > 0 {
				wtol = 4 * delta / gap
			}
		}
		if errors.Is(err, errEigenOverflow) {
			if ref[n-1]+delta < math.MaxFloat64*s {
				t.Fatalf("n = %d: %v, but Dsteqr's λ_max = %g ×2^%d", n, err, ref[n-1], -math.Ilogb(s))
			}
			return
		}
		if err != nil {
			if wtol < 0.25 && wref > wtol {
				t.Fatalf("n = %d: %v, but Dsteqr's weight %.17g is determined to %g", n, err, wref, wtol)
			}
			return
		}
		if d := math.Abs(lam*s - ref[n-1]); !(d <= delta) {
			t.Fatalf("n = %d: λ·s = %.17g, Dsteqr %.17g (|Δ| = %g > %g)", n, lam*s, ref[n-1], d, delta)
		}
		if d := math.Abs(w - wref); !(d <= wtol) {
			t.Fatalf("n = %d: u₀² = %.17g, Dsteqr %.17g (|Δ| = %g > %g)", n, w, wref, d, wtol)
		}
	})
}
