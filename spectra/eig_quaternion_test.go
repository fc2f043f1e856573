package spectra

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/num/quat"

	"github.com/rmtsim/rmtsim/rmt"
)

// The tests below hold the quaternion solvers to the bounds of the real and
// complex ones (symEigenTol, C(n) = 2(n + 8)): Householder reduction by
// unitary reflectors is backward stable over the quaternions as over the
// complex numbers (Bunse-Gerstner, Byers & Mehrmann, Numer. Math. 55 (1989)
// 83, Section 3, who also note that all operations can be done in the
// complex 2×2 representation, where Wilkinson's analysis applies), and the
// real tridiagonal solvers are the package's, so that for the order n of the
// quaternion matrix
//
//	eigenvalues  max_j |λ̂_j − λ_j|              ≤ C(n)·ε·‖A‖₂,
//
// and, for the 2n columns ẑ_j of vecs (each eigenvalue twice) and the 2n×2n
// complex matrix A, by checkHermEigen with the complex order 2n,
//
//	residual     max_{i,j} |(A ẑ_j − λ̂_j ẑ_j)_i| ≤ C(2n)·ε·‖A‖₂,
//	unitarity    max_{i,j} |(Ẑ*Ẑ − I)_ij|       ≤ C(2n)·ε.

// Storage conventions, written out independently of the code under test.
const (
	testSplit  = 0 // rmt.GSE's [[A, B], [−B̄, Ā]]
	testBlocks = 1 // 2×2 blocks [[z, w], [−w̄, z̄]]
)

// testRows returns the complex rows holding quaternion index i.
func testRows(layout, n, i int) (int, int) {
	if layout == testSplit {
		return i, n + i
	}
	return 2 * i, 2*i + 1
}

// quaternionToComplex returns the 2n×2n complex representation of the full
// n×n quaternion matrix q (row-major): q = z + w·j ↦ [[z, w], [−w̄, z̄]].
func quaternionToComplex(q []quat.Number, n, layout int) *mat.CDense {
	m := mat.NewCDense(2*n, 2*n, nil)
	for i := 0; i < n; i++ {
		r0i, r1i := testRows(layout, n, i)
		for j := 0; j < n; j++ {
			r0j, r1j := testRows(layout, n, j)
			v := q[i*n+j]
			z, w := complex(v.Real, v.Imag), complex(v.Jmag, v.Kmag)
			m.Set(r0i, r0j, z)
			m.Set(r0i, r1j, w)
			m.Set(r1i, r0j, -cmplx.Conj(w))
			m.Set(r1i, r1j, cmplx.Conj(z))
		}
	}
	return m
}

// haarSymplectic returns an n×n Haar-distributed quaternion unitary matrix
// (row-major; an element of the compact symplectic group Sp(n)): the Q of
// the QR factorisation, with R's diagonal positive, of a matrix of iid
// standard quaternion Gaussian entries (Mezzadri, Notices AMS 54 (2007)
// 592, §5, whose argument holds for any of the three classical compact
// groups), by modified Gram–Schmidt applied twice to each column, the
// projections on the left: c ← c − q (q* c).
func haarSymplectic(r *rand.Rand, n int) []quat.Number {
	g := make([]float64, 4*n*n)
	rmt.NormalFill(r, g)
	cols := make([][]quat.Number, n)
	for j := range cols {
		c := make([]quat.Number, n)
		for i := range c {
			k := 4 * (j*n + i)
			c[i] = quat.Number{Real: g[k], Imag: g[k+1], Jmag: g[k+2], Kmag: g[k+3]}
		}
		for range 2 {
			for _, q := range cols[:j] {
				var s quat.Number
				for i := range q {
					s = quat.Add(s, quat.Mul(quat.Conj(q[i]), c[i]))
				}
				for i := range q {
					c[i] = quat.Sub(c[i], quat.Mul(q[i], s))
				}
			}
		}
		var nrm float64
		for _, z := range c {
			nrm += z.Real*z.Real + z.Imag*z.Imag + z.Jmag*z.Jmag + z.Kmag*z.Kmag
		}
		nrm = math.Sqrt(nrm)
		for i := range c {
			c[i] = quat.Scale(1/nrm, c[i])
		}
		cols[j] = c
	}
	u := make([]quat.Number, n*n)
	for j, c := range cols {
		for i, v := range c {
			u[i*n+j] = v
		}
	}
	return u
}

