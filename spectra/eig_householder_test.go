package spectra

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// knownSpectrum returns n eigenvalues of the given kind, ascending.
func knownSpectrum(r *rand.Rand, kind string, n int) []float64 {
	lam := make([]float64, n)
	for i := range lam {
		switch kind {
		case "spread": // uniform on [−1, 1]
			lam[i] = 2*r.Float64() - 1
		case "clustered": // three clusters of width 1e-10
			lam[i] = float64(i%3) - 1 + 1e-10*r.Float64()
		case "repeated": // the values −1, 0.5 and 2 only
			lam[i] = []float64{-1, 0.5, 2}[i%3]
		case "graded": // ±10^u, u uniform on [−12, 12]
			lam[i] = math.Copysign(math.Pow(10, 24*r.Float64()-12), r.Float64()-0.5)
		}
	}
	slices.Sort(lam)
	return lam
}

// maxAbsDiff returns max_i |got_i − want_i| (len(got) = len(want)).
func maxAbsDiff(got, want []float64) float64 {
	var m float64
	for i := range got {
		m = max(m, math.Abs(got[i]-want[i]))
	}
	return m
}

// TestSymEigenvaluesKnownSpectrum checks SymEigenvalues on A = Q diag(λ) Qᵀ,
// Q Haar-orthogonal, against the backward-error bound of Householder
// tridiagonalisation: the computed tridiagonal is exactly similar to A + E
// with ‖E‖₂ = O(nε‖A‖₂) (Wilkinson, The Algebraic Eigenvalue Problem, 1965,
// Section 5.35; Golub & Van Loan, Matrix Computations, 4th ed., Section 8.3.1),
// and by Weyl's inequality each eigenvalue moves by at most ‖E‖₂; the
// tridiagonal solver adds a few ε‖A‖₂ (dqds deflates at ε‖T‖/4 and shifts
// back and forth), as do forming Q diag(λ) Qᵀ and the rounding in Q's
// orthogonality (each O(nε‖A‖₂) plus a constant). The test requires
// max|λ̂ − λ| ≤ 2(n + 8)·ε·‖A‖₂, ε = 2⁻⁵³; the constant 8 matters only at
// the smallest n. The largest ratio max|λ̂ − λ|/(nε‖A‖₂) over n ≥ 31 is logged
// (measured: 1.09; 0.06–0.36 at n = 150).
func TestSymEigenvaluesKnownSpectrum(t *testing.T) {
	r := rmt.Stream(1, "eig-householder-known", 0)
	var worst float64
	for _, n := range []int{1, 2, 3, 4, 5, 8, 31, 32, 33, 64, 65, 97, 150} {
		for _, kind := range []string{"spread", "clustered", "repeated", "graded"} {
			lam := knownSpectrum(r, kind, n)
			a := rotated(r, lam)
			got, err := SymEigenvalues(a, nil)
			if err != nil {
				t.Fatalf("n = %d, %s: %v", n, kind, err)
			}
			norm := max(math.Abs(lam[0]), math.Abs(lam[n-1]))
			bound := 2 * float64(n+8) * eigEps * norm
			compare(t, fmt.Sprintf("n = %d, %s", n, kind), got, lam, bound)
			if n >= 31 {
				worst = max(worst, maxAbsDiff(got, lam)/(float64(n)*eigEps*norm))
			}
		}
	}
	t.Logf("n ≥ 31: max |λ̂ − λ| / (nε‖A‖₂) = %.3g (bound 2(n+8)/n)", worst)
}

// namedSym is a test matrix with its name.
type namedSym struct {
	name string
	a    *mat.SymDense
}

// dsyevTestMatrices draws from r a GOE matrix (n = 120), a Wishart matrix
// (90×200), a spiked Wishart matrix (70×140, spikes 4 and 9) and a spiked
// Wigner matrix (GOE plus a rank-one spike, n = 101, θ = 3).
func dsyevTestMatrices(t *testing.T, r *rand.Rand) []namedSym {
	t.Helper()
	goe, err := rmt.GOE(r, 120)
	if err != nil {
		t.Fatal(err)
	}
	wish, err := rmt.Wishart(r, 90, 200)
	if err != nil {
		t.Fatal(err)
	}
	spw, err := rmt.SpikedWishart(r, 70, 140, []float64{4, 9})
	if err != nil {
		t.Fatal(err)
	}
	spg, err := rmt.SpikedWigner(r, 101, 3)
	if err != nil {
		t.Fatal(err)
	}
	return []namedSym{{"goe", goe}, {"wishart", wish}, {"spiked wishart", spw}, {"spiked wigner", spg}}
}

