package spectra

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// dcC is the constant C of the accuracy bounds the tests of TridiagonalEigen
// check, for the residual max_j ‖T z_j − λ_j z_j‖₂ ≤ C·nε‖T‖, the
// orthogonality max|ZᵀZ − I| ≤ C·nε and the eigenvalues |λ_j − μ_j| ≤
// C·nε‖T‖ against dqds (TridiagonalEigenvalues), with ε = 2⁻⁵³ and ‖T‖
// bounded by normOf (max|d| + 2max|e| ≥ ‖T‖₂). Divide and conquer with Gu and
// Eisenstat's eigenvectors guarantees O(nε) bounds (Gu & Eisenstat, SIAM J.
// Matrix Anal. Appl. 16 (1995) 172, Section 3); LAPACK's test suite
// (dchkst with dstt21/dstt22) measures the same ratios in units of n·ulp =
// 2nε and flags a result above its threshold (tens). C = 8 (4 in LAPACK's
// units) is the standard the code is held to. Measured: at most 0.84 for
// orthogonality and 0.28 for residuals on 300 random matrices of orders
// 26–275 from six families (random, clustered, graded, integer, glued,
// β-Hermite), and up to 2.2 for eigenvalues, where the difference is that of
// dqds (divide and conquer agreed with gonum's EigenSym within 0.1 there);
// the largest seen, 4.67, is the orthogonality of a 3×3 matrix solved by
// gonum's Dsteqr alone (a QL/QR leaf: 14ε; found by FuzzTridiagonalEigen).
const dcC = 8

// dcAccuracy returns the residual, the loss of orthogonality and the
// eigenvalue error of (vals, vecs) for tr, in units of nε‖T‖, nε and
// nε‖T‖ (‖T‖ by normOf).
func dcAccuracy(t *testing.T, tr rmt.SymTridiagonal, vals []float64, vecs *mat.Dense) (res, orth, eig float64) {
	t.Helper()
	n := len(tr.Diag)
	unit := float64(n) * eigEps
	norm := normOf(tr)
	if norm == 0 {
		norm = 1
	}
	sq := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			r := (tr.Diag[i] - vals[j]) * vecs.At(i, j)
			if i > 0 {
				r += tr.Off[i-1] * vecs.At(i-1, j)
			}
			if i < n-1 {
				r += tr.Off[i] * vecs.At(i+1, j)
			}
			sq[j] += r * r
		}
	}
	for _, v := range sq {
		res = max(res, math.Sqrt(v)/(unit*norm))
	}
	var g mat.Dense
	g.Mul(vecs.T(), vecs)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := g.At(i, j)
			if i == j {
				v--
			}
			orth = max(orth, math.Abs(v)/unit)
		}
	}
	mu, err := TridiagonalEigenvalues(tr, nil)
	if err != nil {
		t.Fatal(err)
	}
	for j := range mu {
		eig = max(eig, math.Abs(vals[j]-mu[j])/(unit*norm))
	}
	return res, orth, eig
}

// dcSolveCheck solves tr by TridiagonalEigen, checks that t is unchanged,
// the eigenvalues ascending and the three accuracy figures ≤ dcC, logs them
// and returns the eigenpairs.
func dcSolveCheck(t *testing.T, name string, tr rmt.SymTridiagonal) ([]float64, *mat.Dense) {
	t.Helper()
	d0, e0 := slices.Clone(tr.Diag), slices.Clone(tr.Off)
	var vecs mat.Dense
	vals, err := TridiagonalEigen(tr, nil, &vecs)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !slices.Equal(d0, tr.Diag) || !slices.Equal(e0, tr.Off) {
		t.Errorf("%s: t was modified", name)
	}
	if !slices.IsSorted(vals) {
		t.Errorf("%s: eigenvalues not ascending", name)
	}
	res, orth, eig := dcAccuracy(t, tr, vals, &vecs)
	t.Logf("%-22s n = %4d: residual %.3f nε‖T‖, orthogonality %.3f nε, eigenvalues %.3f nε‖T‖", name, len(tr.Diag), res, orth, eig)
	if !(res <= dcC && orth <= dcC && eig <= dcC) {
		t.Errorf("%s: residual %.3g nε‖T‖, orthogonality %.3g nε, eigenvalue error %.3g nε‖T‖, want all ≤ %v", name, res, orth, eig, float64(dcC))
	}
	return vals, &vecs
}