// quaternionFrom returns A = U diag(λ) U* for the n×n quaternion unitary u,
// made exactly quaternion Hermitian (q_ji = conj(q_ij), the diagonal real),
// in the given storage convention.
func quaternionFrom(u []quat.Number, lam []float64, layout int) *mat.CDense {
	n := len(lam)
	q := make([]quat.Number, n*n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			var s quat.Number
			for k, l := range lam {
				s = quat.Add(s, quat.Mul(quat.Scale(l, u[i*n+k]), quat.Conj(u[j*n+k])))
			}
			if i == j {
				s = quat.Number{Real: s.Real}
			}
			q[i*n+j], q[j*n+i] = s, quat.Conj(s)
		}
	}
	return quaternionToComplex(q, n, layout)
}

// doubled returns each value twice, the spectrum of the 2n×2n matrix.
func doubled(vals []float64) []float64 {
	out := make([]float64, 0, 2*len(vals))
	for _, v := range vals {
		out = append(out, v, v)
	}
	return out
}

// checkQuaternionEigen checks that QuaternionEigen returned n values for
// the 2n×2n matrix a, that column 2j+1 of vecs is exactly the time-reversal
// partner of column 2j in the layout, and the order, residual and unitarity
// of the 2n pairs (each value twice) by checkHermEigen, whose bounds
// C(2n)·ε·‖A‖₂ and C(2n)·ε are those of the complex matrix's order 2n. It
// returns the residual and the unitarity in units of 2nε‖A‖₂ and 2nε.
func checkQuaternionEigen(t *testing.T, name string, a *mat.CDense, layout int, vals []float64, vecs *mat.CDense, norm float64) (resRatio, orthRatio float64) {
	t.Helper()
	m, _ := a.Dims()
	n := m / 2
	if r, c := vecs.Dims(); r != m || c != m || len(vals) != n {
		t.Fatalf("%s: %d values and %d×%d vectors, want %d and %d×%d", name, len(vals), r, c, n, m, m)
	}
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			r0, r1 := testRows(layout, n, i)
			if vecs.At(r0, 2*j+1) != -cmplx.Conj(vecs.At(r1, 2*j)) || vecs.At(r1, 2*j+1) != cmplx.Conj(vecs.At(r0, 2*j)) {
				t.Fatalf("%s: column %d is not T·column %d at quaternion row %d", name, 2*j+1, 2*j, i)
			}
		}
	}
	return checkHermEigen(t, name, a, doubled(vals), vecs, norm)
}

