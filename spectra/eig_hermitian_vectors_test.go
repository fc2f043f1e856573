package spectra

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// The tests below hold HermitianEigen to the bounds of SymEigen's tests (see
// symEigenTol): unitary Householder reduction, the tridiagonal solver and the
// back-transformation are backward stable in complex arithmetic as in real
// (Wilkinson, The Algebraic Eigenvalue Problem, 1965, §§3.35–3.45; Golub &
// Van Loan, Matrix Computations, 4th ed., §§5.1.13, 8.3.1; LAPACK Users'
// Guide, 3rd ed., §4.7.1, which states the same p(n)ε‖A‖₂ bounds for zheevd
// as for dsyevd), so with C(n) = 2(n + 8):
//
//	residual     max_{i,j} |(A ẑ_j − λ̂_j ẑ_j)_i| ≤ C(n)·ε·‖A‖₂,
//	unitarity    max_{i,j} |(Ẑ*Ẑ − I)_ij|       ≤ C(n)·ε,
//	eigenvalues  max_j |λ̂_j − λ_j|              ≤ C(n)·ε·‖A‖₂.

// haarUnitary returns an n×n Haar-distributed unitary matrix: the Q of the
// QR factorisation, with R's diagonal positive, of a matrix of iid standard
// complex Gaussian entries (Mezzadri, Notices AMS 54 (2007) 592, §5),
// computed by modified Gram–Schmidt applied twice to each column (Giraud,
// Langou & Rozložník, Comput. Math. Appl. 50 (2005) 1069: "twice is enough"
// for orthogonality to working precision), which leaves R's diagonal
// positive.
func haarUnitary(r *rand.Rand, n int) [][]complex128 {
	g := make([]float64, 2*n*n)
	rmt.NormalFill(r, g)
	cols := make([][]complex128, n)
	for j := range cols {
		c := make([]complex128, n)
		for i := range c {
			c[i] = complex(g[2*(j*n+i)], g[2*(j*n+i)+1])
		}
		for range 2 {
			for _, q := range cols[:j] {
				var s complex128
				for i := range q {
					s += cmplx.Conj(q[i]) * c[i]
				}
				for i := range q {
					c[i] -= s * q[i]
				}
			}
		}
		var nrm float64
		for _, z := range c {
			nrm += real(z)*real(z) + imag(z)*imag(z)
		}
		nrm = math.Sqrt(nrm)
		for i := range c {
			c[i] /= complex(nrm, 0)
		}
		cols[j] = c
	}
	return cols
}

// hermitianFrom returns A = U diag(λ) U* for the unitary U whose columns are
// cols, made exactly Hermitian (the lower triangle is the conjugate of the
// upper, the diagonal real).
func hermitianFrom(cols [][]complex128, lam []float64) *mat.CDense {
	n := len(lam)
	a := mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var s complex128
			for k, c := range cols {
				s += c[i] * complex(lam[k], 0) * cmplx.Conj(c[j])
			}
			if i == j {
				s = complex(real(s), 0)
			}
			a.Set(i, j, s)
			a.Set(j, i, cmplx.Conj(s))
		}
	}
	return a
}

// hermEigenErrors returns the largest residual max|(A z_j − λ_j z_j)_i| and
// the largest entry of |Z*Z − I|, computed in complex128 arithmetic.
func hermEigenErrors(a *mat.CDense, vals []float64, vecs *mat.CDense) (res, orth float64) {
	n, _ := a.Dims()
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			var s complex128
			for k := 0; k < n; k++ {
				s += a.At(i, k) * vecs.At(k, j)
			}
			res = max(res, cmplx.Abs(s-complex(vals[j], 0)*vecs.At(i, j)))
		}
		for i := 0; i < n; i++ {
			var s complex128
			for k := 0; k < n; k++ {
				s += cmplx.Conj(vecs.At(k, i)) * vecs.At(k, j)
			}
			if i == j {
				s--
			}
			orth = max(orth, cmplx.Abs(s))
		}
	}
	return res, orth
}

