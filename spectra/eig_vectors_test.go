package spectra

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// Tolerances of the tests below. Householder tridiagonalisation, the
// implicit QL/QR (or divide-and-conquer) tridiagonal solver and the
// back-transformation by the same reflectors are each backward stable: the
// computed pairs (Λ̂, Ẑ) satisfy (A + E) Ẑ = Ẑ Λ̂ + F with ‖E‖₂, ‖F‖₂ =
// O(nε‖A‖₂) and ẐᵀẐ = I + O(nε) (Wilkinson, The Algebraic Eigenvalue
// Problem, 1965, §§3.35–3.45 and 5.35; Golub & Van Loan, Matrix
// Computations, 4th ed., §§5.1.6, 8.3.1; Anderson et al., LAPACK Users'
// Guide, 3rd ed., 1999, §4.7.1, where the errors are p(n)ε‖A‖₂ with p(n)
// "a modestly growing function of n"). The tests require, with ε = 2⁻⁵³
// (eigEps) and the constant C(n) = 2(n + 8) of TestSymEigenvaluesKnownSpectrum:
//
//	residual       max_{i,j} |(A ẑ_j − λ̂_j ẑ_j)_i| ≤ C(n)·ε·‖A‖₂,
//	orthogonality  max_{i,j} |(ẐᵀẐ − I)_ij|       ≤ C(n)·ε,
//	eigenvalues    max_j |λ̂_j − λ_j|              ≤ C(n)·ε·‖A‖₂.
//
// The largest ratios to nε‖A‖₂ and nε are logged for the report.
func symEigenTol(n int) float64 { return 2 * float64(n+8) * eigEps }

// eigenErrors returns the largest residual max|(A z_j − λ_j z_j)_i| and the
// largest entry of |ZᵀZ − I| of the pairs (vals, vecs) of a, computed in
// float64 (their own rounding, a few nε‖A‖₂, is part of the budget).
func eigenErrors(a mat.Symmetric, vals []float64, vecs *mat.Dense) (res, orth float64) {
	n := a.SymmetricDim()
	var az, ztz mat.Dense
	az.Mul(a, vecs)
	ztz.Mul(vecs.T(), vecs)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			res = max(res, math.Abs(az.At(i, j)-vals[j]*vecs.At(i, j)))
			want := 0.0
			if i == j {
				want = 1
			}
			orth = max(orth, math.Abs(ztz.At(i, j)-want))
		}
	}
	return res, orth
}

// checkEigen checks the residual and orthogonality of (vals, vecs) against
// symEigenTol for a matrix of 2-norm norm and returns them in units of
// nε‖A‖₂ and nε.
func checkEigen(t *testing.T, name string, a mat.Symmetric, vals []float64, vecs *mat.Dense, norm float64) (resRatio, orthRatio float64) {
	t.Helper()
	n := a.SymmetricDim()
	if r, c := vecs.Dims(); r != n || c != n || len(vals) != n {
		t.Fatalf("%s: %d values and %d×%d vectors, want %d and %d×%d", name, len(vals), r, c, n, n, n)
	}
	for j := 1; j < n; j++ {
		if vals[j] < vals[j-1] {
			t.Fatalf("%s: not ascending at %d: %g < %g", name, j, vals[j], vals[j-1])
		}
	}
	res, orth := eigenErrors(a, vals, vecs)
	tol := symEigenTol(n)
	if !(res <= tol*norm) {
		t.Errorf("%s: residual max|Az − λz| = %g, want ≤ 2(n+8)ε‖A‖₂ = %g", name, res, tol*norm)
	}
	if !(orth <= tol) {
		t.Errorf("%s: max|ZᵀZ − I| = %g, want ≤ 2(n+8)ε = %g", name, orth, tol)
	}
	unit := float64(n) * eigEps
	return res / (unit * norm), orth / unit
}