// glued returns k copies of Wilkinson's W_{2m+1}⁺ joined by off-diagonal
// entries delta: each copy's close pairs, repeated k times and perturbed by
// about delta, make nearly every pole deflate (a standard test of
// tridiagonal eigensolvers: Demmel, Marques, Parlett & Vömel, "Performance
// and accuracy of LAPACK's symmetric tridiagonal eigensolvers", SIAM J. Sci.
// Comput. 30 (2008) 1508).
func glued(k, m int, delta float64) rmt.SymTridiagonal {
	w := wilkinsonPlus(m)
	var d, e []float64
	for c := 0; c < k; c++ {
		if c > 0 {
			e = append(e, delta)
		}
		d = append(d, w.Diag...)
		e = append(e, w.Off...)
	}
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

// clement is the Clement (Kac–Sylvester) matrix of order n: zero diagonal
// and off-diagonal √(i(n−i)), i = 1…n−1, with eigenvalues −(n−1), −(n−3), …,
// n−1 (Clement, "A class of triple-diagonal matrices for test purposes",
// SIAM Rev. 1 (1959) 50; this is its symmetric form, MATLAB's
// gallery('clement', n, 1)).
func clement(n int) rmt.SymTridiagonal {
	e := make([]float64, n-1)
	for i := range e {
		e[i] = math.Sqrt(float64((i + 1) * (n - 1 - i)))
	}
	return rmt.SymTridiagonal{Diag: make([]float64, n), Off: e}
}

// TestTridiagonalEigenCases checks residual, orthogonality and eigenvalues
// (see dcC) on random matrices around the leaf size (25) and its doubles,
// the β-Hermite model at n = 1000, Wilkinson and glued Wilkinson matrices,
// copies of one block, diagonal, repeated and graded matrices, and a matrix
// with a block of norm 1e-200 next to one of norm 1.
func TestTridiagonalEigenCases(t *testing.T) {
	r := rmt.Stream(11, "tridiag-dc-test", 0)
	cases := map[string]rmt.SymTridiagonal{}
	for _, n := range []int{1, 2, 3, 25, 26, 50, 51, 200, 1000} {
		cases[fmt.Sprintf("random%d", n)] = randomTridiagonal(r, n)
	}
	for _, beta := range []float64{1, 2} {
		bh, err := rmt.BetaHermite(rmt.Stream(12, "tridiag-dc-hermite", uint64(beta)), 1000, beta)
		if err != nil {
			t.Fatal(err)
		}
		cases[fmt.Sprintf("betaHermite%g", beta)] = bh
	}
	cases["W21+"] = wilkinsonPlus(10)
	cases["W201+"] = wilkinsonPlus(100)
	cases["glued1e-14"] = glued(20, 10, 1e-14)
	cases["glued1e-7"] = glued(20, 10, 1e-7)
	// The glued matrix whose secular equations take the most iterations
	// measured: it needs an iteration limit (dcMaxIter) of 70, glued1e-7 43.
	cases["glued1e-12"] = glued(20, 10, 1e-12)
	// Ten copies of one random block of order 30 coupled by 1e-14: every
	// eigenvalue has nine others within about 1e-14, and the merges deflate
	// those nearly equal poles by rotation.
	blk := randomTridiagonal(rmt.Stream(11, "tridiag-dc-copies", 0), 30)
	cp := rmt.SymTridiagonal{}
	for c := 0; c < 10; c++ {
		if c > 0 {
			cp.Off = append(cp.Off, 1e-14)
		}
		cp.Diag = append(cp.Diag, blk.Diag...)
		cp.Off = append(cp.Off, blk.Off...)
	}
	cases["copies"] = cp
	cases["clement101"] = clement(101)
	cases["clement200"] = clement(200)
	// Diagonal: every off-diagonal zero.
	diag := randomTridiagonal(r, 60)
	clear(diag.Off)
	cases["diagonal"] = diag
	// Three values repeated 40 times each, coupled by 1e-13…7e-13 (above
	// the splitting threshold ε ≈ 1.1e-16, so the matrix does not split).
	rep := rmt.SymTridiagonal{Diag: make([]float64, 120), Off: make([]float64, 119)}
	for i := range rep.Diag {
		rep.Diag[i] = float64(1 + i/40)
	}
	for i := range rep.Off {
		rep.Off[i] = 1e-13 * float64(1+i%7)
	}
	cases["repeated"] = rep
	// Graded: entries from 1e10 down to 1e-10.
	gr := rmt.SymTridiagonal{Diag: make([]float64, 200), Off: make([]float64, 199)}
	for i := range gr.Diag {
		gr.Diag[i] = math.Pow(10, 10-20*float64(i)/199)
	}
	for i := range gr.Off {
		gr.Off[i] = math.Pow(10, 10-20*(float64(i)+0.5)/199)
	}
	cases["graded"] = gr
	gr2 := rmt.SymTridiagonal{Diag: slices.Clone(gr.Diag), Off: slices.Clone(gr.Off)}
	slices.Reverse(gr2.Diag)
	slices.Reverse(gr2.Off)
	cases["gradedUp"] = gr2
	// A block of norm ~1e-200 (order 60, D&C) next to one of norm ~1.
	tiny := randomTridiagonal(r, 120)
	for i := 60; i < 120; i++ {
		tiny.Diag[i] *= 1e-200
		if i < 119 {
			tiny.Off[i] *= 1e-200
		}
	}
	tiny.Off[59] = 0
	cases["tinyBlock"] = tiny
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		dcSolveCheck(t, name, cases[name])
	}
}