// checkHermEigen checks the shapes, order, residual and unitarity of
// (vals, vecs) against symEigenTol for a matrix of 2-norm norm, and returns
// the residual and unitarity in units of nε‖A‖₂ and nε.
func checkHermEigen(t *testing.T, name string, a *mat.CDense, vals []float64, vecs *mat.CDense, norm float64) (resRatio, orthRatio float64) {
	t.Helper()
	n, _ := a.Dims()
	if r, c := vecs.Dims(); r != n || c != n || len(vals) != n {
		t.Fatalf("%s: %d values and %d×%d vectors, want %d and %d×%d", name, len(vals), r, c, n, n, n)
	}
	for j := 1; j < n; j++ {
		if vals[j] < vals[j-1] {
			t.Fatalf("%s: not ascending at %d: %g < %g", name, j, vals[j], vals[j-1])
		}
	}
	res, orth := hermEigenErrors(a, vals, vecs)
	tol := symEigenTol(n)
	if !(res <= tol*norm) {
		t.Errorf("%s: residual max|Az − λz| = %g, want ≤ 2(n+8)ε‖A‖₂ = %g", name, res, tol*norm)
	}
	if !(orth <= tol) {
		t.Errorf("%s: max|Z*Z − I| = %g, want ≤ 2(n+8)ε = %g", name, orth, tol)
	}
	unit := float64(n) * eigEps
	return res / (unit * norm), orth / unit
}

// TestHermitianEigenKnownSpectrum checks HermitianEigen on A = U diag(λ) U*
// with U Haar-unitary and spread, clustered (width 1e-10), repeated and
// graded (±1e±12) spectra: eigenvalues, residuals and unitarity within the
// bounds above, for n = 1, 2, 3, odd and even n, and n on both sides of the
// divide-and-conquer leaf (25) and of the back-transformation panel (64).
func TestHermitianEigenKnownSpectrum(t *testing.T) {
	r := rmt.Stream(1, "eig-hermitian-known", 0)
	var worstVal, worstRes, worstOrth float64
	for _, n := range []int{1, 2, 3, 4, 5, 8, 17, 26, 31, 64, 65, 66, 70, 97} {
		u := haarUnitary(r, n)
		for _, kind := range []string{"spread", "clustered", "repeated", "graded"} {
			lam := knownSpectrum(r, kind, n)
			a := hermitianFrom(u, lam)
			var vecs mat.CDense
			vals, err := HermitianEigen(a, nil, &vecs)
			if err != nil {
				t.Fatalf("n = %d, %s: %v", n, kind, err)
			}
			name := fmt.Sprintf("n = %d, %s", n, kind)
			norm := max(math.Abs(lam[0]), math.Abs(lam[n-1]))
			compare(t, name, vals, lam, symEigenTol(n)*norm)
			res, orth := checkHermEigen(t, name, a, vals, &vecs, norm)
			if n >= 31 {
				worstVal = max(worstVal, maxAbsDiff(vals, lam)/(float64(n)*eigEps*norm))
				worstRes = max(worstRes, res)
				worstOrth = max(worstOrth, orth)
			}
		}
	}
	t.Logf("n ≥ 31: max|λ̂ − λ|/(nε‖A‖₂) = %.3g, residual/(nε‖A‖₂) = %.3g, max|Z*Z − I|/(nε) = %.3g (bounds 2(n+8)/n)",
		worstVal, worstRes, worstOrth)
}