// TestSymEigenKnownSpectrum checks SymEigen on A = Q diag(λ) Qᵀ with Q
// Haar-orthogonal and spread, clustered, repeated and graded (±1e±12)
// spectra: eigenvalues, residuals and orthogonality within the bounds above,
// for odd and even n on both sides of the panel widths (16 for the
// reduction, 64 for the back-transformation).
func TestSymEigenKnownSpectrum(t *testing.T) {
	r := rmt.Stream(1, "eig-vectors-known", 0)
	var worstVal, worstRes, worstOrth float64
	for _, n := range []int{1, 2, 3, 4, 5, 8, 17, 31, 64, 65, 66, 97, 130, 150} {
		for _, kind := range []string{"spread", "clustered", "repeated", "graded"} {
			lam := knownSpectrum(r, kind, n)
			a := rotated(r, lam)
			var vecs mat.Dense
			vals, err := SymEigen(a, nil, &vecs)
			if err != nil {
				t.Fatalf("n = %d, %s: %v", n, kind, err)
			}
			name := fmt.Sprintf("n = %d, %s", n, kind)
			norm := max(math.Abs(lam[0]), math.Abs(lam[n-1]))
			compare(t, name, vals, lam, symEigenTol(n)*norm)
			res, orth := checkEigen(t, name, a, vals, &vecs, norm)
			if n >= 31 {
				worstVal = max(worstVal, maxAbsDiff(vals, lam)/(float64(n)*eigEps*norm))
				worstRes = max(worstRes, res)
				worstOrth = max(worstOrth, orth)
			}
		}
	}
	t.Logf("n ≥ 31: max|λ̂ − λ|/(nε‖A‖₂) = %.3g, residual/(nε‖A‖₂) = %.3g, max|ZᵀZ − I|/(nε) = %.3g (bounds 2(n+8)/n)",
		worstVal, worstRes, worstOrth)
}

// TestSymEigenRepeatedSubspace checks the invariant subspaces of a matrix
// with eigenvalues −1, 1/2 and 2, each of multiplicity n/3: the individual
// eigenvectors of a repeated eigenvalue are arbitrary, but the projector
// onto their span is not. The exact projector is the Lagrange polynomial in
// A, P_μ = Π_{ν≠μ} (A − νI)/(μ − ν); the computed one is Σ ẑ_j ẑ_jᵀ over the
// group. By the Davis–Kahan sin Θ theorem (Davis & Kahan, SIAM J. Numer.
// Anal. 7 (1970) 1) the backward errors of size C(n)ε‖A‖₂ turn the subspace
// by at most C(n)ε‖A‖₂/g, g = 1.5 the smallest gap, and ‖P − P̂‖₂ = sin Θ;
// the orthogonality error adds C(n)ε, and forming P_μ from A about
// 2nε‖A‖₂²/(g·g′) (g′ = 3 the other gap). The test requires max|P − P̂| ≤
// 3·C(n)ε‖A‖₂/g.
func TestSymEigenRepeatedSubspace(t *testing.T) {
	r := rmt.Stream(2, "eig-vectors-repeated", 0)
	const n = 66
	mus := []float64{-1, 0.5, 2}
	lam := knownSpectrum(r, "repeated", n)
	a := rotated(r, lam)
	var vecs mat.Dense
	vals, err := SymEigen(a, nil, &vecs)
	if err != nil {
		t.Fatal(err)
	}
	tol := 3 * symEigenTol(n) * 2 / 1.5
	var worst float64
	for g, mu := range mus {
		// P = Π (A − νI)/(μ − ν).
		p := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			p.Set(i, i, 1)
		}
		for _, nu := range mus {
			if nu == mu {
				continue
			}
			f := mat.NewDense(n, n, nil)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					f.Set(i, j, a.At(i, j)/(mu-nu))
				}
				f.Set(i, i, (a.At(i, i)-nu)/(mu-nu))
			}
			p.Mul(p, f)
		}
		zg := vecs.Slice(0, n, g*n/3, (g+1)*n/3)
		for j := g * n / 3; j < (g+1)*n/3; j++ {
			if math.Abs(vals[j]-mu) > symEigenTol(n)*2 {
				t.Fatalf("λ[%d] = %g, want %g", j, vals[j], mu)
			}
		}
		var ph mat.Dense
		ph.Mul(zg, zg.T())
		var diff float64
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				diff = max(diff, math.Abs(p.At(i, j)-ph.At(i, j)))
			}
		}
		if diff > tol {
			t.Errorf("μ = %g: max|P − P̂| = %g, want ≤ %g", mu, diff, tol)
		}
		worst = max(worst, diff)
	}
	t.Logf("n = %d: max|P − P̂| = %.3g = %.3g nε (bound %.3g nε)", n, worst, worst/(n*eigEps), tol/(n*eigEps))
}