// TestSymEigenvaluesAgreesWithDsyev compares SymEigenvalues with gonum's
// Dsyev (mat.EigenSym) on GOE, Wishart and spiked matrices: each has error
// at most 2nε‖A‖₂ (see TestSymEigenvaluesKnownSpectrum), so the two agree to
// 4nε‖A‖₂.
func TestSymEigenvaluesAgreesWithDsyev(t *testing.T) {
	var worst float64
	for _, c := range dsyevTestMatrices(t, rmt.Stream(2, "eig-householder-dsyev", 0)) {
		var es mat.EigenSym
		if !es.Factorize(c.a, false) {
			t.Fatalf("%s: Dsyev failed", c.name)
		}
		want := es.Values(nil)
		got, err := SymEigenvalues(c.a, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := len(want)
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, c.name, got, want, 4*float64(n)*eigEps*norm)
		worst = max(worst, maxAbsDiff(got, want)/(float64(n)*eigEps*norm))
	}
	t.Logf("max |λ̂ − λ_Dsyev| / (nε‖A‖₂) = %.3g (bound 4)", worst)
}

// TestSymEigenvaluesStructured covers the zero matrix, diagonal matrices
// (the reduction is the identity) and tridiagonal input, whose reduction
// must leave the matrix as it is, so that the eigenvalues are bit for bit
// those of TridiagonalEigenvalues.
func TestSymEigenvaluesStructured(t *testing.T) {
	r := rmt.Stream(3, "eig-householder-structured", 0)
	for _, n := range []int{1, 2, 3, 4, 7, 40, 41} {
		got, err := SymEigenvalues(mat.NewSymDense(n, nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != 0 || math.Signbit(v) {
				t.Fatalf("zero matrix n = %d: λ[%d] = %g, want 0", n, i, v)
			}
		}
		diag := make([]float64, n)
		rmt.NormalFill(r, diag)
		a := mat.NewSymDense(n, nil)
		for i, v := range diag {
			a.SetSym(i, i, v)
		}
		got, err = SymEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(diag)
		slices.Sort(want)
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, fmt.Sprintf("diagonal n = %d", n), got, want, 4*eigEps*norm)
		if n < 2 {
			continue
		}
		tr := goeTridiagonal(uint64(n), n, 1)
		for i := range tr.Off {
			if i%2 == 1 {
				tr.Off[i] = -tr.Off[i] // both signs
			}
			a.SetSym(i, i+1, tr.Off[i])
		}
		for i, v := range tr.Diag {
			a.SetSym(i, i, v)
		}
		want, err = TridiagonalEigenvalues(tr, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err = SymEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, fmt.Sprintf("tridiagonal n = %d", n), got, want, 0)
	}
}

// scaledCopy returns 2^k·a (exact for entries that stay normal).
func scaledCopy(a *mat.SymDense, k int) *mat.SymDense {
	n := a.SymmetricDim()
	b := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			b.SetSym(i, j, math.Ldexp(a.At(i, j), k))
		}
	}
	return b
}

// nearlyDiagonal returns A = diag(d) + 0.01·Q diag(λ) Qᵀ (n ≥ 1) with d_0 =
// 1.5, the other d_i and the λ_i uniform on [−1, 1]: max|a_ij| ≥ 1.49 and
// ‖A‖₂ ≤ 1.51, so 2¹⁰²³·A has an entry above 1.3e308 and no eigenvalue that
// overflows.
func nearlyDiagonal(r *rand.Rand, n int) *mat.SymDense {
	a := rotated(r, knownSpectrum(r, "spread", n))
	a.ScaleSym(0.01, a)
	for i := 0; i < n; i++ {
		d := 2*r.Float64() - 1
		if i == 0 {
			d = 1.5
		}
		a.SetSym(i, i, a.At(i, i)+d)
	}
	return a
}