// TestQuaternionKnownSpectrum checks QuaternionEigenvalues and
// QuaternionEigen on A = U diag(λ) U* with U Haar on Sp(n), in both storage
// conventions, for spread (uniform on [−1, 1]), clustered (width 1e-10) and
// graded (±1e±8) spectra and n = 1, 2, 3, 26 and 60 (either side of the
// divide-and-conquer leaf, 25): eigenvalues, residuals, unitarity and the
// Kramers structure of the vectors within the bounds above.
func TestQuaternionKnownSpectrum(t *testing.T) {
	r := rmt.Stream(1, "eig-quaternion-known", 0)
	var worstVal, worstRes, worstOrth float64
	for _, n := range []int{1, 2, 3, 26, 60} {
		u := haarSymplectic(r, n)
		spectra := map[string][]float64{}
		spread := make([]float64, n)
		for i := range spread {
			spread[i] = 2*r.Float64() - 1
		}
		spectra["spread"] = spread
		cluster := make([]float64, n)
		for i := range cluster {
			cluster[i] = 0.5 + 1e-10*r.Float64()
		}
		cluster[0] = -1
		spectra["cluster"] = cluster
		graded := make([]float64, n)
		for i := range graded {
			graded[i] = math.Pow(10, float64(-8+16*i/max(n-1, 1))) * float64(1-2*(i%2))
		}
		spectra["graded"] = graded
		for _, kind := range []string{"spread", "cluster", "graded"} {
			lam := spectra[kind]
			want := slices.Clone(lam)
			slices.Sort(want)
			norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
			for layout, lname := range []string{"split", "blocks"} {
				name := kind + "/" + lname
				a := quaternionFrom(u, lam, layout)
				got, err := QuaternionEigenvalues(a, nil)
				if err != nil {
					t.Fatalf("%s n = %d: %v", name, n, err)
				}
				tol := symEigenTol(n) * norm
				compare(t, name, got, want, tol)
				var vecs mat.CDense
				vals, err := QuaternionEigen(a, nil, &vecs)
				if err != nil {
					t.Fatalf("%s n = %d: QuaternionEigen: %v", name, n, err)
				}
				compare(t, name+" QuaternionEigen", vals, want, tol)
				res, orth := checkQuaternionEigen(t, name, a, layout, vals, &vecs, norm)
				if n < 26 {
					continue
				}
				for i := range got {
					worstVal = max(worstVal, math.Abs(got[i]-want[i])/(float64(n)*eigEps*norm), math.Abs(vals[i]-want[i])/(float64(n)*eigEps*norm))
				}
				worstRes, worstOrth = max(worstRes, res), max(worstOrth, orth)
			}
		}
	}
	t.Logf("n ≥ 26: max |Δλ|/(nε‖A‖₂) = %.3g, residual/(2nε‖A‖₂) = %.3g, max|Z*Z − I|/(2nε) = %.3g", worstVal, worstRes, worstOrth)
}

// gseBlocks returns the GSE matrix g (rmt.GSE's [[A, B], [−B̄, Ā]]) in the
// 2×2-block convention: the same quaternion matrix with rows and columns
// permuted (i → 2i, n+i → 2i+1), so the same eigenvalues.
func gseBlocks(g *mat.CDense) *mat.CDense {
	m, _ := g.Dims()
	n := m / 2
	p := func(i int) int {
		if i < n {
			return 2 * i
		}
		return 2*(i-n) + 1
	}
	b := mat.NewCDense(m, m, nil)
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			b.Set(p(i), p(j), g.At(i, j))
		}
	}
	return b
}