// TestHermitianEigenRepeatedSubspace checks the eigenspaces of a matrix with
// eigenvalues −1, 1/2 and 2, each of multiplicity n/3: the eigenvectors of a
// repeated eigenvalue are arbitrary, but the projector onto their span is
// not. The exact projector is P = U_g U_g* (the columns of U for the group);
// the computed one is Σ ẑ_j ẑ_j*. By the Davis–Kahan sin Θ theorem (Davis &
// Kahan, SIAM J. Numer. Anal. 7 (1970) 1) the backward errors of size
// C(n)ε‖A‖₂, and the rounding in forming A, turn the subspace by at most
// about 2C(n)ε‖A‖₂/g, g = 1.5 the smallest gap; the unitarity error adds
// C(n)ε. The test requires max|P − P̂| ≤ 3·C(n)ε‖A‖₂/g.
func TestHermitianEigenRepeatedSubspace(t *testing.T) {
	r := rmt.Stream(2, "eig-hermitian-repeated", 0)
	const n = 66
	u := haarUnitary(r, n)
	lam := knownSpectrum(r, "repeated", n) // sorted: −1 ×22, 0.5 ×22, 2 ×22
	// knownSpectrum sorts λ, so column k of U belongs to lam[k].
	a := hermitianFrom(u, lam)
	var vecs mat.CDense
	vals, err := HermitianEigen(a, nil, &vecs)
	if err != nil {
		t.Fatal(err)
	}
	tol := 3 * symEigenTol(n) * 2 / 1.5
	var worst float64
	for g := 0; g < 3; g++ {
		lo, hi := g*n/3, (g+1)*n/3
		for j := lo; j < hi; j++ {
			if math.Abs(vals[j]-lam[j]) > symEigenTol(n)*2 {
				t.Fatalf("λ[%d] = %g, want %g", j, vals[j], lam[j])
			}
		}
		var diff float64
		for i := 0; i < n; i++ {
			for k := 0; k < n; k++ {
				var p, ph complex128
				for j := lo; j < hi; j++ {
					p += u[j][i] * cmplx.Conj(u[j][k])
					ph += vecs.At(i, j) * cmplx.Conj(vecs.At(k, j))
				}
				diff = max(diff, cmplx.Abs(p-ph))
			}
		}
		if diff > tol {
			t.Errorf("μ = %g: max|P − P̂| = %g, want ≤ %g", lam[lo], diff, tol)
		}
		worst = max(worst, diff)
	}
	t.Logf("n = %d: max|P − P̂| = %.3g = %.3g nε (bound %.3g nε)", n, worst, worst/(n*eigEps), tol/(n*eigEps))
}

// TestHermitianEigenEnsembles compares HermitianEigen with the eigenvalues
// of the real 2n×2n embedding (embeddedHermitian: real reduction and dqds,
// an independent path) on GUE and complex Wishart matrices: each has
// eigenvalue error at most C(n)ε‖A‖₂ (the embedding, of order 2n: C(2n)),
// so they agree to (C(n) + C(2n))ε‖A‖₂; residual and unitarity as above.
// n = 90 and 60 are reduced unblocked, n = 150 blocked (hermitianBlockedMin
// lowered to 128).
func TestHermitianEigenEnsembles(t *testing.T) {
	lowerBlockedMin(t, 128)
	r := rmt.Stream(3, "eig-hermitian-ensembles", 0)
	gue, err := rmt.GUE(r, 90)
	if err != nil {
		t.Fatal(err)
	}
	wish, err := rmt.ComplexWishart(r, 60, 100)
	if err != nil {
		t.Fatal(err)
	}
	gueBig, err := rmt.GUE(r, 150)
	if err != nil {
		t.Fatal(err)
	}
	var worstVals, worstRes, worstOrth float64
	for _, c := range []struct {
		name string
		a    *mat.CDense
	}{{"gue", gue}, {"complex wishart", wish}, {"gue n = 150", gueBig}} {
		want := embeddedHermitian(t, c.a)
		var vecs mat.CDense
		got, err := HermitianEigen(c.a, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		n := len(want)
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, c.name+" vs the real embedding", got, want, (symEigenTol(n)+symEigenTol(2*n))*norm)
		res, orth := checkHermEigen(t, c.name, c.a, got, &vecs, norm)
		worstVals = max(worstVals, maxAbsDiff(got, want)/(float64(n)*eigEps*norm))
		worstRes, worstOrth = max(worstRes, res), max(worstOrth, orth)
	}
	t.Logf("in units of nε‖A‖₂: |λ − λ_embedding| ≤ %.3g, residual %.3g; max|Z*Z − I|/(nε) = %.3g",
		worstVals, worstRes, worstOrth)
}

// TestHermitianEigenRealInput checks that a real symmetric matrix given as a
// complex one (imaginary parts 0) has SymEigen's eigenvalues within
// 2C(n)ε‖A‖₂ (each within C(n)ε‖A‖₂ of the exact ones), and passes the
// residual and unitarity checks.
func TestHermitianEigenRealInput(t *testing.T) {
	r := rmt.Stream(4, "eig-hermitian-real", 0)
	for _, n := range []int{7, 70} {
		s, err := rmt.GOE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		a := mat.NewCDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				a.Set(i, j, complex(s.At(i, j), 0))
			}
		}
		var rv mat.Dense
		want, err := SymEigen(s, nil, &rv)
		if err != nil {
			t.Fatal(err)
		}
		var vecs mat.CDense
		got, err := HermitianEigen(a, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		name := fmt.Sprintf("GOE n = %d as complex", n)
		compare(t, name+" vs SymEigen", got, want, 2*symEigenTol(n)*norm)
		checkHermEigen(t, name, a, got, &vecs, norm)
	}
}

