package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// denseCount counts eigenvalues below −tol, in [−tol, tol] and above tol.
func denseCount(t *testing.T, a mat.Symmetric, tol float64) IndexCount {
	t.Helper()
	ev, err := SymEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := IndexCount{Tol: tol}
	for _, v := range ev {
		switch {
		case v < -tol:
			c.Negative++
		case v > tol:
			c.Positive++
		default:
			c.NearZero++
		}
	}
	return c
}

func TestCertifiedIndexPrescribed(t *testing.T) {
	for rep := 0; rep < 20; rep++ {
		r := rmt.Stream(10, "index", uint64(rep))
		n := 40 + rep
		lam := make([]float64, n)
		neg := 0
		for i := range lam {
			switch i % 7 {
			case 0:
				lam[i] = 0 // exact zeros (rank deficiency)
			case 1:
				lam[i] = 1e-3
			case 2:
				lam[i] = -1e-3
				neg++
			default:
				lam[i] = rmt.Normal(r)
				if lam[i] < 0 {
					neg++
				}
			}
		}
		zeros := (n + 6) / 7
		a := rotated(r, lam)
		for _, tol := range []float64{1e-9, 1e-5} {
			got, err := CertifiedIndex(a, tol)
			if err != nil {
				t.Fatal(err)
			}
			want := IndexCount{Negative: neg, NearZero: zeros, Positive: n - neg - zeros, Tol: tol}
			if got != want || got != denseCount(t, a, tol) {
				t.Errorf("rep %d tol %g: got %+v, want %+v (dense %+v)", rep, tol, got, want, denseCount(t, a, tol))
			}
		}
		// A tolerance above 1e-3 absorbs ±1e-3 into NearZero.
		got, _ := CertifiedIndex(a, 1e-2)
		if want := denseCount(t, a, 1e-2); got != want {
			t.Errorf("rep %d tol 1e-2: got %+v, dense %+v", rep, got, want)
		}
	}
}

// TestCertifiedIndexRankDeficient: A = XXᵀ − YYᵀ with X n×p, Y n×q has
// exactly q negative and p positive eigenvalues and n − p − q zeros.
func TestCertifiedIndexRankDeficient(t *testing.T) {
	r := rmt.Stream(11, "index-rank", 0)
	n, p, q := 80, 30, 17
	x := mat.NewDense(n, p, nil)
	y := mat.NewDense(n, q, nil)
	rmt.NormalFill(r, x.RawMatrix().Data)
	rmt.NormalFill(r, y.RawMatrix().Data)
	a := mat.NewSymDense(n, nil)
	a.SymOuterK(1, x)
	var b mat.SymDense
	b.SymOuterK(1, y)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			a.SetSym(i, j, a.At(i, j)-b.At(i, j))
		}
	}
	got, err := CertifiedIndex(a, 1e-8)
	if err != nil {
		t.Fatal(err)
	}
	if want := (IndexCount{Negative: q, NearZero: n - p - q, Positive: p, Tol: 1e-8}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// GOE: tol 0, compare with dense.
	g, _ := rmt.GOE(r, 150)
	got, _ = CertifiedIndex(g, 0)
	if want := denseCount(t, g, 0); got != want {
		t.Errorf("GOE: got %+v, dense %+v", got, want)
	}
}

func TestCertifiedIndexErrors(t *testing.T) {
	a := mat.NewSymDense(2, []float64{1, 0, 0, math.NaN()})
	for _, c := range []struct {
		a   mat.Symmetric
		tol float64
	}{{nil, 0}, {mat.NewSymDense(2, nil), -1}, {mat.NewSymDense(2, nil), math.NaN()}, {mat.NewSymDense(2, nil), math.Inf(1)}, {a, 0}} {
		if _, err := CertifiedIndex(c.a, c.tol); err == nil {
			t.Errorf("tol %v: no error", c.tol)
		} else {
			t.Log(err)
		}
	}
}

// TestCertifiedIndexClosedEnds: NearZero is the closed interval [−tol, tol].
// Exact eigenvalues at the ends, the zero eigenvalues of a diagonal matrix
// with tol = 0 among them, are NearZero: the reduction of a diagonal matrix is
// exact, and the Sturm count (which treats a pivot within pivmin of zero as
// positive) is applied to T and to −T alike. (A count of T at
// Nextafter(tol, +Inf) put the zero matrix's eigenvalues into Positive for
// tol = 0.)
func TestCertifiedIndexClosedEnds(t *testing.T) {
	for _, c := range []struct {
		name string
		a    *mat.SymDense
		tol  float64
		want IndexCount
	}{
		{"zero 1×1", mat.NewSymDense(1, []float64{0}), 0, IndexCount{NearZero: 1}},
		{"zero 4×4", mat.NewSymDense(4, nil), 0, IndexCount{NearZero: 4}},
		{"diag(−1, 0, 1)", mat.NewSymDense(3, []float64{-1, 0, 0, 0, 0, 0, 0, 0, 1}), 0, IndexCount{Negative: 1, NearZero: 1, Positive: 1}},
		{"diag(1e200, 0)", mat.NewSymDense(2, []float64{1e200, 0, 0, 0}), 0, IndexCount{NearZero: 1, Positive: 1}},
		{"diag(−2e-9, −1e-9, 1e-9, 2e-9)", diagSym(-2e-9, -1e-9, 1e-9, 2e-9), 1e-9, IndexCount{Negative: 1, NearZero: 2, Positive: 1, Tol: 1e-9}},
		{"diag(−3) tol 1", mat.NewSymDense(1, []float64{-3}), 1, IndexCount{Negative: 1, Tol: 1}},
		{"diag(1) tol 1", mat.NewSymDense(1, []float64{1}), 1, IndexCount{NearZero: 1, Tol: 1}},
	} {
		got, err := CertifiedIndex(c.a, c.tol)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s, tol %g: got %+v, want %+v", c.name, c.tol, got, c.want)
		}
	}
}

// diagSym returns the diagonal matrix diag(v).
func diagSym(v ...float64) *mat.SymDense {
	a := mat.NewSymDense(len(v), nil)
	for i, x := range v {
		a.SetSym(i, i, x)
	}
	return a
}

// TestCertifiedIndexNearTol checks the certification claim at its edge:
// eigenvalues at ±tol ± 1e-12 (tol = 1e-3, ‖A‖ = 1, n = 60, so 1e-12 is
// about 75·n·ε‖A‖) of a Haar-rotated matrix are counted on their own side of
// ±tol, in 10 matrices. (Measured: still right at offsets down to 1e-14.)
func TestCertifiedIndexNearTol(t *testing.T) {
	const tol, off, n = 1e-3, 1e-12, 60
	for rep := 0; rep < 10; rep++ {
		lam := make([]float64, n)
		want := IndexCount{Tol: tol}
		for i := range lam {
			switch i % 6 {
			case 0:
				lam[i] = tol + off
				want.Positive++
			case 1:
				lam[i] = tol - off
				want.NearZero++
			case 2:
				lam[i] = -tol + off
				want.NearZero++
			case 3:
				lam[i] = -tol - off
				want.Negative++
			case 4:
				lam[i] = 1
				want.Positive++
			default:
				lam[i] = -1
				want.Negative++
			}
		}
		a := rotated(rmt.Stream(12, "index-near-tol", uint64(rep)), lam)
		got, err := CertifiedIndex(a, tol)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("rep %d: got %+v, want %+v", rep, got, want)
		}
	}
}