// TestQuaternionEigenvaluesGSE compares the quaternion reduction with the
// 4n×4n real embedding (embeddedQuaternionEigenvalues, the method before
// it) on rmt.GSE matrices of order n = 1…60 and 260 (whose first steps run
// in parallel parts, see quaternionTridiagonal), in both conventions
// (the block one by permuting rows and columns, which must give the same
// bits: the same quaternion matrix is read), within the sum of the two
// methods' bounds, C(n) + C(4n), times ‖A‖₂.
func TestQuaternionEigenvaluesGSE(t *testing.T) {
	var worst float64
	for _, n := range append(rangeInts(1, 60), 260) {
		g, err := rmt.GSE(rmt.Stream(2, "eig-quaternion-gse", uint64(n)), n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := QuaternionEigenvalues(g, nil)
		if err != nil {
			t.Fatalf("n = %d: %v", n, err)
		}
		want, err := embeddedQuaternionEigenvalues(g, nil)
		if err != nil {
			t.Fatalf("n = %d: embedding: %v", n, err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, "GSE", got, want, (symEigenTol(n)+symEigenTol(4*n))*norm)
		for i := range got {
			if n >= 20 {
				worst = max(worst, math.Abs(got[i]-want[i])/(float64(n)*eigEps*norm))
			}
		}
		gb, err := QuaternionEigenvalues(gseBlocks(g), nil)
		if err != nil {
			t.Fatalf("n = %d, blocks: %v", n, err)
		}
		if !slices.Equal(gb, got) {
			t.Fatalf("n = %d: the block convention gives %v, the split one %v", n, gb, got)
		}
	}
	t.Logf("GSE n = 20…60, 260: max |λ − λ_embedding|/(nε‖A‖₂) = %.3g", worst)
}

func rangeInts(lo, hi int) []int {
	var s []int
	for i := lo; i <= hi; i++ {
		s = append(s, i)
	}
	return s
}

// TestQuaternionExtremeNorms: both functions scale by a power of two to a
// largest component in [1/2, 1), so for 2^k·A with normal entries
// (k = 1000: entries near 1e300; k = −1000: near 1e-302) they compute from
// the same scaled matrix: the eigenvectors are A's bit for bit and the
// eigenvalues exactly 2^k times A's. Eigenvalues beyond MaxFloat64 are
// errEigenOverflow.
func TestQuaternionExtremeNorms(t *testing.T) {
	const n = 31
	a, err := rmt.GSE(rmt.Stream(3, "eig-quaternion-extreme", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	w0, err := QuaternionEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	var v0 mat.CDense
	e0, err := QuaternionEigen(a, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1000, -1000} {
		b := scaledCDense(a, k)
		w, err := QuaternionEigenvalues(b, nil)
		if err != nil {
			t.Fatalf("2^%d·A: %v", k, err)
		}
		var v mat.CDense
		e, err := QuaternionEigen(b, nil, &v)
		if err != nil {
			t.Fatalf("2^%d·A: QuaternionEigen: %v", k, err)
		}
		for i := range w {
			if w[i] != math.Ldexp(w0[i], k) || e[i] != math.Ldexp(e0[i], k) {
				t.Fatalf("2^%d·A: λ[%d] = %g, %g, want 2^%d·(%g, %g) exactly", k, i, w[i], e[i], k, w0[i], e0[i])
			}
		}
		if !mat.CEqual(&v, &v0) {
			t.Errorf("2^%d·A: eigenvectors differ from A's", k)
		}
	}
	// 2^k·A with its largest component in [2^1023, 2^1024) (finite) has
	// eigenvalues beyond MaxFloat64 ≈ 2^1024 when ‖A‖₂ ≥ 2·max|Re, Im a_ij|.
	var amax float64
	for _, z := range a.RawCMatrix().Data {
		amax = max(amax, math.Abs(real(z)), math.Abs(imag(z)))
	}
	if norm := max(-w0[0], w0[n-1]); norm < 2*amax {
		t.Fatalf("‖A‖₂ = %g < 2·max|a_ij| = %g: no overflow to test", norm, 2*amax)
	}
	k := 1023 - math.Ilogb(amax)
	b := scaledCDense(a, k)
	if _, err := QuaternionEigenvalues(b, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("2^%d·A: QuaternionEigenvalues error %v, want errEigenOverflow", k, err)
	}
	var v mat.CDense
	if _, err := QuaternionEigen(b, nil, &v); !errors.Is(err, errEigenOverflow) {
		t.Errorf("2^%d·A: QuaternionEigen error %v, want errEigenOverflow", k, err)
	}
}

// TestQuaternionNotSelfDual checks the documented behaviour off the two
// conventions: a Hermitian matrix without Kramers degeneracy is rejected by
// both functions; a self-dual matrix stored in a third layout (a GSE matrix
// with its rows and columns permuted by a random permutation) is solved by
// QuaternionEigenvalues through the real embedding, with the same spectrum,
// and rejected by QuaternionEigen; a self-dual matrix perturbed by a
// Hermitian 1e-12·E (within the tolerance 1e-8) is solved by the quaternion
// path within 1e-11 of the unperturbed spectrum, one perturbed by 1e-6 (beyond
// it, Kramers pairs split by about 1e-6) is rejected.
func TestQuaternionNotSelfDual(t *testing.T) {
	r := rmt.Stream(4, "eig-quaternion-not-self-dual", 0)
	h := hermitianFrom(haarUnitary(r, 6), []float64{1, 2, 3, 4, 5, 6})
	if _, err := QuaternionEigenvalues(h, nil); err == nil || !strings.Contains(err.Error(), "Kramers") {
		t.Errorf("Hermitian, not self-dual: QuaternionEigenvalues error %v, want a Kramers-pair error", err)
	}
	var v mat.CDense
	if _, err := QuaternionEigen(h, nil, &v); err == nil || !strings.Contains(err.Error(), "matrix a") {
		t.Errorf("Hermitian, not self-dual: QuaternionEigen error %v, want one naming a", err)
	}
	if !v.IsEmpty() {
		t.Error("QuaternionEigen wrote vecs on error")
	}

	const n = 12
	g, err := rmt.GSE(rmt.Stream(4, "eig-quaternion-not-self-dual", 1), n)
	if err != nil {
		t.Fatal(err)
	}
	want, err := QuaternionEigenvalues(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	perm := r.Perm(2 * n)
	pg := mat.NewCDense(2*n, 2*n, nil)
	for i := 0; i < 2*n; i++ {
		for j := 0; j < 2*n; j++ {
			pg.Set(perm[i], perm[j], g.At(i, j))
		}
	}
	if quaternionLayout(pg.RawCMatrix(), n) != quaternionNone {
		t.Fatal("the permuted matrix is in a recognised convention; pick another permutation")
	}
	got, err := QuaternionEigenvalues(pg, nil)
	if err != nil {
		t.Fatalf("permuted GSE: %v", err)
	}
	compare(t, "permuted GSE via the embedding", got, want, (symEigenTol(n)+symEigenTol(4*n))*4)
	if _, err := QuaternionEigen(pg, nil, &v); err == nil || !strings.Contains(err.Error(), "matrix a") {
		t.Errorf("permuted GSE: QuaternionEigen error %v, want one naming a", err)
	}

	e := hermitianFrom(haarUnitary(r, 2*n), rangeFloats(2*n))
	for _, c := range []struct {
		eps float64
		ok  bool
	}{{1e-12, true}, {1e-6, false}} {
		p := mat.NewCDense(2*n, 2*n, nil)
		for i := 0; i < 2*n; i++ {
			for j := 0; j < 2*n; j++ {
				p.Set(i, j, g.At(i, j)+complex(c.eps/float64(2*n), 0)*e.At(i, j))
			}
		}
		got, err := QuaternionEigenvalues(p, nil)
		if c.ok {
			if err != nil {
				t.Fatalf("perturbation %g: %v", c.eps, err)
			}
			compare(t, "perturbed GSE", got, want, 1e-11)
			if _, err := QuaternionEigen(p, nil, &v); err != nil {
				t.Errorf("perturbation %g: QuaternionEigen: %v", c.eps, err)
			}
		} else if err == nil {
			t.Errorf("perturbation %g: no error, want a Kramers-pair error", c.eps)
		}
	}
}

// rangeFloats returns 1, 2, …, n.
func rangeFloats(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i + 1)
	}
	return s
}

// TestQuaternionBadInput: every bad input gives an error naming the
// parameter, never a panic, and leaves vals and vecs unchanged.
func TestQuaternionBadInput(t *testing.T) {
	g, err := rmt.GSE(rmt.Stream(5, "eig-quaternion-bad", 0), 3)
	if err != nil {
		t.Fatal(err)
	}
	withEntry := func(i, j int, z complex128) *mat.CDense {
		c := mat.NewCDense(6, 6, nil)
		c.Copy(g)
		c.Set(i, j, z)
		return c
	}
	nan := complex(math.NaN(), 0)
	cases := []struct {
		name string
		a    *mat.CDense
		vecs *mat.CDense
		want string
	}{
		{"nil", nil, &mat.CDense{}, "matrix a"},
		{"odd", mat.NewCDense(3, 3, nil), &mat.CDense{}, "matrix a"},
		{"not square", mat.NewCDense(4, 2, nil), &mat.CDense{}, "matrix a"},
		{"NaN", withEntry(1, 4, nan), &mat.CDense{}, "a[1][4]"},
		{"Inf", withEntry(5, 0, complex(math.Inf(-1), 0)), &mat.CDense{}, "a[5][0]"},
		{"not Hermitian", withEntry(0, 1, g.At(0, 1)+1), &mat.CDense{}, "Hermitian"},
		{"vecs nil", g, nil, "vecs"},
		{"vecs 3×3", g, mat.NewCDense(3, 3, nil), "vecs"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", c.name, p)
				}
			}()
			if c.want != "vecs" {
				if _, err := QuaternionEigenvalues(c.a, nil); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: QuaternionEigenvalues error %v, want one containing %q", c.name, err, c.want)
				}
			}
			vals := []float64{7}
			if _, err := QuaternionEigen(c.a, vals, c.vecs); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: QuaternionEigen error %v, want one containing %q", c.name, err, c.want)
			}
			if vals[0] != 7 || (c.vecs != nil && !c.vecs.IsEmpty() && c.vecs.At(0, 0) != 0) {
				t.Errorf("%s: vals or vecs written on error", c.name)
			}
		}()
	}
}