// TestSymEigenAgreesWithEigenSym compares SymEigen with gonum's mat.EigenSym
// (Dsyev) and with SymEigenvalues on a GOE matrix, Wishart and spiked
// Wishart matrices and a GOE plus a rank-one spike (the structure of a
// landscape's Hessian at a critical point: bulk plus outlier). Each solver's eigenvalues have error at
// most C(n)ε‖A‖₂, so any two agree to 2C(n)ε‖A‖₂. SymEigen's eigenvalues
// come from a different tridiagonal solver than SymEigenvalues' (dqds), so
// they agree within this bound rather than bit for bit; the reduction, which
// both share, is checked bit for bit in TestSymEigenSameReduction.
func TestSymEigenAgreesWithEigenSym(t *testing.T) {
	var worstSyev, worstVals, worstRes, worstOrth float64
	for _, c := range dsyevTestMatrices(t, rmt.Stream(3, "eig-vectors-eigensym", 0)) {
		var es mat.EigenSym
		if !es.Factorize(c.a, false) {
			t.Fatalf("%s: Dsyev failed", c.name)
		}
		want := es.Values(nil)
		var vecs mat.Dense
		got, err := SymEigen(c.a, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		n := len(want)
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, c.name+" vs Dsyev", got, want, 2*symEigenTol(n)*norm)
		only, err := SymEigenvalues(c.a, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, c.name+" vs SymEigenvalues", got, only, 2*symEigenTol(n)*norm)
		res, orth := checkEigen(t, c.name, c.a, got, &vecs, norm)
		unit := float64(n) * eigEps * norm
		worstSyev = max(worstSyev, maxAbsDiff(got, want)/unit)
		worstVals = max(worstVals, maxAbsDiff(got, only)/unit)
		worstRes, worstOrth = max(worstRes, res), max(worstOrth, orth)
	}
	t.Logf("in units of nε‖A‖₂: |λ − λ_Dsyev| ≤ %.3g, |λ − λ_SymEigenvalues| ≤ %.3g, residual %.3g; max|ZᵀZ − I|/(nε) = %.3g",
		worstSyev, worstVals, worstRes, worstOrth)
}

// TestSymEigenSameReduction checks that keeping the reflectors (tau not nil)
// does not change the reduction: the tridiagonal and the scale factor are
// the same bits as those SymEigenvalues and CertifiedIndex use, for n on
// both sides of the panel width.
func TestSymEigenSameReduction(t *testing.T) {
	r := rmt.Stream(4, "eig-vectors-reduction", 0)
	for _, n := range []int{2, 16, 17, 50} {
		a, err := rmt.GOE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		run := func(keep bool) ([]float64, []float64, float64) {
			buf := make([]float64, n*n)
			copyUpper(a, n, buf)
			d, e := make([]float64, n), make([]float64, n-1)
			var tau []float64
			if keep {
				tau = make([]float64, n-1)
			}
			s := reduceDenseTau(n, buf, d, e, tau, make([]float64, tridiagWorkLen(n)))
			return d, e, s
		}
		d0, e0, s0 := run(false)
		d1, e1, s1 := run(true)
		if s0 != s1 || !slices.Equal(d0, d1) || !slices.Equal(e0, e1) {
			t.Errorf("n = %d: the reduction with tau differs from the one without", n)
		}
	}
}