// TestSymEigenvaluesExtremeNorms checks matrices of huge and tiny norm. The
// solver scales by a power of two to max|a_ij| in [1/2, 1), so 2^k·A must
// give exactly 2^k times A's eigenvalues while the entries of 2^k·A are
// normal numbers (k = 1023 puts entries near ±1.7e308, k = −1000 near
// 1e-301), with eigenvalues that fall into the subnormal range rounded
// there (an error of at most 2⁻¹⁰⁷⁴). With every entry subnormal (k =
// −1060) the entries themselves are rounded, by at most 2⁻¹⁰⁷⁵ each, which
// moves the eigenvalues by at most n·2⁻¹⁰⁷⁵ (‖E‖₂ ≤ n·max|e_ij|).
func TestSymEigenvaluesExtremeNorms(t *testing.T) {
	r := rmt.Stream(4, "eig-householder-extreme", 0)
	const n = 37
	a := nearlyDiagonal(r, n)
	base, err := SymEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	var amax float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			amax = max(amax, math.Abs(a.At(i, j)))
		}
	}
	if amax*0x1p1023 < 1.3e308 {
		t.Fatalf("max|a_ij|·2¹⁰²³ = %g, want entries near 1e308", amax*0x1p1023)
	}
	for _, k := range []int{1023, 600, 400, -400, -600, -1000, -1060} {
		got, err := SymEigenvalues(scaledCopy(a, k), nil)
		if err != nil {
			t.Fatalf("k = %d: %v", k, err)
		}
		want := make([]float64, n)
		for i, v := range base {
			want[i] = math.Ldexp(v, k)
		}
		tol := 0.0
		switch {
		case k == -1060:
			tol = n*0x1p-1075 + 2*n*eigEps*math.Ldexp(1.51, k)
		case k <= -1000:
			tol = 0x1p-1074
		}
		compare(t, fmt.Sprintf("2^%d·A", k), got, want, tol)
	}
	// One entry near the largest float beside subnormal ones: the eigenvalues
	// of [[h, 1], [1, s]] are h + 1/h and s − 1/h to within ε·h.
	h, s := 1.5e308, 3e-310
	got, err := SymEigenvalues(mat.NewSymDense(2, []float64{h, 1, 1, s}), nil)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "[[1.5e308, 1], [1, 3e-310]]", got, []float64{s - 1/h, h + 1/h}, 2*eigEps*h)
	// HermitianEigenvalues of [[a, ib], [−ib, d]] with entries near 1e308:
	// λ = (a+d)/2 ± √(((a−d)/2)² + b²), computed here at unit scale.
	hm := mat.NewCDense(2, 2, []complex128{1.5e308, 1e307i, -1e307i, -1e308})
	got, err = HermitianEigenvalues(hm, nil)
	if err != nil {
		t.Fatal(err)
	}
	rad := math.Sqrt(1.25*1.25 + 0.1*0.1)
	compare(t, "Hermitian [[1.5e308, 1e307i], [−1e307i, −1e308]]", got,
		[]float64{(0.25 - rad) * 1e308, (0.25 + rad) * 1e308}, 8*eigEps*1.5e308)
	// The smallest subnormal alone.
	tiny := math.SmallestNonzeroFloat64
	got, err = SymEigenvalues(mat.NewSymDense(2, []float64{tiny, 0, 0, -tiny}), nil)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "diag(±2⁻¹⁰⁷⁴)", got, []float64{-tiny, tiny}, 0)
}

// TestTridiagonalEigenvaluesHugeEntries checks that TridiagonalEigenvalues,
// which scales by a power of two as SymEigenvalues does, gives exactly 2¹⁰²³
// times the eigenvalues of T when the entries of 2¹⁰²³·T reach 1.35e308 (it
// returned ±Inf and NaN there when it multiplied by 1/s = 2¹⁰²⁴).
func TestTridiagonalEigenvaluesHugeEntries(t *testing.T) {
	r := rmt.Stream(7, "eig-householder-huge-tridiagonal", 0)
	const n = 9
	tr := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
	for i := range tr.Diag {
		tr.Diag[i] = 2*r.Float64() - 1
	}
	tr.Diag[0] = 1.5 // ‖T‖₂ ≤ 1.5 + 2·0.02
	for i := range tr.Off {
		tr.Off[i] = 0.02 * (2*r.Float64() - 1)
	}
	base, err := TridiagonalEigenvalues(tr, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, n)
	for i, v := range base {
		want[i] = math.Ldexp(v, 1023)
	}
	for i := range tr.Diag {
		tr.Diag[i] = math.Ldexp(tr.Diag[i], 1023)
	}
	for i := range tr.Off {
		tr.Off[i] = math.Ldexp(tr.Off[i], 1023)
	}
	got, err := TridiagonalEigenvalues(tr, nil)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "2¹⁰²³·T", got, want, 0)
}