// TestQuaternionDeterministic: repeated calls give the same bits, whatever
// GOMAXPROCS, reusing vals and vecs. At n = 270 the first reduction steps
// (trailing triangles of 32768 entries or more) run in hermitianChunks
// parallel parts, the divide and conquer's merges and the
// back-transformation's products are above the size where internal/gemm
// splits its work (m·n·k = 200³), and the back-transformation takes five
// panels (64). The n = 120 result (two panels) also passes the accuracy
// checks (at n = 270 they would take seconds), and n = 270 is checked
// against QuaternionEigen's eigenvalues.
func TestQuaternionDeterministic(t *testing.T) {
	const n0 = 120
	g0, err := rmt.GSE(rmt.Stream(6, "eig-quaternion-determinism", 0), n0)
	if err != nil {
		t.Fatal(err)
	}
	var v mat.CDense
	e, err := QuaternionEigen(g0, nil, &v)
	if err != nil {
		t.Fatal(err)
	}
	norm := max(-e[0], e[n0-1])
	res, orth := checkQuaternionEigen(t, "GSE n = 120", g0, testSplit, e, &v, norm)
	t.Logf("GSE n = 120 (two back-transformation panels): residual/(2nε‖A‖₂) = %.3g, max|Z*Z − I|/(2nε) = %.3g", res, orth)

	const n = 270
	g, err := rmt.GSE(rmt.Stream(6, "eig-quaternion-determinism", 1), n)
	if err != nil {
		t.Fatal(err)
	}
	w0, err := QuaternionEigenvalues(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	var v0 mat.CDense
	e0, err := QuaternionEigen(g, nil, &v0)
	if err != nil {
		t.Fatal(err)
	}
	norm = max(-w0[0], w0[n-1])
	compare(t, "GSE n = 270 QuaternionEigen vs QuaternionEigenvalues", e0, w0, 2*symEigenTol(n)*norm)
	vals := make([]float64, 0, n)
	var vecs mat.CDense
	for _, procs := range []int{1, 4, 2} {
		prev := runtime.GOMAXPROCS(procs)
		w, err1 := QuaternionEigenvalues(g, vals)
		w = slices.Clone(w)
		e, err2 := QuaternionEigen(g, vals, &vecs)
		runtime.GOMAXPROCS(prev)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !slices.Equal(w, w0) || !slices.Equal(e, e0) || !mat.CEqual(&vecs, &v0) {
			t.Errorf("GOMAXPROCS %d: result differs from the first call's", procs)
		}
	}
}

// TestQuaternionEigenGSEWeights checks the eigenvector statistics of the
// GSE. Its density is invariant under H → U H U* for U in Sp(n) (Mehta,
// Random Matrices, 3rd ed., 2004, §2.4 and Ch. 3), so each eigenvector is
// uniform on the unit sphere of Hⁿ = R⁴ⁿ, and the weight
// w_i = |u_i|² = |z_{r0(i)}|² + |z_{r1(i)}|² of a component, a sum of 4 of
// the 4n squared coordinates, is Beta(2, 2(n − 1)) (the β = 4 case of
// Beta(β/2, β(n−1)/2)). Then E w_i² = a(a+1)/((a+b)(a+b+1)) =
// 2·3/(2n(2n+1)) and E[n·Σ_i w_i²] = 3n/(2n+1): 1.4851 at n = 50, against
// 2n/(n+1) = 1.961 for the GUE and 3n/(n+2) = 2.885 for the GOE. Over 200
// GSE matrices of order 50, the mean of the per-matrix averages over the n
// eigenvectors must lie within 5 standard errors (from the spread of the
// independent per-matrix averages) of 3n/(2n+1).
func TestQuaternionEigenGSEWeights(t *testing.T) {
	const n, samples = 50, 200
	var vecs mat.CDense
	vals := make([]float64, n)
	var sum, sum2 float64
	for s := 0; s < samples; s++ {
		g, err := rmt.GSE(rmt.Stream(7, "eig-quaternion-gse-weights", uint64(s)), n)
		if err != nil {
			t.Fatal(err)
		}
		if vals, err = QuaternionEigen(g, vals, &vecs); err != nil {
			t.Fatal(err)
		}
		var avg float64
		for j := 0; j < n; j++ {
			var ipr float64
			for i := 0; i < n; i++ {
				z0, z1 := vecs.At(i, 2*j), vecs.At(n+i, 2*j)
				w := real(z0)*real(z0) + imag(z0)*imag(z0) + real(z1)*real(z1) + imag(z1)*imag(z1)
				ipr += w * w
			}
			avg += float64(n) * ipr
		}
		avg /= n
		sum += avg
		sum2 += avg * avg
	}
	mean := sum / samples
	se := math.Sqrt((sum2/samples - mean*mean) / (samples - 1))
	want := 3.0 * n / (2*n + 1)
	z := (mean - want) / se
	t.Logf("GSE n = %d, %d matrices: n·Σw_i² = %.5f ± %.5f, theory 3n/(2n+1) = %.5f, z = %.2f", n, samples, mean, se, want, z)
	if math.Abs(z) > 5 {
		t.Errorf("n·Σw_i² = %.5f ± %.5f, want 3n/(2n+1) = %.5f (z = %.2f)", mean, se, want, z)
	}
}

// benchQuaternion times f on an rmt.GSE matrix of order n.
func benchQuaternion(b *testing.B, n int, f func(a *mat.CDense) error) {
	a, err := rmt.GSE(rmt.Stream(1, "eig-quaternion-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := f(a); err != nil {
			b.Fatal(err)
		}
	}
}

func benchQuaternionValues(b *testing.B, n int) {
	dst := make([]float64, n)
	benchQuaternion(b, n, func(a *mat.CDense) (err error) {
		dst, err = QuaternionEigenvalues(a, dst)
		return err
	})
}

// benchQuaternionEmbedded times the real-embedding path (the method of
// QuaternionEigenvalues before the quaternion reduction), for comparison.
func benchQuaternionEmbedded(b *testing.B, n int) {
	dst := make([]float64, n)
	benchQuaternion(b, n, func(a *mat.CDense) (err error) {
		dst, err = embeddedQuaternionEigenvalues(a, dst)
		return err
	})
}

func benchQuaternionEigen(b *testing.B, n int) {
	vals := make([]float64, n)
	vecs := mat.NewCDense(2*n, 2*n, nil)
	benchQuaternion(b, n, func(a *mat.CDense) (err error) {
		vals, err = QuaternionEigen(a, vals, vecs)
		return err
	})
}

func BenchmarkQuaternionEigenvalues100(b *testing.B)         { benchQuaternionValues(b, 100) }
func BenchmarkQuaternionEigenvalues500(b *testing.B)         { benchQuaternionValues(b, 500) }
func BenchmarkQuaternionEigenvaluesEmbedded100(b *testing.B) { benchQuaternionEmbedded(b, 100) }
func BenchmarkQuaternionEigenvaluesEmbedded500(b *testing.B) { benchQuaternionEmbedded(b, 500) }
func BenchmarkQuaternionEigen100(b *testing.B)               { benchQuaternionEigen(b, 100) }
func BenchmarkQuaternionEigen500(b *testing.B)               { benchQuaternionEigen(b, 500) }

// FuzzQuaternionEigen checks QuaternionEigenvalues and QuaternionEigen on a
// fuzzed exactly self-dual quaternion Hermitian matrix of order n ≤ 4
// (fuzzReader entries: zeros, near ±MaxFloat64, subnormal, raw bits, any
// exponent, small integers), stored in either convention (the first byte):
// both return an error exactly when an entry is not finite or (accepted only
// then) when an eigenvalue may exceed MaxFloat64; otherwise their eigenvalues
// agree with Dsyev on the 4n×4n real embedding (each four times) within
// 2C·(4n)·ε·‖M‖_F (checkEmbedded), the vectors are Kramers pairs and
// unitary within C(2n)·ε, and neither call panics.
func FuzzQuaternionEigen(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		r := &fuzzReader{b: data}
		c := r.byte()
		r.e = int(r.byte())*8 - 1074
		n := 1 + int(c>>1)%4
		layout := int(c & 1)
		q := make([]quat.Number, n*n)
		for i := 0; i < n; i++ {
			q[i*n+i] = quat.Number{Real: r.float()}
			for j := i + 1; j < n; j++ {
				v := quat.Number{Real: r.float(), Imag: r.float(), Jmag: r.float(), Kmag: r.float()}
				q[i*n+j], q[j*n+i] = v, quat.Conj(v)
			}
		}
		a := quaternionToComplex(q, n, layout)
		emb, finite := realEmbedding(a)
		vals, err := QuaternionEigenvalues(a, nil)
		var vecs mat.CDense
		evals, eerr := QuaternionEigen(a, nil, &vecs)
		if !finite {
			if err == nil || eerr == nil {
				t.Fatalf("non-finite entry: errors %v, %v", err, eerr)
			}
			return
		}
		checkEmbedded(t, "QuaternionEigenvalues", vals, err, emb, 4)
		checkEmbedded(t, "QuaternionEigen", evals, eerr, emb, 4)
		if eerr != nil {
			return
		}
		// A matrix exactly self-dual in both conventions is taken as split.
		if exactlySelfDual(a, testSplit) {
			layout = testSplit
		}
		for j := 0; j < n; j++ {
			for i := 0; i < n; i++ {
				r0, r1 := testRows(layout, n, i)
				if vecs.At(r0, 2*j+1) != -cmplx.Conj(vecs.At(r1, 2*j)) || vecs.At(r1, 2*j+1) != cmplx.Conj(vecs.At(r0, 2*j)) {
					t.Fatalf("column %d is not T·column %d", 2*j+1, 2*j)
				}
			}
		}
		var orth float64
		for i := 0; i < 2*n; i++ {
			for j := 0; j < 2*n; j++ {
				var s complex128
				for k := 0; k < 2*n; k++ {
					s += cmplx.Conj(vecs.At(k, i)) * vecs.At(k, j)
				}
				if i == j {
					s--
				}
				orth = max(orth, cmplx.Abs(s))
			}
		}
		if tol := symEigenTol(2 * n); !(orth <= tol) {
			t.Fatalf("max|Z*Z − I| = %g, want ≤ %g", orth, tol)
		}
	})
}

// exactlySelfDual reports whether the 2n×2n matrix a is exactly
// [[z, w], [−w̄, z̄]] in every 2×2 block of the layout.
func exactlySelfDual(a *mat.CDense, layout int) bool {
	m, _ := a.Dims()
	n := m / 2
	for i := 0; i < n; i++ {
		r0i, r1i := testRows(layout, n, i)
		for j := 0; j < n; j++ {
			r0j, r1j := testRows(layout, n, j)
			if a.At(r1i, r1j) != cmplx.Conj(a.At(r0i, r0j)) || a.At(r1i, r0j) != -cmplx.Conj(a.At(r0i, r1j)) {
				return false
			}
		}
	}
	return true
}
