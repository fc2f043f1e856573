package spectra

import (
	"fmt"
	"math"
	"math/cmplx"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// The tests below hold HermitianEigenvalues to the eigenvalue bound of
// HermitianEigen's tests (see eig_hermitian_vectors_test.go): the unitary
// reduction and dqds are backward stable, so each eigenvalue is within
// C(n)ε‖A‖₂ of the exact one, C(n) = 2(n + 8) (symEigenTol; LAPACK Users'
// Guide, 3rd ed., §4.7.1).

// embeddedHermitian returns the eigenvalues of the Hermitian matrix a
// computed independently of the complex reduction: from its real symmetric
// 2n×2n embedding [[Re A, −Im A], [Im A, Re A]] (embeddedEigenvalues, the
// method HermitianEigenvalues used before), in which each eigenvalue of A
// appears twice; each pair is taken once, as its mean. Each is within
// C(2n)ε‖A‖₂ of the exact one.
func embeddedHermitian(t *testing.T, a *mat.CDense) []float64 {
	t.Helper()
	w, n, err := embeddedEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = 0.5*w[2*i] + 0.5*w[2*i+1]
	}
	return out
}

// lowerBlockedMin sets hermitianBlockedMin to m for the rest of the test, so
// that the blocked reduction runs at orders the tests can afford.
func lowerBlockedMin(t *testing.T, m int) {
	old := hermitianBlockedMin
	hermitianBlockedMin = m
	t.Cleanup(func() { hermitianBlockedMin = old })
}

// TestHermitianEigenvaluesKnownSpectrum checks HermitianEigenvalues on
// A = U diag(λ) U* with U Haar-unitary and spread, clustered (width 1e-10),
// repeated and graded (±1e±12) spectra: every eigenvalue within
// C(n)ε‖A‖₂, for n on both sides of hermitianBlockedMin (lowered to 128)
// and of the blocked reduction's panel (32).
func TestHermitianEigenvaluesKnownSpectrum(t *testing.T) {
	lowerBlockedMin(t, 128)
	r := rmt.Stream(21, "eig-hermitian-values-known", 0)
	var worst float64
	for _, n := range []int{1, 2, 3, 5, 17, 32, 33, 64, 97, 127, 128, 161} {
		u := haarUnitary(r, n)
		for _, kind := range []string{"spread", "clustered", "repeated", "graded"} {
			lam := knownSpectrum(r, kind, n)
			a := hermitianFrom(u, lam)
			got, err := HermitianEigenvalues(a, nil)
			if err != nil {
				t.Fatalf("n = %d, %s: %v", n, kind, err)
			}
			norm := max(math.Abs(lam[0]), math.Abs(lam[n-1]))
			compare(t, fmt.Sprintf("n = %d, %s", n, kind), got, lam, symEigenTol(n)*norm)
			if n >= 17 {
				worst = max(worst, maxAbsDiff(got, lam)/(float64(n)*eigEps*norm))
			}
		}
	}
	t.Logf("n ≥ 17: max|λ̂ − λ|/(nε‖A‖₂) = %.3g (bound 2(n+8)/n ≤ 2.9)", worst)
}

// TestHermitianEigenvaluesEmbedding compares HermitianEigenvalues with the
// real 2n×2n embedding (embeddedHermitian, an independent path) on GUE and
// complex Wishart matrices for every n = 1…97 (unblocked reduction) and at
// n = 200 and 257 (blocked, hermitianBlockedMin lowered to 128): each is within its C(n)ε‖A‖₂ (the embedding:
// C(2n)) of the exact eigenvalues, so they agree to (C(n) + C(2n))ε‖A‖₂.
func TestHermitianEigenvaluesEmbedding(t *testing.T) {
	lowerBlockedMin(t, 128)
	r := rmt.Stream(22, "eig-hermitian-values-embedding", 0)
	sizes := make([]int, 0, 99)
	for n := 1; n <= 97; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, 200, 257)
	var worst float64
	for _, n := range sizes {
		gue, err := rmt.GUE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		wish, err := rmt.ComplexWishart(r, n, n+n/2+1)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			a    *mat.CDense
		}{{"GUE", gue}, {"complex Wishart", wish}} {
			want := embeddedHermitian(t, c.a)
			got, err := HermitianEigenvalues(c.a, nil)
			if err != nil {
				t.Fatalf("%s n = %d: %v", c.name, n, err)
			}
			norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
			compare(t, fmt.Sprintf("%s n = %d vs embedding", c.name, n), got, want, (symEigenTol(n)+symEigenTol(2*n))*norm)
			if n >= 17 {
				worst = max(worst, maxAbsDiff(got, want)/(float64(n)*eigEps*norm))
			}
		}
	}
	t.Logf("n ≥ 17: max|λ − λ_embedding|/(nε‖A‖₂) = %.3g (bound (C(n)+C(2n))/n ≤ 7.9)", worst)
}