// TestSymEigenvaluesDeterministic runs SymEigenvalues on several matrices from
// concurrent goroutines (sharing the workspace pools) and requires the bits of
// a serial run, with dst reused across calls.
func TestSymEigenvaluesDeterministic(t *testing.T) {
	r := rmt.Stream(5, "eig-householder-determinism", 0)
	var mats []*mat.SymDense
	var want [][]float64
	for _, n := range []int{3, 33, 70, 129} {
		a, err := rmt.GOE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		w, err := SymEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		mats = append(mats, a)
		want = append(want, w)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range 4 {
		wg.Go(func() {
			dst := make([]float64, 0, 200)
			for rep := range 6 {
				i := (g + rep) % len(mats)
				got, err := SymEigenvalues(mats[i], dst)
				if err != nil {
					errs[g] = err
					return
				}
				if &got[0] != &dst[:1][0] {
					errs[g] = fmt.Errorf("n = %d: dst (cap 200) not reused", len(got))
					return
				}
				if !slices.Equal(got, want[i]) {
					errs[g] = fmt.Errorf("n = %d: concurrent run differs from the serial one", len(got))
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
	if raceEnabled {
		return // allocation counts are meaningless under -race
	}
	a := mats[2]
	dst := make([]float64, a.SymmetricDim())
	if allocs := testing.AllocsPerRun(5, func() { dst, _ = SymEigenvalues(a, dst) }); allocs != 0 {
		t.Errorf("SymEigenvalues allocates %v times per call in steady state, want 0", allocs)
	}
}

func TestHouseholderVector(t *testing.T) {
	// H x = β e₁ with H = I − τ v vᵀ orthogonal: check both, and the drop rule.
	r := rmt.Stream(6, "eig-householder-vector", 0)
	for _, m := range []int{1, 2, 5, 40} {
		x := make([]float64, m)
		rmt.NormalFill(r, x)
		x0 := slices.Clone(x)
		beta, tau := householderVector(x)
		if x[0] != 1 {
			t.Fatalf("m = %d: v_0 = %g, want 1", m, x[0])
		}
		// H x0 = x0 − τ (vᵀx0) v.
		vx := opDot(x, x0)
		var norm2 float64
		for _, v := range x0 {
			norm2 += v * v
		}
		for i := range x0 {
			hx := x0[i] - tau*vx*x[i]
			want := 0.0
			if i == 0 {
				want = beta
			}
			if math.Abs(hx-want) > 8*eigEps*math.Sqrt(norm2) {
				t.Errorf("m = %d: (Hx)_%d = %g, want %g", m, i, hx, want)
			}
		}
		// Orthogonality: τ (2 − τ vᵀv) = 0 ⇔ ‖Hy‖ = ‖y‖ for all y.
		if m > 1 {
			if d := math.Abs(tau*(2-tau*opDot(x, x)) - 0); d > 8*float64(m)*eigEps {
				t.Errorf("m = %d: H not orthogonal (τ(2 − τvᵀv) = %g)", m, d)
			}
		}
		if math.Abs(math.Abs(beta)-math.Sqrt(norm2)) > 4*eigEps*math.Sqrt(norm2) {
			t.Errorf("m = %d: |β| = %g, want ‖x‖ = %g", m, math.Abs(beta), math.Sqrt(norm2))
		}
	}
	x := []float64{0.5, 0x1p-501, -0x1p-502}
	if beta, tau := householderVector(x); beta != 0.5 || tau != 0 || x[1] != 0 || x[2] != 0 {
		t.Errorf("below 2⁻⁵⁰⁰: β, τ, v = %g, %g, %v; want 0.5, 0, [1 0 0]", beta, tau, x)
	}
	x = []float64{0, 0x1p-499, 0}
	if beta, tau := householderVector(x); math.Abs(beta) != 0x1p-499 || tau != 1 {
		t.Errorf("at 2⁻⁴⁹⁹: β, τ = %g, %g; want ∓2⁻⁴⁹⁹, 1", beta, tau)
	}
}

func ExampleSymEigenvalues_secondDifference() {
	// The second-difference matrix tridiag(1, 2, 1) of order 3 has the
	// eigenvalues 2 − √2, 2 and 2 + √2.
	a := mat.NewSymDense(3, []float64{
		2, 1, 0,
		1, 2, 1,
		0, 1, 2,
	})
	lam, err := SymEigenvalues(a, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.12f\n", lam)
	fmt.Printf("%.12f %.12f\n", 2-math.Sqrt2, 2+math.Sqrt2)
	// Output:
	// [0.585786437627 2.000000000000 3.414213562373]
	// 0.585786437627 3.414213562373
}