// TestTridiagonalEigenTinyBlock: the block of norm 1e-200 in a matrix of
// norm 1 is solved to the accuracy of its own norm (each unreduced block is
// scaled to norm 1 before divide and conquer, as in LAPACK's dstedc; without
// that, the deflation tolerance 8ε of the whole would deflate every pole of
// the tiny block and return its torn halves' eigenvalues): the tiny block's
// eigenpairs, computed alone, must match residual and eigenvalue bounds in
// units of its norm.
func TestTridiagonalEigenTinyBlock(t *testing.T) {
	r := rmt.Stream(13, "tridiag-dc-tiny", 0)
	for _, nt := range []int{10, 60} {
		big := randomTridiagonal(r, 40)
		small := scaled(randomTridiagonal(r, nt), 0x1p-700)
		tr := rmt.SymTridiagonal{
			Diag: slices.Concat(big.Diag, small.Diag),
			Off:  slices.Concat(big.Off, []float64{0}, small.Off),
		}
		var vecs mat.Dense
		vals, err := TridiagonalEigen(tr, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		// The eigenvectors supported on the tiny block, with their values,
		// form the tiny block's eigendecomposition.
		n := len(tr.Diag)
		sv := make([]float64, 0, nt)
		sm := mat.NewDense(nt, nt, nil)
		for j := 0; j < n; j++ {
			var top float64
			for i := 0; i < 40; i++ {
				top = max(top, math.Abs(vecs.At(i, j)))
			}
			if top != 0 {
				continue
			}
			for i := 0; i < nt; i++ {
				sm.Set(i, len(sv), vecs.At(40+i, j))
			}
			sv = append(sv, vals[j])
		}
		if len(sv) != nt {
			t.Fatalf("nt = %d: %d eigenvectors supported on the tiny block, want %d", nt, len(sv), nt)
		}
		// Residuals in units of the block's own norm: scale the block and
		// the values by 2⁷⁰⁰ (exact).
		up := scaled(small, 0x1p700)
		for i := range sv {
			sv[i] *= 0x1p700
		}
		res, orth, eig := dcAccuracy(t, up, sv, sm)
		t.Logf("tiny block nt = %d: residual %.3f, orthogonality %.3f, eigenvalues %.3f (units of nε, nε‖T_block‖)", nt, res, orth, eig)
		if !(res <= dcC && orth <= dcC && eig <= dcC) {
			t.Errorf("tiny block nt = %d: residual %.3g, orthogonality %.3g, eigenvalues %.3g, want ≤ %v", nt, res, orth, eig, float64(dcC))
		}
	}
}

// TestTridiagonalEigenSteqrBlocks: gonum v0.17.0's Dsteqr, given the 8×8
// matrix with zero diagonal and off-diagonal (−7.9e-177, 0, 0.5, 0, …, 0),
// rescales the first block (norm below its threshold ≈ 1.2e-122) and keeps
// that scaling for the next, returning ±2.07e121 for ±0.5 (see dsterf); the
// QL/QR leaves must be solved one unreduced block per call. Eigenvalues:
// ±7.9e-177, ±0.5 and four zeros, exactly (2×2 blocks [0 b; b 0]).
func TestTridiagonalEigenSteqrBlocks(t *testing.T) {
	b := -7.896825413969131e-177
	tr := rmt.SymTridiagonal{Diag: make([]float64, 8), Off: []float64{b, 0, 0.5, 0, 0, 0, 0}}
	vals, _ := dcSolveCheck(t, "steqrBlocks", tr)
	want := []float64{-0.5, b, 0, 0, 0, 0, -b, 0.5}
	if !slices.Equal(vals, want) {
		t.Errorf("eigenvalues %v, want %v", vals, want)
	}
}

// TestTridiagonalEigenToeplitz: the 1-2-1 matrix tridiag(−1, 2, −1) of order
// n has λ_k = 2 − 2cos(kπ/(n+1)) and eigenvectors v_k(i) = √(2/(n+1))
// sin(ikπ/(n+1)), k, i = 1…n (directly: 2sin(ikθ) − sin((i−1)kθ) −
// sin((i+1)kθ) = (2 − 2cos kθ)sin(ikθ), and sin(0) = sin((n+1)kθ) = 0 for
// θ = π/(n+1)). Each computed vector must equal ±v_k within C·nε‖T‖/gap_k,
// gap_k the distance from λ_k to the rest of the spectrum (the sin θ theorem
// of Davis and Kahan bounds the angle by the residual over the gap; Parlett,
// The Symmetric Eigenvalue Problem, 1980, Chapter 11) and each value λ_k
// within C·nε‖T‖.
func TestTridiagonalEigenToeplitz(t *testing.T) {
	for _, n := range []int{30, 300} {
		tr := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
		for i := range tr.Diag {
			tr.Diag[i] = 2
		}
		for i := range tr.Off {
			tr.Off[i] = -1
		}
		vals, vecs := dcSolveCheck(t, fmt.Sprintf("toeplitz%d", n), tr)
		unit := float64(n) * eigEps * 4
		lam := func(k int) float64 { return 2 - 2*math.Cos(float64(k)*math.Pi/float64(n+1)) }
		var worstVal, worstVec float64
		for k := 1; k <= n; k++ {
			if d := math.Abs(vals[k-1]-lam(k)) / unit; d > worstVal {
				worstVal = d
			}
			gap := math.Inf(1)
			if k > 1 {
				gap = lam(k) - lam(k-1)
			}
			if k < n {
				gap = min(gap, lam(k+1)-lam(k))
			}
			var dot float64
			for i := 1; i <= n; i++ {
				dot += vecs.At(i-1, k-1) * math.Sin(float64(i*k)*math.Pi/float64(n+1))
			}
			sign := math.Copysign(math.Sqrt(2/float64(n+1)), dot)
			var err float64
			for i := 1; i <= n; i++ {
				v := sign * math.Sin(float64(i*k)*math.Pi/float64(n+1))
				err = max(err, math.Abs(vecs.At(i-1, k-1)-v))
			}
			worstVec = max(worstVec, err*gap/unit)
		}
		t.Logf("toeplitz%d: eigenvalues %.3f nε‖T‖, eigenvectors %.3f nε‖T‖/gap", n, worstVal, worstVec)
		if !(worstVal <= dcC && worstVec <= dcC) {
			t.Errorf("toeplitz%d: eigenvalue error %.3g nε‖T‖, eigenvector error %.3g nε‖T‖/gap, want ≤ %v", n, worstVal, worstVec, float64(dcC))
		}
	}
}

// TestTridiagonalEigenClement: the Clement matrix's eigenvalues are the
// integers −(n−1), −(n−3), …, n−1 (Clement 1959); each computed one within
// C·nε‖T‖.
func TestTridiagonalEigenClement(t *testing.T) {
	for _, n := range []int{101, 200} {
		tr := clement(n)
		var vecs mat.Dense
		vals, err := TridiagonalEigen(tr, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		unit := float64(n) * eigEps * normOf(tr)
		var worst float64
		for k, v := range vals {
			worst = max(worst, math.Abs(v-float64(2*k-(n-1)))/unit)
		}
		t.Logf("clement%d: eigenvalues within %.3f nε‖T‖ of ±(n−1), ±(n−3), …", n, worst)
		if !(worst <= dcC) {
			t.Errorf("clement%d: eigenvalue error %.3g nε‖T‖, want ≤ %v", n, worst, float64(dcC))
		}
	}
}

// TestTridiagonalEigenDiagonal: with every off-diagonal zero, the
// eigenvalues are the sorted diagonal, exactly, and the eigenvectors the
// corresponding unit vectors.
func TestTridiagonalEigenDiagonal(t *testing.T) {
	r := rmt.Stream(14, "tridiag-dc-diagonal", 0)
	tr := randomTridiagonal(r, 70)
	clear(tr.Off)
	var vecs mat.Dense
	vals, err := TridiagonalEigen(tr, nil, &vecs)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(tr.Diag))
	if !slices.Equal(vals, want) {
		t.Fatalf("eigenvalues %v, want the sorted diagonal %v", vals, want)
	}
	for j, v := range vals {
		i := slices.Index(tr.Diag, v)
		for q := range tr.Diag {
			want := 0.0
			if q == i {
				want = 1
			}
			if vecs.At(q, j) != want {
				t.Fatalf("vecs[%d][%d] = %v, want %v", q, j, vecs.At(q, j), want)
			}
		}
	}
}

// TestTridiagonalEigenScaled: scaling t by 2^±1000 scales the eigenvalues
// alike and leaves the eigenvectors unchanged, bit for bit (TridiagonalEigen
// rescales by an exact power of two). A matrix of subnormal entries k·2⁻¹⁰⁷⁴
// (k integers, |k| < 2⁴⁹) is solved to the accuracy bounds of the integer
// matrix, up to the rounding of the eigenvalues to the subnormal grid (the
// entries are below 2⁵⁰·2⁻¹⁰⁷⁴, so every eigenvalue, ≤ 2·2⁵⁰·2⁻¹⁰⁷⁴ in
// magnitude, is subnormal and rounded to a multiple of 2⁻¹⁰⁷⁴).
func TestTridiagonalEigenScaled(t *testing.T) {
	r := rmt.Stream(15, "tridiag-dc-scaled", 0)
	tr := randomTridiagonal(r, 80)
	var v0 mat.Dense
	w0, err := TridiagonalEigen(tr, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1000, -1000} {
		s := math.Ldexp(1, k)
		var v1 mat.Dense
		w1, err := TridiagonalEigen(scaled(tr, s), nil, &v1)
		if err != nil {
			t.Fatal(err)
		}
		for i := range w0 {
			if w1[i] != w0[i]*s {
				t.Fatalf("2^%d: λ[%d] = %v, want %v", k, i, w1[i], w0[i]*s)
			}
		}
		if !mat.Equal(&v0, &v1) {
			t.Errorf("2^%d: eigenvectors differ from the unscaled ones", k)
		}
	}
	// Subnormal entries.
	ints := rmt.SymTridiagonal{Diag: make([]float64, 60), Off: make([]float64, 59)}
	for i := range ints.Diag {
		ints.Diag[i] = float64(r.Int64N(1<<50) - 1<<49)
	}
	for i := range ints.Off {
		ints.Off[i] = float64(1 + r.Int64N(1<<49))
	}
	sub := scaled(ints, 0x1p-1074)
	for i, v := range sub.Diag {
		if v/0x1p-1074 != ints.Diag[i] {
			t.Fatal("the subnormal matrix is not exact")
		}
	}
	var vs mat.Dense
	ws, err := TridiagonalEigen(sub, nil, &vs)
	if err != nil {
		t.Fatal(err)
	}
	up := slices.Clone(ws)
	for i := range up {
		up[i] *= 0x1p1000 // in two steps: 2¹⁰⁷⁴ overflows
		up[i] *= 0x1p74
	}
	// The eigenvalues are subnormal, rounded to multiples of 2⁻¹⁰⁷⁴: in the
	// integer matrix's units that adds up to 1/2 to the eigenvalue error
	// and the residual (|z_j| = 1).
	res, orth, eig := dcAccuracy(t, ints, up, &vs)
	grid := 0.5 / (float64(len(ints.Diag)) * eigEps * normOf(ints))
	t.Logf("subnormal: residual %.3f, orthogonality %.3f, eigenvalues %.3f (units of nε, nε‖T‖ of the integer matrix; rounding to the subnormal grid is %.3g of them)", res, orth, eig, grid)
	if !(res <= dcC+grid && orth <= dcC && eig <= dcC+grid) {
		t.Errorf("subnormal: residual %.3g, orthogonality %.3g, eigenvalues %.3g, want ≤ %v", res, orth, eig, float64(dcC))
	}
}

// TestTridiagonalEigenFallback: with the secular equation allowed no
// iteration every merge fails, and dcEigen solves the matrix again by
// Dsteqr; on an unreduced matrix this is one Dsteqr call, whose eigenpairs it
// must return bit for bit.
func TestTridiagonalEigenFallback(t *testing.T) {
	tr := goeTridiagonal(16, 200, 1)
	n := len(tr.Diag)
	if unreducedEnd(tr.Diag, tr.Off, 0, n) != n-1 {
		t.Fatal("test matrix splits")
	}
	d, e := slices.Clone(tr.Diag), slices.Clone(tr.Off)
	z := make([]float64, n*n)
	if !dcEigen(n, d, e, z, n, 0) {
		t.Fatal("dcEigen with the fallback failed")
	}
	wd, we := slices.Clone(tr.Diag), slices.Clone(tr.Off)
	wz := make([]float64, n*n)
	if !lapackImpl.Dsteqr(lapack.EVTridiag, n, wd, we, wz, n, make([]float64, 2*n)) {
		t.Fatal("Dsteqr failed")
	}
	if !slices.Equal(d, wd) || !slices.Equal(z, wz) {
		t.Error("the fallback's eigenpairs differ from Dsteqr's")
	}
	// Without the fallback (normal iteration limit) the results differ:
	// the hook does change the path.
	d2, e2 := slices.Clone(tr.Diag), slices.Clone(tr.Off)
	z2 := make([]float64, n*n)
	if !dcEigen(n, d2, e2, z2, n, dcMaxIter) {
		t.Fatal("dcEigen failed")
	}
	if slices.Equal(z2, wz) {
		t.Error("divide and conquer returned Dsteqr's eigenvectors bit for bit: the fallback hook is not exercised")
	}
}

// TestTridiagonalEigenBadInput: errors, never panics, for bad t and vecs.
func TestTridiagonalEigenBadInput(t *testing.T) {
	good := rmt.SymTridiagonal{Diag: []float64{1, 2, 3}, Off: []float64{1, 1}}
	cases := []struct {
		name string
		t    rmt.SymTridiagonal
		vecs *mat.Dense
	}{
		{"empty", rmt.SymTridiagonal{}, &mat.Dense{}},
		{"short Off", rmt.SymTridiagonal{Diag: []float64{1, 2, 3}, Off: []float64{1}}, &mat.Dense{}},
		{"NaN diag", rmt.SymTridiagonal{Diag: []float64{1, math.NaN(), 3}, Off: []float64{1, 1}}, &mat.Dense{}},
		{"Inf off", rmt.SymTridiagonal{Diag: []float64{1, 2, 3}, Off: []float64{1, math.Inf(-1)}}, &mat.Dense{}},
		{"nil vecs", good, nil},
		{"vecs 2×2", good, mat.NewDense(2, 2, nil)},
		{"vecs 3×4", good, mat.NewDense(3, 4, nil)},
		{"overflow", rmt.SymTridiagonal{Diag: []float64{math.MaxFloat64, math.MaxFloat64}, Off: []float64{math.MaxFloat64}}, &mat.Dense{}},
	}
	for _, c := range cases {
		vals, err := TridiagonalEigen(c.t, nil, c.vecs)
		if err == nil {
			t.Errorf("%s: no error (values %v)", c.name, vals)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
	// A 3×3 vecs and a long enough vals are reused.
	vecs := mat.NewDense(3, 3, nil)
	buf := make([]float64, 5)
	vals, err := TridiagonalEigen(good, buf, vecs)
	if err != nil {
		t.Fatal(err)
	}
	if &vals[0] != &buf[0] || len(vals) != 3 {
		t.Error("vals not reused")
	}
}

// TestTridiagonalEigenReproducible: repeated and concurrent calls, and a
// call with GOMAXPROCS = 1 (internal/gemm then runs every product on the
// calling goroutine), give the same bits.
func TestTridiagonalEigenReproducible(t *testing.T) {
	tr := goeTridiagonal(17, 300, 1)
	var v0 mat.Dense
	w0, err := TridiagonalEigen(tr, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		var v mat.Dense
		w, err := TridiagonalEigen(tr, nil, &v)
		if err != nil || !slices.Equal(w, w0) || !mat.Equal(&v, &v0) {
			t.Errorf("GOMAXPROCS = 1: different result (err %v)", err)
		}
	}()
	var wg sync.WaitGroup
	errs := make([]string, 4)
	for g := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var v mat.Dense
			for rep := 0; rep < 2; rep++ {
				w, err := TridiagonalEigen(tr, nil, &v)
				if err != nil || !slices.Equal(w, w0) || !mat.Equal(&v, &v0) {
					errs[g] = fmt.Sprintf("goroutine %d, call %d: different result (err %v)", g, rep, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

// TestTridiagonalEigenAllocs: the core does not allocate in steady state at
// n = 100, where every matrix product runs on the calling goroutine
// (internal/gemm goes parallel at m·n·k ≥ 200³ and then allocates its
// goroutines' bookkeeping on each call).
func TestTridiagonalEigenAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	tr := goeTridiagonal(18, 100, 1)
	n := len(tr.Diag)
	d, e := make([]float64, n), make([]float64, n-1)
	z := make([]float64, n*n)
	allocs := testing.AllocsPerRun(5, func() {
		copy(d, tr.Diag)
		copy(e, tr.Off)
		if !tridiagEigenVectors(n, d, e, z, n) {
			t.Fatal("failed")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per call, want 0", allocs)
	}
	var vecs mat.Dense
	vals := make([]float64, n)
	allocs = testing.AllocsPerRun(5, func() {
		var err error
		if vals, err = TridiagonalEigen(tr, vals, &vecs); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("TridiagonalEigen: %v allocations per call, want 0", allocs)
	}
}

// TestTridiagonalEigenAllocBytes: at n = 400 with one P, the bytes allocated
// per call of the core are less than 1/16 of one n×n matrix (the pooled
// workspace is 2n² floats): nothing of order n² (measured: none). With one
// P internal/gemm runs every product on the calling goroutine; with two it
// adds about 1.5 kB per call of goroutine bookkeeping at this order, and
// packing buffers (hundreds of kB) whenever its sync.Pool misses, which a
// loaded machine makes unpredictable.
func TestTridiagonalEigenAllocBytes(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	tr := goeTridiagonal(19, 400, 1)
	n := len(tr.Diag)
	d, e := make([]float64, n), make([]float64, n-1)
	z := make([]float64, n*n)
	run := func() {
		copy(d, tr.Diag)
		copy(e, tr.Off)
		if !tridiagEigenVectors(n, d, e, z, n) {
			t.Fatal("failed")
		}
	}
	// One P and the collector off, as in TestSymEigenDeterministic's allocation check: a
	// sync.Pool's last Put sits in its P's private slot, which a Get on
	// another P does not see, and a collection empties the pools; on a loaded
	// machine either made a call allocate its workspace afresh (203296 bytes
	// per call measured in a full go test ./... beside other jobs, against
	// 1387 alone).
	procs, gc := runtime.GOMAXPROCS(1), debug.SetGCPercent(-1)
	defer func() {
		runtime.GOMAXPROCS(procs)
		debug.SetGCPercent(gc)
	}()
	run()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	const reps = 3
	for range reps {
		run()
	}
	runtime.ReadMemStats(&m1)
	perCall := float64(m1.TotalAlloc-m0.TotalAlloc) / reps
	t.Logf("n = %d: %.0f bytes allocated per call (n² floats are %d bytes)", n, perCall, 8*n*n)
	if perCall > float64(8*n*n)/16 {
		t.Errorf("%.0f bytes allocated per call, want < %d", perCall, 8*n*n/16)
	}
}

// TestTridiagonalEigenStride: eigenvectors written into an n×n view of a
// larger matrix (row stride > n, as the dense solver's callers may pass) are
// the same bits as into a compact matrix, and the entries outside the view
// are untouched.
func TestTridiagonalEigenStride(t *testing.T) {
	tr := goeTridiagonal(20, 90, 1)
	n := len(tr.Diag)
	var v0 mat.Dense
	w0, err := TridiagonalEigen(tr, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	big := mat.NewDense(n+7, n+5, nil)
	for i := 0; i < n+7; i++ {
		for j := 0; j < n+5; j++ {
			big.Set(i, j, -3)
		}
	}
	view := big.Slice(2, 2+n, 3, 3+n).(*mat.Dense)
	w1, err := TridiagonalEigen(tr, nil, view)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w0, w1) || !mat.Equal(&v0, view) {
		t.Error("eigenpairs in a strided view differ from the compact ones")
	}
	for i := 0; i < n+7; i++ {
		for j := 0; j < n+5; j++ {
			if (i < 2 || i >= 2+n || j < 3 || j >= 3+n) && big.At(i, j) != -3 {
				t.Fatalf("entry (%d, %d) outside the view changed to %v", i, j, big.At(i, j))
			}
		}
	}
}

// gaussianQ returns the orthogonal factor of gonum's QR factorization of an
// n×n matrix of r.NormFloat64 draws (filled row by row).
func gaussianQ(r *rand.Rand, n int) *mat.Dense {
	g := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			g.Set(i, j, r.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	return &q
}

// tridiagonalWithSpectrum returns the tridiagonal matrix that Householder
// reduction (gonum's Dsytrd) makes of Q diag(lam) Qᵀ, Q orthogonal from the
// QR factorization of a Gaussian matrix: the construction of LAPACK's test
// matrices for the symmetric tridiagonal solvers (dlatms, then dsytrd, in
// dchkst). Its eigenvalues are lam up to the rounding of the reduction.
func tridiagonalWithSpectrum(r *rand.Rand, lam []float64) rmt.SymTridiagonal {
	n := len(lam)
	q := gaussianQ(r, n)
	ql := mat.DenseCopyOf(q)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			ql.Set(i, j, ql.At(i, j)*lam[j])
		}
	}
	var a mat.Dense
	a.Mul(ql, q.T())
	raw := a.RawMatrix()
	d, e, tau := make([]float64, n), make([]float64, n-1), make([]float64, n-1)
	work := make([]float64, 1)
	lapackImpl.Dsytrd(blas.Upper, n, raw.Data, raw.Stride, d, e, tau, work, -1)
	work = make([]float64, int(work[0]))
	lapackImpl.Dsytrd(blas.Upper, n, raw.Data, raw.Stride, d, e, tau, work, len(work))
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

// TestTridiagonalEigenPrescribedSpectra checks residual, orthogonality and
// eigenvalues (see dcC) on tridiagonal reductions of Q diag(λ) Qᵀ with the
// spectra of LAPACK's test matrices for the tridiagonal eigensolvers (dlatms
// modes 1–4, which dchkst uses with condition 1/ulp; here κ = 1/ε), each
// with random signs:
// one eigenvalue 1 and n − 1 equal to 1/κ, n − 1 equal to 1 and one 1/κ,
// κ^(−i/(n−1)) and 1 − (i/(n−1))(1 − 1/κ), i = 0…n−1; and 1 + kε, k drawn
// from 0…7 (clusters within 8ε of ±1). The repeated eigenvalues make whole
// groups of poles deflate in the merges; every matrix here has an unreduced
// block of order ≥ 197. Measured on these spectra with κ = 1/ε and 1/√ε at
// n = 27–400 (eigenvalues against bisection on Sturm counts, ‖T‖ the
// 2-norm): at most 0.96 for orthogonality, 0.51 for residuals and 0.35 for
// eigenvalues.
func TestTridiagonalEigenPrescribedSpectra(t *testing.T) {
	r := rmt.Stream(21, "tridiag-dc-spectra", 0)
	kappa := 1 / eigEps
	for _, n := range []int{52, 200} {
		for _, name := range []string{"oneLarge", "oneSmall", "geometric", "arithmetic", "epsClusters"} {
			lam := make([]float64, n)
			for i := range lam {
				x := float64(i) / float64(n-1)
				switch name {
				case "oneLarge":
					lam[i] = 1 / kappa
					if i == 0 {
						lam[i] = 1
					}
				case "oneSmall":
					lam[i] = 1
					if i == n-1 {
						lam[i] = 1 / kappa
					}
				case "geometric":
					lam[i] = math.Pow(kappa, -x)
				case "arithmetic":
					lam[i] = 1 - x*(1-1/kappa)
				case "epsClusters":
					lam[i] = 1 + float64(r.IntN(8))*eigEps
				}
				if r.IntN(2) == 0 {
					lam[i] = -lam[i]
				}
			}
			tr := tridiagonalWithSpectrum(r, lam)
			// Largest unreduced block (log only: the orders show which
			// matrices reach the merges, blocks of order > 25).
			var big int
			for l := 0; l < n; {
				m := unreducedEnd(tr.Diag, tr.Off, l, n)
				big = max(big, m-l+1)
				l = m + 1
			}
			t.Logf("%s%d: largest unreduced block %d", name, n, big)
			dcSolveCheck(t, fmt.Sprintf("%s%d", name, n), tridiagonalWithSpectrum(r, lam))
		}
	}
}
