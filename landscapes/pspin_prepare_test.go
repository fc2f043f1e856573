package landscapes

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// hideHessianPreparer is l without its PrepareHessian method: HessianOperator
// then applies l.HessVec at every product, as it does for any landscape.
type hideHessianPreparer struct{ Landscape }

// TestPSpinPrepareHessianBits: the prepared operator gives bit for bit
// HessVec(x, v) — pure p = 2, 3, 4 and a mixture of degrees 2, 3, 4, at
// points on and off the sphere, for several v, and with dst holding NaN
// before (MulVec overwrites) — and it is the Hessian: it matches
// Hessian(x)·v to rounding.
func TestPSpinPrepareHessianBits(t *testing.T) {
	models := map[string]func() (*PSpin, error){
		"p=2": func() (*PSpin, error) { return NewPSpin(rmt.Stream(3, "prep", 2), 9, 2) },
		"p=3": func() (*PSpin, error) { return NewPSpin(rmt.Stream(3, "prep", 3), 9, 3) },
		"p=4": func() (*PSpin, error) { return NewPSpin(rmt.Stream(3, "prep", 4), 7, 4) },
		"p=2+3+4": func() (*PSpin, error) {
			return NewMixedPSpin(rmt.Stream(3, "prep", 5), 6, map[int]float64{2: 0.7, 3: 1, 4: 0.4})
		},
	}
	for name, mk := range models {
		h, err := mk()
		if err != nil {
			t.Fatal(err)
		}
		n := h.N()
		for k := 0; k < 4; k++ {
			r := rmt.Stream(4, "prep/x", uint64(k))
			x := Sphere{N: n}.Random(r, nil)
			if k%2 == 1 { // off the sphere: the formula extends H to R^N
				for i := range x {
					x[i] *= 1.7
				}
			}
			op, err := h.PrepareHessian(x)
			if err != nil {
				t.Fatal(err)
			}
			if op.Dim() != n {
				t.Fatalf("%s: Dim() = %d, want %d", name, op.Dim(), n)
			}
			hess := h.Hessian(x, nil)
			for j := 0; j < 3; j++ {
				v := make([]float64, n)
				rmt.NormalFill(r, v)
				want := h.HessVec(x, v, nil)
				got := make([]float64, n)
				for i := range got {
					got[i] = math.NaN()
				}
				op.MulVec(got, v)
				if !lmSameBits(got, want) {
					t.Errorf("%s, point %d, v %d: MulVec = %v, HessVec = %v (bits differ)", name, k, j, got, want)
				}
				// Hessian(x)·v to rounding: |err| ≤ 1e-12·(Σ|H_ij||v_j| + 1).
				for i := 0; i < n; i++ {
					var s, a float64
					for jj := 0; jj < n; jj++ {
						s += hess.At(i, jj) * v[jj]
						a += math.Abs(hess.At(i, jj) * v[jj])
					}
					if math.Abs(got[i]-s) > 1e-12*(a+1) {
						t.Errorf("%s, point %d: (MulVec)_%d = %v, (Hessian·v)_%d = %v", name, k, i, got[i], i, s)
					}
				}
			}
		}
	}
}

// TestHessianOperatorPrepared: HessianOperator on a p-spin (which prepares
// its Hessian on the first product) gives bit for bit the operator of the
// same landscape without PrepareHessian (a HessVec at every product), on the
// sphere and through a whole Lanczos run, also when the first products are
// made concurrently; its MulVec allocates nothing after the first.
func TestHessianOperatorPrepared(t *testing.T) {
	h, err := NewMixedPSpin(rmt.Stream(6, "prep/op", 0), 12, map[int]float64{2: 0.5, 3: 1})
	if err != nil {
		t.Fatal(err)
	}
	x := Sphere{N: 12}.Random(rmt.Stream(6, "prep/op/x", 0), nil)
	fast, err := HessianOperator(h, x)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := HessianOperator(hideHessianPreparer{h}, x)
	if err != nil {
		t.Fatal(err)
	}
	// Concurrent first products: every goroutine must see the prepared
	// operator (or wait for it), and get the same bits.
	vs := make([][]float64, 8)
	got := make([][]float64, len(vs))
	var wg sync.WaitGroup
	for k := range vs {
		vs[k] = make([]float64, 12)
		rmt.NormalFill(rmt.Stream(6, "prep/op/v", uint64(k)), vs[k])
		got[k] = make([]float64, 12)
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			fast.MulVec(got[k], vs[k])
		}(k)
	}
	wg.Wait()
	want := make([]float64, 12)
	for k := range vs {
		slow.MulVec(want, vs[k])
		if !lmSameBits(got[k], want) {
			t.Errorf("v %d: prepared operator = %v, HessVec operator = %v", k, got[k], want)
		}
	}
	sameLanczos(t, fast, slow, 6)
	if raceEnabled {
		return // allocation counts are meaningless under -race
	}
	dst := make([]float64, 12)
	if a := testing.AllocsPerRun(20, func() { fast.MulVec(dst, vs[0]) }); a != 0 {
		t.Errorf("prepared MulVec allocates %v times, want 0", a)
	}
}

// sameLanczos checks that Lanczos (two smallest eigenpairs, from the
// stream of seed) gives the same bits and the same number of products on
// the prepared operator fast and on the HessVec operator slow.
func sameLanczos(t *testing.T, fast, slow spectra.Operator, seed uint64) {
	t.Helper()
	opts := spectra.LanczosOptions{Which: "smallest", K: 2}
	lf, err := spectra.Lanczos(fast, opts, rmt.Stream(seed, "prep/lanczos", 0))
	if err != nil {
		t.Fatal(err)
	}
	ls, err := spectra.Lanczos(slow, opts, rmt.Stream(seed, "prep/lanczos", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !lmSameBits(lf.Values, ls.Values) || lf.MatVecs != ls.MatVecs {
		t.Errorf("Lanczos: prepared %v (%d products), HessVec %v (%d products)", lf.Values, lf.MatVecs, ls.Values, ls.MatVecs)
	}
}

// TestPSpinPrepareHessianErrors: a nil PSpin, a wrong length and non-finite
// entries are errors naming x, not panics.
func TestPSpinPrepareHessianErrors(t *testing.T) {
	h, err := NewPSpin(rmt.Stream(1, "prep/err", 0), 5, 3)
	if err != nil {
		t.Fatal(err)
	}
	var nilP *PSpin
	if _, err := nilP.PrepareHessian(make([]float64, 5)); err == nil {
		t.Error("nil *PSpin: no error")
	}
	for _, x := range [][]float64{nil, make([]float64, 4), {1, 2, math.NaN(), 0, 1}, {1, math.Inf(1), 0, 0, 1}} {
		if _, err := h.PrepareHessian(x); err == nil || !strings.Contains(err.Error(), "x") {
			t.Errorf("x = %v: err = %v, want an error naming x", x, err)
		}
	}
}