// TestSymEigenStructured covers the zero matrix (eigenvalues 0 and the
// identity as eigenvectors), diagonal matrices (every reflector is the
// identity: the eigenvalues are the diagonal sorted, bit for bit, and the
// eigenvectors the matching unit vectors, exactly) and tridiagonal input
// (the reduction leaves it as it is), for n = 1, 2, 3 and odd and even n.
func TestSymEigenStructured(t *testing.T) {
	r := rmt.Stream(5, "eig-vectors-structured", 0)
	for _, n := range []int{1, 2, 3, 4, 7, 40, 41, 70} {
		var vecs mat.Dense
		vals, err := SymEigen(mat.NewSymDense(n, nil), nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		if !mat.Equal(&vecs, eye(n)) || slices.ContainsFunc(vals, func(v float64) bool { return v != 0 || math.Signbit(v) }) {
			t.Errorf("zero matrix n = %d: want zero eigenvalues and Z = I", n)
		}

		diag := make([]float64, n)
		rmt.NormalFill(r, diag)
		a := mat.NewSymDense(n, nil)
		for i, v := range diag {
			a.SetSym(i, i, v)
		}
		vals, err = SymEigen(a, vals, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		sorted := slices.Clone(diag)
		slices.Sort(sorted)
		compare(t, fmt.Sprintf("diagonal n = %d", n), vals, sorted, 0)
		for j := 0; j < n; j++ {
			k := slices.Index(diag, vals[j])
			for i := 0; i < n; i++ {
				want := 0.0
				if i == k {
					want = 1
				}
				if v := vecs.At(i, j); math.Abs(v) != want {
					t.Fatalf("diagonal n = %d: z[%d][%d] = %g, want ±%g", n, i, j, v, want)
				}
			}
		}

		tri := goeTridiagonal(uint64(n), n, 1)
		b := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			b.SetSym(i, i, tri.Diag[i])
			if i+1 < n {
				b.SetSym(i, i+1, tri.Off[i])
			}
		}
		vals, err = SymEigen(b, vals, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		want, err := TridiagonalEigenvalues(tri, nil)
		if err != nil {
			t.Fatal(err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		name := fmt.Sprintf("tridiagonal n = %d", n)
		compare(t, name, vals, want, symEigenTol(n)*norm)
		checkEigen(t, name, b, vals, &vecs, norm)
	}
}

// eye returns the n×n identity.
func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

// TestSymEigenExtremeNorms checks matrices of huge and tiny norm. SymEigen
// scales by a power of two to max|a_ij| in [1/2, 1), so for 2^k·A whose
// entries are normal numbers (k = 1023: entries up to 1.3e308; k = −1000:
// norm 1e-301) it computes from the same scaled matrix: the eigenvectors are
// A's bit for bit and the eigenvalues exactly 2^k times A's (rounded once if
// subnormal). With every entry subnormal (k = −1060) the entries are
// rounded, by at most 2⁻¹⁰⁷⁵ each, and the result must pass the residual and
// orthogonality checks for that matrix. An eigenvalue beyond MaxFloat64 is
// errEigenOverflow.
func TestSymEigenExtremeNorms(t *testing.T) {
	r := rmt.Stream(6, "eig-vectors-extreme", 0)
	const n = 37
	a := nearlyDiagonal(r, n) // max|a_ij| ≥ 1.49, ‖A‖₂ ≤ 1.51
	var base mat.Dense
	bvals, err := SymEigen(a, nil, &base)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1023, 400, -400, -1000, -1060} {
		ak := scaledCopy(a, k)
		var vecs mat.Dense
		vals, err := SymEigen(ak, nil, &vecs)
		if err != nil {
			t.Fatalf("k = %d: %v", k, err)
		}
		if k == -1060 {
			// The rounded matrix scaled back up, exactly: its eigenvectors
			// are ak's, and its eigenvalues 2¹⁰⁶⁰ times ak's, each of which
			// is rounded to a multiple of 2⁻¹⁰⁷⁴ once.
			up := scaledCopy(ak, 1060)
			var uvecs mat.Dense
			uvals, err := SymEigen(up, nil, &uvecs)
			if err != nil {
				t.Fatal(err)
			}
			norm := max(math.Abs(uvals[0]), math.Abs(uvals[n-1]))
			checkEigen(t, "2^-1060·A scaled back", up, uvals, &vecs, norm)
			want := make([]float64, n)
			for i, v := range uvals {
				want[i] = math.Ldexp(v, k)
			}
			compare(t, "2^-1060·A", vals, want, 2*symEigenTol(n)*math.Ldexp(norm, k)+0x1p-1074)
			continue
		}
		want := make([]float64, n)
		for i, v := range bvals {
			want[i] = math.Ldexp(v, k)
		}
		compare(t, fmt.Sprintf("2^%d·A", k), vals, want, 0)
		if !mat.Equal(&vecs, &base) {
			t.Errorf("2^%d·A: eigenvectors differ from A's", k)
		}
	}
	// [[h, h], [h, h]] has eigenvalues 0 and 2h: 2h overflows for h = 1e308.
	h := 1e308
	var vecs mat.Dense
	if _, err := SymEigen(mat.NewSymDense(2, []float64{h, h, h, h}), nil, &vecs); err != errEigenOverflow {
		t.Errorf("eigenvalue 2e308: err = %v, want errEigenOverflow", err)
	}
	// [[h, 1], [1, s]] with h = 1.5e308 and a subnormal s: eigenvalues
	// h + 1/h and s − 1/h, eigenvectors ≈ e_0 and e_1 to within 1/h.
	s := 3e-310
	b := mat.NewSymDense(2, []float64{1.5e308, 1, 1, s})
	vals, err := SymEigen(b, nil, &vecs)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "[[1.5e308, 1], [1, 3e-310]]", vals, []float64{s - 1/1.5e308, 1.5e308}, 2*eigEps*1.5e308)
	// Column 0 is ±(−1/h, 1) and column 1 ±(1, 1/h), normalised.
	if math.Abs(math.Abs(vecs.At(1, 0))-1) > 2*eigEps || math.Abs(math.Abs(vecs.At(0, 1))-1) > 2*eigEps ||
		math.Abs(vecs.At(0, 0)) > 2/1.5e308 || math.Abs(vecs.At(1, 1)) > 2/1.5e308 {
		t.Errorf("[[1.5e308, 1], [1, 3e-310]]: eigenvectors %v, want ≈ [±e_1, ±e_0]", mat.Formatted(&vecs))
	}
}

// TestSymEigenSplitScales checks tridiagonal input that splits into blocks
// of very different norms: a block of norm about 1e-200 before one of norm
// 1 (the reduction leaves tridiagonal input as it is, and the zero
// off-diagonal entry between the blocks decouples them exactly). gonum
// v0.17.0's Dsteqr, called on both blocks at once, would carry its scaling
// of the first block into the second (see dsterf); the eigenvalues of each
// block must come out within C(n)ε of that block's own norm, as those of
// TridiagonalEigenvalues (dqds, which scales each call) on the block alone,
// and each eigenvector must lie in its block.
func TestSymEigenSplitScales(t *testing.T) {
	const m = 6
	tiny := goeTridiagonal(11, m, 1)
	large := goeTridiagonal(12, m, 1)
	for i := range tiny.Diag {
		tiny.Diag[i] *= 1e-200
	}
	for i := range tiny.Off {
		tiny.Off[i] *= 1e-200
	}
	n := 2 * m
	a := mat.NewSymDense(n, nil)
	for i := 0; i < m; i++ {
		a.SetSym(i, i, tiny.Diag[i])
		a.SetSym(m+i, m+i, large.Diag[i])
		if i+1 < m {
			a.SetSym(i, i+1, tiny.Off[i])
			a.SetSym(m+i, m+i+1, large.Off[i])
		}
	}
	var vecs mat.Dense
	vals, err := SymEigen(a, nil, &vecs)
	if err != nil {
		t.Fatal(err)
	}
	var got [2][]float64
	var cols [2][]int
	for j, v := range vals {
		// Column j must lie in the block holding its largest component.
		var top int
		for i := 0; i < n; i++ {
			if math.Abs(vecs.At(i, j)) > math.Abs(vecs.At(top, j)) {
				top = i
			}
		}
		b := top / m
		for i := 0; i < n; i++ {
			if i/m != b && vecs.At(i, j) != 0 {
				t.Fatalf("eigenvector %d has component %g outside its block", j, vecs.At(i, j))
			}
		}
		got[b] = append(got[b], v)
		cols[b] = append(cols[b], j)
	}
	for b, blk := range []rmt.SymTridiagonal{tiny, large} {
		want, err := TridiagonalEigenvalues(blk, nil)
		if err != nil {
			t.Fatal(err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[m-1]))
		name := fmt.Sprintf("block %d", b)
		compare(t, name, got[b], want, 2*symEigenTol(m)*norm)
		// The block's pairs, with the residual relative to its own norm.
		sub := mat.NewSymDense(m, nil)
		z := mat.NewDense(m, m, nil)
		for i := 0; i < m; i++ {
			for j := i; j < m; j++ {
				sub.SetSym(i, j, a.At(b*m+i, b*m+j))
			}
			for k, j := range cols[b] {
				z.Set(i, k, vecs.At(b*m+i, j))
			}
		}
		checkEigen(t, name, sub, got[b], z, norm)
	}
}

// TestSymEigenStorage checks that Upper and Lower storage, a non-Raw
// mat.Symmetric and a vecs view with row stride > n give the same bits.
func TestSymEigenStorage(t *testing.T) {
	r := rmt.Stream(8, "eig-vectors-storage", 0)
	const n = 45
	up, err := rmt.GOE(r, n)
	if err != nil {
		t.Fatal(err)
	}
	raw := up.RawSymmetric()
	lo := lowerSym{blas64.Symmetric{N: n, Stride: n + 2, Uplo: blas.Lower, Data: make([]float64, n*(n+2))}}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			lo.raw.Data[j*lo.raw.Stride+i] = raw.Data[i*raw.Stride+j]
		}
	}
	var want mat.Dense
	wvals, err := SymEigen(up, nil, &want)
	if err != nil {
		t.Fatal(err)
	}
	big := mat.NewDense(n+3, n+5, nil)
	for name, c := range map[string]struct {
		a    mat.Symmetric
		vecs *mat.Dense
	}{
		"lower":      {lo, mat.NewDense(n, n, nil)},
		"non-raw":    {symWrap{up}, new(mat.Dense)},
		"strided":    {up, big.Slice(1, n+1, 2, n+2).(*mat.Dense)},
		"upper same": {up, new(mat.Dense)},
	} {
		vals, err := SymEigen(c.a, nil, c.vecs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(vals, wvals) || !mat.Equal(c.vecs, &want) {
			t.Errorf("%s: result differs from the Upper SymDense's", name)
		}
	}
	// The strided view's neighbours are untouched.
	for i := 0; i < n+3; i++ {
		for j := 0; j < n+5; j++ {
			if (i < 1 || i > n || j < 2 || j > n+1) && big.At(i, j) != 0 {
				t.Fatalf("strided vecs: entry (%d, %d) outside the view written", i, j)
			}
		}
	}
}

// lowerSym is a mat.Symmetric stored in the lower triangle (mat.SymDense
// stores the upper one only).
type lowerSym struct{ raw blas64.Symmetric }

func (l lowerSym) Dims() (int, int) { return l.raw.N, l.raw.N }
func (l lowerSym) At(i, j int) float64 {
	if i < j {
		i, j = j, i
	}
	return l.raw.Data[i*l.raw.Stride+j]
}
func (l lowerSym) T() mat.Matrix                  { return l }
func (l lowerSym) SymmetricDim() int              { return l.raw.N }
func (l lowerSym) RawSymmetric() blas64.Symmetric { return l.raw }

// TestSymEigenBadInput checks that bad arguments give an error naming them,
// never a panic, and leave vecs as it was.
func TestSymEigenBadInput(t *testing.T) {
	var nilSym *mat.SymDense
	nan := mat.NewSymDense(3, []float64{1, 2, 3, 2, math.NaN(), 4, 3, 4, 5})
	inf := mat.NewSymDense(2, []float64{1, math.Inf(-1), math.Inf(-1), 1})
	good := mat.NewSymDense(3, []float64{1, 2, 3, 2, 4, 5, 3, 5, 6})
	for _, c := range []struct {
		name string
		a    mat.Symmetric
		vecs *mat.Dense
		want string
	}{
		{"nil", nil, new(mat.Dense), "nil"},
		{"typed nil", nilSym, new(mat.Dense), "nil"},
		{"empty", &mat.SymDense{}, new(mat.Dense), "n = 0"},
		{"NaN", nan, new(mat.Dense), "a[1][1] = NaN"},
		{"-Inf", inf, new(mat.Dense), "a[0][1] = -Inf"},
		{"vecs nil", good, nil, "vecs is nil"},
		{"vecs 3×4", good, mat.NewDense(3, 4, nil), "vecs is 3×4"},
		{"vecs 4×4", good, mat.NewDense(4, 4, nil), "vecs is 4×4"},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", c.name, p)
				}
			}()
			vals, err := SymEigen(c.a, nil, c.vecs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: vals %v, err %v, want an error containing %q", c.name, vals, err, c.want)
			}
			if c.vecs != nil && c.vecs.IsEmpty() != (c.name != "vecs 3×4" && c.name != "vecs 4×4") {
				t.Errorf("%s: vecs changed", c.name)
			}
		}()
	}
}