// TestHermitianEigenvaluesRealInput checks that a real symmetric matrix
// given as a complex one has SymEigenvalues' eigenvalues within
// 2C(n)ε‖A‖₂ (each within C(n)ε‖A‖₂ of the exact ones), below and above
// hermitianBlockedMin (lowered to 128).
func TestHermitianEigenvaluesRealInput(t *testing.T) {
	lowerBlockedMin(t, 128)
	r := rmt.Stream(23, "eig-hermitian-values-real", 0)
	for _, n := range []int{7, 70, 150} {
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
		want, err := SymEigenvalues(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := HermitianEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		norm := max(math.Abs(want[0]), math.Abs(want[n-1]))
		compare(t, fmt.Sprintf("GOE n = %d as complex vs SymEigenvalues", n), got, want, 2*symEigenTol(n)*norm)
	}
}

// TestHermitianEigenvaluesSmall checks n = 1 (the entry's real part,
// exactly) and n = 2, where [[a, b], [b̄, c]] has the eigenvalues
// (a + c)/2 ± √(((a − c)/2)² + |b|²), and the zero matrix (zeros, not −0).
func TestHermitianEigenvaluesSmall(t *testing.T) {
	one := mat.NewCDense(1, 1, []complex128{-2.75})
	got, err := HermitianEigenvalues(one, nil)
	if err != nil || !slices.Equal(got, []float64{-2.75}) {
		t.Errorf("[[−2.75]]: %v, %v; want [−2.75]", got, err)
	}
	for _, c := range []struct{ a, c float64 }{{1, 2}, {3, -1}, {0.5, 0.5}} {
		for _, b := range []complex128{0, 1, 2i, complex(0.3, -0.7), complex(1e-170, 1e-170)} {
			h := mat.NewCDense(2, 2, []complex128{complex(c.a, 0), b, cmplx.Conj(b), complex(c.c, 0)})
			got, err := HermitianEigenvalues(h, nil)
			if err != nil {
				t.Fatal(err)
			}
			m, hd := (c.a+c.c)/2, (c.a-c.c)/2
			rad := math.Hypot(hd, cmplx.Abs(b))
			norm := math.Abs(m) + rad
			compare(t, fmt.Sprintf("[[%g, %v], [·, %g]]", c.a, b, c.c), got, []float64{m - rad, m + rad}, symEigenTol(2)*norm)
		}
	}
	lowerBlockedMin(t, 128)
	for _, n := range []int{1, 2, 130} {
		got, err := HermitianEigenvalues(mat.NewCDense(n, n, nil), nil)
		if err != nil || slices.ContainsFunc(got, func(v float64) bool { return v != 0 || math.Signbit(v) }) {
			t.Errorf("zero matrix n = %d: %v, %v; want zeros", n, got, err)
		}
	}
}

// TestHermitianEigenvaluesExtremeNorms checks that 2^k·A, for k = 1000
// (entries near 1e301), 996 and −1000 (1e-301), has exactly 2^k times A's
// eigenvalues: the power-of-two scaling brings both to the same matrix, so
// the result is the same bits; at n = 40 (unblocked) and 150 (blocked,
// hermitianBlockedMin lowered to 128).
// An eigenvalue beyond MaxFloat64 is errEigenOverflow.
func TestHermitianEigenvaluesExtremeNorms(t *testing.T) {
	lowerBlockedMin(t, 128)
	r := rmt.Stream(24, "eig-hermitian-values-extreme", 0)
	for _, n := range []int{40, 150} {
		a, err := rmt.GUE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		base, err := HermitianEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{1000, 996, -1000} {
			got, err := HermitianEigenvalues(scaledCDense(a, k), nil)
			if err != nil {
				t.Fatalf("n = %d, k = %d: %v", n, k, err)
			}
			want := make([]float64, n)
			for i, v := range base {
				want[i] = math.Ldexp(v, k)
			}
			compare(t, fmt.Sprintf("n = %d, 2^%d·A", n, k), got, want, 0)
		}
	}
	h := 1e308 // [[h, ih], [−ih, h]]: eigenvalues 0 and 2h = +Inf
	big := mat.NewCDense(2, 2, []complex128{complex(h, 0), complex(0, h), complex(0, -h), complex(h, 0)})
	if _, err := HermitianEigenvalues(big, nil); err != errEigenOverflow {
		t.Errorf("eigenvalue 2e308: err = %v, want errEigenOverflow", err)
	}
}

// TestHermitianEigenvaluesBadInput checks that bad input is an error naming
// the parameter, never a panic, and leaves dst unchanged.
func TestHermitianEigenvaluesBadInput(t *testing.T) {
	nan := mat.NewCDense(3, 3, nil)
	nan.Set(1, 2, complex(math.NaN(), 0))
	inf := mat.NewCDense(3, 3, nil)
	inf.Set(2, 0, complex(math.Inf(-1), 0))
	nonHerm := mat.NewCDense(3, 3, []complex128{1, 1i, 0, 1i, 1, 0, 0, 0, 1})
	for _, c := range []struct {
		name string
		a    *mat.CDense
		want string
	}{
		{"nil a", nil, "matrix a is nil"},
		{"2×3 a", mat.NewCDense(2, 3, nil), "matrix a is 2×3"},
		{"0×0 a", &mat.CDense{}, "matrix a is 0×0"},
		{"NaN", nan, "a[1][2] = (NaN+0i)"},
		{"Inf", inf, "a[2][0] = (-Inf+0i)"},
		{"not Hermitian", nonHerm, "want a Hermitian matrix"},
	} {
		dst := []float64{7, 7, 7}
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("%s: panic %v", c.name, p)
				}
			}()
			_, err = HermitianEigenvalues(c.a, dst)
		}()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one containing %q", c.name, err, c.want)
		}
		if !slices.Equal(dst, []float64{7, 7, 7}) {
			t.Errorf("%s: dst changed to %v", c.name, dst)
		}
	}
}