// TestHermitianEigenStructured covers the zero matrix (eigenvalues 0 and
// Z = I exactly), the identity (eigenvalues 1 and n orthonormal vectors) and
// a diagonal matrix with complex unit phases added off the diagonal of a
// tridiagonal (the reduction must turn complex off-diagonals into real
// ones), for n = 1, 2, 3 and odd and even n up to 70.
func TestHermitianEigenStructured(t *testing.T) {
	r := rmt.Stream(5, "eig-hermitian-structured", 0)
	for _, n := range []int{1, 2, 3, 4, 7, 40, 41, 70} {
		var vecs mat.CDense
		vals, err := HermitianEigen(mat.NewCDense(n, n, nil), nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		id := mat.NewCDense(n, n, nil)
		for i := 0; i < n; i++ {
			id.Set(i, i, 1)
		}
		if !mat.CEqual(&vecs, id) || slices.ContainsFunc(vals, func(v float64) bool { return v != 0 || math.Signbit(v) }) {
			t.Errorf("zero matrix n = %d: want zero eigenvalues and Z = I", n)
		}

		vals, err = HermitianEigen(id, vals, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, fmt.Sprintf("identity n = %d", n), vals, slices.Repeat([]float64{1}, n), symEigenTol(n))
		checkHermEigen(t, fmt.Sprintf("identity n = %d", n), id, vals, &vecs, 1)

		// Tridiagonal with off-diagonal e_k·exp(iθ_k): unitarily similar,
		// by a diagonal unitary, to the real tridiagonal with e_k.
		tri := goeTridiagonal(uint64(n), n, 2)
		b := mat.NewCDense(n, n, nil)
		for i := 0; i < n; i++ {
			b.Set(i, i, complex(tri.Diag[i], 0))
			if i+1 < n {
				z := cmplx.Rect(tri.Off[i], 2*math.Pi*r.Float64())
				b.Set(i, i+1, z)
				b.Set(i+1, i, cmplx.Conj(z))
			}
		}
		vals, err = HermitianEigen(b, vals, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		want, err := TridiagonalEigenvalues(tri, nil)
		if err != nil {
			t.Fatal(err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		name := fmt.Sprintf("complex tridiagonal n = %d", n)
		compare(t, name, vals, want, symEigenTol(n)*norm)
		checkHermEigen(t, name, b, vals, &vecs, norm)
	}
}

// scaledCDense returns 2^k·a, entry by entry (math.Ldexp, exact while the
// results are normal numbers).
func scaledCDense(a *mat.CDense, k int) *mat.CDense {
	n, _ := a.Dims()
	b := mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			z := a.At(i, j)
			b.Set(i, j, complex(math.Ldexp(real(z), k), math.Ldexp(imag(z), k)))
		}
	}
	return b
}

// TestHermitianEigenExtremeNorms checks matrices of huge and tiny norm.
// HermitianEigen scales by a power of two to max(|Re a_ij|, |Im a_ij|) in
// [1/2, 1), so for 2^k·A with normal entries (k = 1023: entries near
// 1.3e308; k = 1000: 1e301; k = −1000: 1e-301) it computes from the same
// scaled matrix: the eigenvectors are A's bit for bit and the eigenvalues
// exactly 2^k times A's. An off-diagonal entry whose square underflows is
// handled, and an eigenvalue beyond MaxFloat64 is errEigenOverflow.
func TestHermitianEigenExtremeNorms(t *testing.T) {
	r := rmt.Stream(6, "eig-hermitian-extreme", 0)
	const n = 37
	// A = diag(1.5, d_1, …) + 0.01·U diag(λ) U*, d_i and λ_i uniform on
	// [−1, 1]: max|a_ij| ≥ 1.49 and ‖A‖₂ ≤ 1.51.
	lam := knownSpectrum(r, "spread", n)
	for i := range lam {
		lam[i] *= 0.01
	}
	a := hermitianFrom(haarUnitary(r, n), lam)
	for i := 0; i < n; i++ {
		d := 2*r.Float64() - 1
		if i == 0 {
			d = 1.5
		}
		a.Set(i, i, a.At(i, i)+complex(d, 0))
	}
	var base mat.CDense
	bvals, err := HermitianEigen(a, nil, &base)
	if err != nil {
		t.Fatal(err)
	}
	checkHermEigen(t, "A", a, bvals, &base, 1.51)
	for _, k := range []int{1023, 1000, -1000} {
		ak := scaledCDense(a, k)
		var vecs mat.CDense
		vals, err := HermitianEigen(ak, nil, &vecs)
		if err != nil {
			t.Fatalf("k = %d: %v", k, err)
		}
		want := make([]float64, n)
		for i, v := range bvals {
			want[i] = math.Ldexp(v, k)
		}
		compare(t, fmt.Sprintf("2^%d·A", k), vals, want, 0)
		if !mat.CEqual(&vecs, &base) {
			t.Errorf("2^%d·A: eigenvectors differ from A's", k)
		}
	}
	// [[1, it], [−it, 2]] with t = 1e-170, whose t² underflows to 0: the
	// reflector that makes the off-diagonal real must take |it| as t, not
	// as √(t²) = 0 (which gave τ = NaN). Eigenvalues 1 − t² and 2 + t²,
	// eigenvectors e_0 and e_1 up to phases and to t.
	tiny := mat.NewCDense(2, 2, []complex128{1, complex(0, 1e-170), complex(0, -1e-170), 2})
	var tvecs mat.CDense
	tvals, err := HermitianEigen(tiny, nil, &tvecs)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "[[1, 1e-170i], [−1e-170i, 2]]", tvals, []float64{1, 2}, symEigenTol(2)*2)
	checkHermEigen(t, "[[1, 1e-170i], [−1e-170i, 2]]", tiny, tvals, &tvecs, 2)
	if math.Abs(cmplx.Abs(tvecs.At(0, 0))-1) > 2*eigEps || math.Abs(cmplx.Abs(tvecs.At(1, 1))-1) > 2*eigEps {
		t.Errorf("[[1, 1e-170i], [−1e-170i, 2]]: eigenvectors %v, want ≈ e_0, e_1 up to phases", tvecs.RawCMatrix().Data)
	}
	// [[1, z], [z̄, 2]] with z subnormal: the reflector that turns z's phase
	// must be computed from z scaled up, or it is unitary only to the few
	// bits of z (max|Z*Z − I| was 1e-4 here).
	sub := mat.NewCDense(2, 2, []complex128{1, complex(1e-320, 3e-321), complex(1e-320, -3e-321), 2})
	tvals, err = HermitianEigen(sub, nil, &tvecs)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "[[1, z], [z̄, 2]], z subnormal", tvals, []float64{1, 2}, symEigenTol(2)*2)
	checkHermEigen(t, "[[1, z], [z̄, 2]], z subnormal", sub, tvals, &tvecs, 2)
	// [[h, ih], [−ih, h]] has eigenvalues 0 and 2h: 2h overflows for h = 1e308.
	h := 1e308
	var vecs mat.CDense
	big := mat.NewCDense(2, 2, []complex128{complex(h, 0), complex(0, h), complex(0, -h), complex(h, 0)})
	if _, err := HermitianEigen(big, nil, &vecs); err != errEigenOverflow {
		t.Errorf("eigenvalue 2e308: err = %v, want errEigenOverflow", err)
	}
}