// parallelThenSerial calls f(false) with at least two Ps and then f(true)
// with one, restoring GOMAXPROCS, and returns their values; an error fails
// the test.
func parallelThenSerial(t *testing.T, f func(serial bool) ([]float64, error)) (par, ser []float64) {
	t.Helper()
	prev := runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0)))
	defer runtime.GOMAXPROCS(prev)
	par, err := f(false)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(1)
	if ser, err = f(true); err != nil {
		t.Fatal(err)
	}
	return par, ser
}

// TestSymEigenDeterministic checks that SymEigen gives the same bits on
// repeated calls, from concurrent goroutines sharing the pools, and with one
// thread or all at n = 400, where the back-transformation's products
// (64 × 399 × 400 and up) exceed the m·n·k = 200³ from which internal/gemm
// splits a product between goroutines (at n ≤ 200 every product of
// SymEigen stays on one goroutine); that vals and vecs are reused; and that
// a steady-state call allocates nothing at n ≤ 65 and, at n = 200, less than
// a tenth of an n×n matrix (the workspaces are pooled).
func TestSymEigenDeterministic(t *testing.T) {
	r := rmt.Stream(9, "eig-vectors-determinism", 0)
	var mats []*mat.SymDense
	var wantVals [][]float64
	var wantVecs []*mat.Dense
	for _, n := range []int{3, 40, 129, 200} {
		a, err := rmt.GOE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		var v mat.Dense
		w, err := SymEigen(a, nil, &v)
		if err != nil {
			t.Fatal(err)
		}
		mats, wantVals, wantVecs = append(mats, a), append(wantVals, w), append(wantVecs, &v)
	}
	same := func(i int, vals []float64, vecs *mat.Dense) bool {
		return slices.Equal(vals, wantVals[i]) && mat.Equal(vecs, wantVecs[i])
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range 4 {
		wg.Go(func() {
			for rep := range 4 {
				i := (g + rep) % len(mats)
				n := mats[i].SymmetricDim()
				vals := make([]float64, 0, 300)
				vecs := mat.NewDense(n, n, nil)
				data := vecs.RawMatrix().Data
				got, err := SymEigen(mats[i], vals, vecs)
				if err != nil {
					errs[g] = err
					return
				}
				if &got[0] != &vals[:1][0] || &vecs.RawMatrix().Data[0] != &data[0] {
					errs[g] = fmt.Errorf("n = %d: vals (cap 300) or vecs (n×n) not reused", n)
					return
				}
				if !same(i, got, vecs) {
					errs[g] = fmt.Errorf("n = %d: concurrent run differs from the serial one", n)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	big, err := rmt.GOE(r, 400)
	if err != nil {
		t.Fatal(err)
	}
	var all, one mat.Dense
	wantBig, got := parallelThenSerial(t, func(serial bool) ([]float64, error) {
		if serial {
			return SymEigen(big, nil, &one)
		}
		return SymEigen(big, nil, &all)
	})
	if !slices.Equal(got, wantBig) || !mat.Equal(&one, &all) {
		t.Error("n = 400: GOMAXPROCS(1) result differs from the parallel one")
	}

	if raceEnabled {
		return // allocation counts are meaningless under -race
	}
	for _, i := range []int{1, 3} {
		a := mats[i]
		n := a.SymmetricDim()
		vals := make([]float64, n)
		vecs := mat.NewDense(n, n, nil)
		var before, after runtime.MemStats
		allocs := testing.AllocsPerRun(4, func() { vals, _ = SymEigen(a, vals, vecs) })
		// One P, and the collector off from a warm-up call on, so that the
		// pools keep their buffers where the measured call looks for them:
		// a sync.Pool's last Put sits in its P's private slot, which a Get
		// on another P does not see, and a collection empties the pools;
		// either made the measured call allocate a fresh n×n matrix (this
		// test failed about one run in three).
		procs, gc := runtime.GOMAXPROCS(1), debug.SetGCPercent(-1)
		vals, _ = SymEigen(a, vals, vecs)
		runtime.ReadMemStats(&before)
		vals, _ = SymEigen(a, vals, vecs)
		runtime.ReadMemStats(&after)
		runtime.GOMAXPROCS(procs)
		debug.SetGCPercent(gc)
		bytes := after.TotalAlloc - before.TotalAlloc
		t.Logf("n = %d: %v allocations, %d bytes per call in steady state", n, allocs, bytes)
		if n <= 65 && allocs != 0 {
			t.Errorf("n = %d: %v allocations per call in steady state, want 0", n, allocs)
		}
		if bytes > uint64(8*n*n/10) {
			t.Errorf("n = %d: %d bytes allocated per call, want < 10%% of one n×n matrix (%d bytes)", n, bytes, 8*n*n)
		}
	}
}

// TestApplyReflectorsExplicitQ checks the blocked back-transformation against
// Q = H_0 ⋯ H_{n−2} formed reflector by reflector (unblocked, as LAPACK's
// dorg2l/dorm2r): applyReflectors(I) must equal that Q to rounding,
// ‖Q̂ − Q‖_max ≤ C(n)ε, for n around the panel width of 64.
func TestApplyReflectorsExplicitQ(t *testing.T) {
	r := rmt.Stream(10, "eig-vectors-explicit-q", 0)
	for _, n := range []int{2, 3, 63, 64, 65, 66, 129, 131} {
		a, err := rmt.GOE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]float64, n*n)
		copyUpper(a, n, buf)
		d, e, tau := make([]float64, n), make([]float64, n-1), make([]float64, n-1)
		reduceDenseTau(n, buf, d, e, tau, make([]float64, tridiagWorkLen(n)))
		got := eye(n)
		raw := got.RawMatrix()
		applyReflectors(n, buf, tau, raw.Data, raw.Stride, backPanel)
		// Q ← Q H_k for k = 0…n−2, starting from I: (Q H)_{:,j} = Q_{:,j} − τ (Q v) v_j.
		q := eye(n)
		qv := make([]float64, n)
		for k := 0; k < n-1; k++ {
			v := make([]float64, n)
			copy(v[k+1:], buf[k*n+k+1:k*n+n])
			blas64.Gemv(blas.NoTrans, 1, q.RawMatrix(), blas64.Vector{N: n, Inc: 1, Data: v}, 0, blas64.Vector{N: n, Inc: 1, Data: qv})
			for i := 0; i < n; i++ {
				for j := k + 1; j < n; j++ {
					q.Set(i, j, q.At(i, j)-tau[k]*qv[i]*v[j])
				}
			}
		}
		if !mat.EqualApprox(got, q, symEigenTol(n)) {
			var diff mat.Dense
			diff.Sub(got, q)
			t.Errorf("n = %d: blocked Q differs from the unblocked one by %g, want ≤ %g", n, mat.Norm(&diff, math.Inf(1)), symEigenTol(n))
		}
	}
}

// FuzzSymEigen checks SymEigen on the fuzzer's matrices (fuzzSymLarge:
// n ≤ 96 from cyclically repeated input, so that the divide-and-conquer
// merges and several back-transformation panels are reached; entries from
// subnormal to near MaxFloat64, any bit pattern): an error
// exactly when an entry is not finite or (errEigenOverflow) when an
// eigenvalue may exceed MaxFloat64, which needs n·max|a_ij| > MaxFloat64;
// otherwise, on the matrix scaled exactly by s = pow2Scale(max|a_ij|), the
// bounds of FuzzSymEigenvalues with C = fuzzDenseC: residual
// max|A z − λ z| ≤ C·n·ε·‖A‖_F plus two subnormal ulps (an eigenvalue that
// underflowed when scaled back), max|ZᵀZ − I| ≤ C·n·ε, and the eigenvalues
// within twice the first bound of SymEigenvalues'.
func FuzzSymEigen(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		a := fuzzSymLarge(data, 96)
		n := a.SymmetricDim()
		var vecs mat.Dense
		got, err := SymEigen(a, nil, &vecs)
		finite, amax := symFinite(a)
		if !finite {
			if err == nil {
				t.Fatal("non-finite entry: no error")
			}
			return
		}
		if err != nil {
			if err != errEigenOverflow || !(amax > math.MaxFloat64/float64(n)) {
				t.Fatalf("n = %d, max|a_ij| = %g: %v", n, amax, err)
			}
			return
		}
		s := 1.0
		if amax > 0 {
			s = pow2Scale(amax)
		}
		as := scaledSym(a, s)
		fro := scaledFro(a, s)
		delta := fuzzDenseC*float64(n)*fuzzEps*fro + 2*math.Ldexp(s, -1074)
		ls := make([]float64, n)
		for i, v := range got {
			ls[i] = v * s
		}
		res, orth := eigenErrors(as, ls, &vecs)
		if !(res <= delta) || !(orth <= fuzzDenseC*float64(n)*fuzzEps) {
			t.Fatalf("n = %d: residual·s = %g (bound %g), max|ZᵀZ − I| = %g (bound %g)",
				n, res, delta, orth, fuzzDenseC*float64(n)*fuzzEps)
		}
		only, err := SymEigenvalues(a, nil)
		if err != nil {
			// Both solvers are right when the largest |λ| lies within
			// their error bound of MaxFloat64: one may round it below, the
			// other report the overflow (fuzz input 18aa292615b3bdc1:
			// λ_max = 1.7976931348623151e308 from SymEigen, overflow from
			// SymEigenvalues, +Inf from gonum's Dsyev).
			top := max(-ls[0], ls[n-1])
			if errors.Is(err, errEigenOverflow) && top+2*delta >= math.MaxFloat64*s {
				return
			}
			t.Fatalf("SymEigenvalues: %v", err)
		}
		for i := range ls {
			if d := math.Abs(ls[i] - only[i]*s); !(d <= 2*delta) {
				t.Fatalf("n = %d: λ[%d]·s = %g, SymEigenvalues' %g (|Δ| = %g > %g)", n, i, ls[i], only[i]*s, d, 2*delta)
			}
		}
	})
}