// TestHermitianEigenvaluesDeterministic checks that repeated calls with dst
// reused (the same backing array returned) and calls with one or more
// goroutines give the same bits, at n = 300, with the unblocked reduction
// (whose first steps' products are split into hermitianChunks parts) and
// the blocked one (hermitianBlockedMin lowered to 128; its products A v
// split likewise, its rank-2k updates below the m·n·k = 200³ from which
// internal/gemm splits a product, so on one goroutine); that the two
// agree within 2C(n)ε‖A‖₂; and that HermitianEigen's eigenvalues, from the
// same tridiagonal T, agree within 2C(n)ε‖A‖₂ (dqds and divide and conquer
// each within C(n)ε‖T‖₂).
func TestHermitianEigenvaluesDeterministic(t *testing.T) {
	const n = 300
	a, err := rmt.GUE(rmt.Stream(25, "eig-hermitian-values-determinism", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	var first []float64
	for _, blocked := range []bool{false, true} {
		if blocked {
			lowerBlockedMin(t, 128)
		}
		w0, err := HermitianEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		dst := make([]float64, 0, n+5)
		for _, procs := range []int{1, 4, 2} {
			prev := runtime.GOMAXPROCS(procs)
			got, err := HermitianEigenvalues(a, dst)
			runtime.GOMAXPROCS(prev)
			if err != nil {
				t.Fatal(err)
			}
			if &got[0] != &dst[:1][0] {
				t.Errorf("blocked = %v, GOMAXPROCS %d: dst (cap %d ≥ n) not reused", blocked, procs, cap(dst))
			}
			if !slices.Equal(got, w0) {
				t.Errorf("blocked = %v, GOMAXPROCS %d: result differs from the first call's", blocked, procs)
			}
		}
		norm := max(math.Abs(w0[0]), math.Abs(w0[n-1]))
		var vecs mat.CDense
		ev, err := HermitianEigen(a, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, fmt.Sprintf("blocked = %v: HermitianEigen vs HermitianEigenvalues", blocked), ev, w0, 2*symEigenTol(n)*norm)
		if blocked {
			compare(t, "blocked vs unblocked", w0, first, 2*symEigenTol(n)*norm)
		}
		first = w0
	}
}