// TestHermitianEigenBadInput checks that bad input is an error naming the
// parameter, never a panic, and leaves vals and vecs unchanged.
func TestHermitianEigenBadInput(t *testing.T) {
	good := mat.NewCDense(3, 3, []complex128{2, 1i, 0, -1i, 2, 0, 0, 0, 1})
	nan := mat.NewCDense(3, 3, nil)
	nan.Set(1, 2, complex(math.NaN(), 0))
	inf := mat.NewCDense(3, 3, nil)
	inf.Set(2, 2, complex(0, math.Inf(1)))
	nonHerm := mat.NewCDense(3, 3, []complex128{1, 1i, 0, 1i, 1, 0, 0, 0, 1}) // a_10 = i, want −i
	for _, c := range []struct {
		name string
		a    *mat.CDense
		vecs *mat.CDense
		want string
	}{
		{"nil a", nil, &mat.CDense{}, "matrix a is nil"},
		{"2×3 a", mat.NewCDense(2, 3, nil), &mat.CDense{}, "matrix a is 2×3"},
		{"NaN", nan, &mat.CDense{}, "a[1][2] = (NaN+0i)"},
		{"Inf", inf, &mat.CDense{}, "a[2][2] = (0+Infi)"},
		{"not Hermitian", nonHerm, &mat.CDense{}, "want a Hermitian matrix"},
		{"vecs 3×4", good, mat.NewCDense(3, 4, nil), "vecs is 3×4, want empty or 3×3"},
		{"vecs nil", good, nil, "vecs is nil"},
	} {
		vals := []float64{7, 7, 7}
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("%s: panic %v", c.name, p)
				}
			}()
			_, err = HermitianEigen(c.a, vals, c.vecs)
		}()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one containing %q", c.name, err, c.want)
		}
		if !slices.Equal(vals, []float64{7, 7, 7}) {
			t.Errorf("%s: vals changed to %v", c.name, vals)
		}
		if c.vecs != nil && !c.vecs.IsEmpty() {
			if r, cc := c.vecs.Dims(); r != 3 || cc != 4 || !mat.CEqual(c.vecs, mat.NewCDense(3, 4, nil)) {
				t.Errorf("%s: vecs changed", c.name)
			}
		}
	}
}

// TestHermitianEigenDeterministic checks that repeated calls, with vals and
// vecs reused, and calls with one or more goroutines give the same bits, at
// n = 300, where the first reduction steps are split into hermitianChunks
// parts (trailing triangles of at least hermitianChunks·
// hermitianEntriesPerTask entries, m ≥ 256) but every matrix product stays
// on one goroutine (m·n·k below internal/gemm's 200³), and at n = 400, where
// the back-transformation's products (64 × 399 × 400 and up) are split
// between goroutines; that the n = 300 result passes the accuracy checks;
// and that vecs may be a view (row stride larger than n).
func TestHermitianEigenDeterministic(t *testing.T) {
	const n = 300
	a, err := rmt.GUE(rmt.Stream(7, "eig-hermitian-determinism", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	var v0 mat.CDense
	w0, err := HermitianEigen(a, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	want := embeddedHermitian(t, a)
	norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
	compare(t, "GUE n = 300 vs the real embedding", w0, want, (symEigenTol(n)+symEigenTol(2*n))*norm)
	res, orth := checkHermEigen(t, "GUE n = 300", a, w0, &v0, norm)
	t.Logf("GUE n = 300: residual/(nε‖A‖₂) = %.3g, max|Z*Z − I|/(nε) = %.3g", res, orth)
	// vecs a view into a larger matrix (row stride n + 3): the same bits,
	// and the entries around the view untouched.
	big := mat.NewCDense(n+2, n+3, nil)
	for i := range big.RawCMatrix().Data {
		big.RawCMatrix().Data[i] = 7
	}
	view := big.Slice(1, n+1, 2, n+2).(*mat.CDense)
	if _, err := HermitianEigen(a, nil, view); err != nil {
		t.Fatal(err)
	}
	if !mat.CEqual(view, &v0) {
		t.Error("vecs a view: result differs")
	}
	for i := 0; i < n+2; i++ {
		for j := 0; j < n+3; j++ {
			if (i < 1 || i > n || j < 2 || j > n+1) && big.At(i, j) != 7 {
				t.Fatalf("vecs a view: entry (%d, %d) outside it changed to %v", i, j, big.At(i, j))
			}
		}
	}
	vals := make([]float64, 0, n)
	var vecs mat.CDense
	for _, procs := range []int{1, 4, 2} {
		prev := runtime.GOMAXPROCS(procs)
		vals, err = HermitianEigen(a, vals, &vecs)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(vals, w0) || !mat.CEqual(&vecs, &v0) {
			t.Errorf("GOMAXPROCS %d: result differs from the first call's", procs)
		}
	}
	large, err := rmt.GUE(rmt.Stream(7, "eig-hermitian-determinism", 1), 400)
	if err != nil {
		t.Fatal(err)
	}
	var all, one mat.CDense
	wAll, wOne := parallelThenSerial(t, func(serial bool) ([]float64, error) {
		if serial {
			return HermitianEigen(large, nil, &one)
		}
		return HermitianEigen(large, nil, &all)
	})
	if !slices.Equal(wOne, wAll) || !mat.CEqual(&one, &all) {
		t.Error("n = 400: GOMAXPROCS(1) result differs from the parallel one")
	}
}

// TestHermitianEigenGUEFourthMoment checks the eigenvector statistics of the
// GUE: its eigenvector matrix is Haar-distributed on the unitary group
// (Mehta, Random Matrices, 3rd ed., 2004, §3.1 and Ch. 3: the GUE density
// is invariant under H → U H U*), so each component of an eigenvector has
// |u_i|² ~ Beta(1, n − 1), E|u_i|⁴ = 2/(n(n+1)), and the inverse
// participation ratio satisfies E[n·Σ_i |u_i|⁴] = 2n/(n+1) exactly (for
// real GOE eigenvectors it is 3n/(n+2): 1.961 against 2.885 at n = 50,
// which the test tells apart easily). Over 200 GUE matrices of order 50,
// the mean of the per-matrix averages over all n eigenvectors must lie
// within 5 standard errors (from the spread of the per-matrix averages,
// which are independent) of 2n/(n+1).
func TestHermitianEigenGUEFourthMoment(t *testing.T) {
	const n, samples = 50, 200
	var vecs mat.CDense
	var vals []float64
	per := make([]float64, samples)
	for s := range per {
		a, err := rmt.GUE(rmt.Stream(8, "eig-hermitian-gue-ipr", uint64(s)), n)
		if err != nil {
			t.Fatal(err)
		}
		if vals, err = HermitianEigen(a, vals, &vecs); err != nil {
			t.Fatal(err)
		}
		var sum float64
		for j := 0; j < n; j++ {
			for i := 0; i < n; i++ {
				p := real(vecs.At(i, j))*real(vecs.At(i, j)) + imag(vecs.At(i, j))*imag(vecs.At(i, j))
				sum += p * p
			}
		}
		per[s] = float64(n) * sum / float64(n) // n·Σ_i|u_i|⁴, averaged over the n eigenvectors
	}
	var mean, ss float64
	for _, v := range per {
		mean += v
	}
	mean /= samples
	for _, v := range per {
		ss += (v - mean) * (v - mean)
	}
	se := math.Sqrt(ss / (samples - 1) / samples)
	want := 2.0 * n / (n + 1)
	z := (mean - want) / se
	if math.Abs(z) > 5 {
		t.Errorf("mean n·Σ|u_i|⁴ = %.5f ± %.5f, want %.5f (z = %.2f, |z| ≤ 5)", mean, se, want, z)
	}
	t.Logf("n = %d, %d GUE matrices: mean n·Σ|u_i|⁴ = %.5f ± %.5f (theory 2n/(n+1) = %.5f, z = %.2f)", n, samples, mean, se, want, z)
}

// fuzzHermitianLarge returns the Hermitian matrix H with H_ii = S_ii and,
// for i < j, H_ij = S_ij + i·S_{i,j−1} and H_ji = conj(H_ij), built from the
// fuzzer's symmetric matrix S = fuzzSymLarge(data, maxN) (large structured
// matrices from short inputs, unlike fuzzHermitian's n ≤ 6): every real and
// imaginary part is an entry of S, and every entry of S is used, so H is
// finite exactly when S is, and max(|Re h_ij|, |Im h_ij|) = max|s_ij|.
func fuzzHermitianLarge(data []byte, maxN int) (h *mat.CDense, sym *mat.SymDense) {
	sym = fuzzSymLarge(data, maxN)
	n := sym.SymmetricDim()
	h = mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		h.Set(i, i, complex(sym.At(i, i), 0))
		for j := i + 1; j < n; j++ {
			z := complex(sym.At(i, j), sym.At(i, j-1))
			h.Set(i, j, z)
			h.Set(j, i, cmplx.Conj(z))
		}
	}
	return h, sym
}

// FuzzHermitianEigen checks HermitianEigen on the fuzzer's Hermitian
// matrices (fuzzHermitianLarge: n ≤ 70, entries from subnormal to near
// MaxFloat64, any bit pattern) with the bounds of FuzzSymEigen: an error
// exactly when an entry is not finite or (errEigenOverflow) when an
// eigenvalue may exceed MaxFloat64, which needs ‖H‖₂ ≤ √2·n·max|s_ij| to
// exceed it; otherwise, on the matrix scaled exactly by s =
// pow2Scale(max|s_ij|), residual max|H z − λ z| ≤ δ = C·n·ε·‖H‖_F plus two
// subnormal ulps, max|Z*Z − I| ≤ C·n·ε (C = fuzzDenseC), and the
// eigenvalues within δ + δ' of those of the real embedding M of order 2n
// (embeddedHermitian, an independent path), δ' its bound C·2n·ε·‖M‖_F
// (plus two ulps), ‖M‖_F = √2·‖H‖_F.
func FuzzHermitianEigen(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		h, sym := fuzzHermitianLarge(data, 70)
		n, _ := h.Dims()
		var vecs mat.CDense
		got, err := HermitianEigen(h, nil, &vecs)
		finite, amax := symFinite(sym)
		if !finite {
			if err == nil {
				t.Fatal("non-finite entry: no error")
			}
			return
		}
		if err != nil {
			if err != errEigenOverflow || !(amax > math.MaxFloat64/(2*float64(n))) {
				t.Fatalf("n = %d, max|s_ij| = %g: %v", n, amax, err)
			}
			return
		}
		s := 1.0
		if amax > 0 {
			s = pow2Scale(amax)
		}
		hs := mat.NewCDense(n, n, nil)
		var ss float64
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				z := h.At(i, j)
				z = complex(real(z)*s, imag(z)*s)
				hs.Set(i, j, z)
				ss += real(z)*real(z) + imag(z)*imag(z)
			}
		}
		fro := math.Sqrt(ss)
		ulps := 2 * math.Ldexp(s, -1074)
		delta := fuzzDenseC*float64(n)*fuzzEps*fro + ulps
		ls := make([]float64, n)
		for i, v := range got {
			ls[i] = v * s
		}
		res, orth := hermEigenErrors(hs, ls, &vecs)
		if !(res <= delta) || !(orth <= fuzzDenseC*float64(n)*fuzzEps) {
			t.Fatalf("n = %d: residual·s = %g (bound %g), max|Z*Z − I| = %g (bound %g)",
				n, res, delta, orth, fuzzDenseC*float64(n)*fuzzEps)
		}
		only := embeddedHermitian(t, h)
		delta2 := fuzzDenseC*float64(2*n)*fuzzEps*math.Sqrt2*fro + ulps
		for i := range ls {
			if d := math.Abs(ls[i] - only[i]*s); !(d <= delta+delta2) {
				t.Fatalf("n = %d: λ[%d]·s = %g, the embedding's %g (|Δ| = %g > %g)", n, i, ls[i], only[i]*s, d, delta+delta2)
			}
		}
	})
}

// benchHermitianEigen times HermitianEigen on a GUE matrix with vals and
// vecs reused.
func benchHermitianEigen(b *testing.B, n int) {
	a, err := rmt.GUE(rmt.Stream(1, "eig-hermitian-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]float64, n)
	vecs := mat.NewCDense(n, n, nil)
	b.ReportAllocs()
	for b.Loop() {
		if vals, err = HermitianEigen(a, vals, vecs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHermitianEigen200(b *testing.B)  { benchHermitianEigen(b, 200) }
func BenchmarkHermitianEigen1000(b *testing.B) { benchHermitianEigen(b, 1000) }

// benchHermitianEigenvalues times HermitianEigenvalues (eigenvalues only)
// on the same matrices, for comparison.
func benchHermitianEigenvalues(b *testing.B, n int) {
	a, err := rmt.GUE(rmt.Stream(1, "eig-hermitian-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]float64, n)
	b.ReportAllocs()
	for b.Loop() {
		if vals, err = HermitianEigenvalues(a, vals); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHermitianEigenvalues200(b *testing.B)  { benchHermitianEigenvalues(b, 200) }
func BenchmarkHermitianEigenvalues1000(b *testing.B) { benchHermitianEigenvalues(b, 1000) }
