package rmt

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// fuzzSize maps a fuzzed size to one that keeps an input fast: sizes in
// (8, 2^40) are reduced mod 9, so that only small matrices are drawn, while
// negative sizes and sizes of 2^40 or more (which every sampler must refuse
// by its memory budget, without allocating) are kept.
func fuzzSize(n int) int {
	if n > 8 && n < 1<<40 {
		return n % 9
	}
	return n
}

// finiteSym reports whether every entry of a is finite.
func finiteSym(a mat.Symmetric) bool {
	n := a.SymmetricDim()
	for i := range n {
		for j := i; j < n; j++ {
			if v := a.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

// finiteC reports whether a is Hermitian with finite entries.
func finiteC(a *mat.CDense) bool {
	n, m := a.Dims()
	if n != m {
		return false
	}
	for i := range n {
		for j := range n {
			z := a.At(i, j)
			if math.IsNaN(real(z)) || math.IsInf(real(z), 0) || math.IsNaN(imag(z)) || math.IsInf(imag(z), 0) {
				return false
			}
			if w := a.At(j, i); real(w) != real(z) || imag(w) != -imag(z) {
				return false
			}
		}
	}
	return true
}

// finiteSlice reports whether every value of v is finite.
func finiteSlice(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// FuzzSamplers calls every sampler of the package with arbitrary sizes
// (small ones drawn, huge ones refused), Dyson indices, energies, spikes and
// scales: each must return an error naming the parameter, or a matrix of the
// requested order with finite entries (Hermitian for the complex ensembles);
// the scalar deviates Chi, ChiSquare and Gamma must be finite and ≥ 0 for a
// positive finite parameter and NaN otherwise. Drawing twice from the same
// Stream gives the same matrix.
func FuzzSamplers(f *testing.F) {
	f.Add(uint64(1), "goe", 4, 6, 3, 1.0, 0.5, 2.0)
	f.Add(uint64(2), "", 0, 0, 0, 0.0, 0.0, 0.0)
	f.Add(uint64(3), "x", -1, 1<<40, 1<<62, math.NaN(), math.Inf(1), -1.0)
	f.Add(uint64(4), "y", 3, 2, 64, 1e308, -1e308, 1e-320)
	f.Add(uint64(5), "z", 8, 1, 2, 1e-300, 1e300, 5e-324)
	// Finite scales whose matrices overflowed to ±Inf with a nil error
	// (WishartPlusWigner σ, SpikedWishart θ, CorrelatedWishart Σ_nn).
	f.Add(uint64(1), "zz", 2, 3, 2, 1.0, math.MaxFloat64, 1e308)
	f.Add(uint64(2), "zz", 5, 7, 3, 1.0, 1e307, 1e306)
	f.Fuzz(func(t *testing.T, seed uint64, label string, n, m, p int, beta, x, y float64) {
		n, m = fuzzSize(n), fuzzSize(m)
		if p > 8 && p < 1<<40 {
			p = 2 + p%7
		}
		r := Stream(seed, label, uint64(m))
		again := Stream(seed, label, uint64(m))
		if r.Uint64() != again.Uint64() {
			t.Fatal("Stream is not reproducible")
		}
		sym := func(name string, want int, a *mat.SymDense, err error) {
			t.Helper()
			if err != nil {
				if err.Error() == "" {
					t.Fatalf("%s: empty error", name)
				}
				return
			}
			if a.SymmetricDim() != want || !finiteSym(a) {
				t.Fatalf("%s(n %d, m %d, p %d, β %v, x %v, y %v): order %d, want %d, finite %v", name, n, m, p, beta, x, y, a.SymmetricDim(), want, finiteSym(a))
			}
		}
		herm := func(name string, a *mat.CDense, err error) {
			t.Helper()
			if err == nil && !finiteC(a) {
				t.Fatalf("%s(n %d, m %d): not a finite Hermitian matrix", name, n, m)
			}
		}
		a, err := GOE(r, n)
		sym("GOE", n, a, err)
		if err == nil {
			b, _ := GOE(Stream(seed, label, uint64(m)), n)
			c, _ := GOE(Stream(seed, label, uint64(m)), n)
			if !mat.Equal(b, c) {
				t.Fatal("GOE: same stream, different matrices")
			}
		}
		c, err := GUE(r, n)
		herm("GUE", c, err)
		c, err = GSE(r, n)
		herm("GSE", c, err)
		c, err = ComplexWishart(r, n, m)
		herm("ComplexWishart", c, err)
		a, err = Wishart(r, n, m)
		sym("Wishart", n, a, err)
		a, err = WishartPlusWigner(r, n, m, x)
		sym("WishartPlusWigner", n, a, err)
		a, err = SpikedWigner(r, n, x)
		sym("SpikedWigner", n, a, err)
		a, err = SpikedWishart(r, n, m, []float64{x, y}[:min(2, max(n, 0))])
		sym("SpikedWishart", n, a, err)
		a, err = PSpinHessian(r, n, p, x)
		sym("PSpinHessian", n, a, err)
		if n >= 1 && n <= 8 {
			// A diagonal population covariance with entries 1 and |y|.
			s := mat.NewSymDense(n, nil)
			for i := range n {
				s.SetSym(i, i, 1)
			}
			s.SetSym(n-1, n-1, math.Abs(y))
			a, err = CorrelatedWishart(r, s, m)
			sym("CorrelatedWishart", n, a, err)
		}

		tr, err := BetaHermite(r, n, beta)
		if err == nil && (len(tr.Diag) != n || len(tr.Off) != max(n-1, 0) || !finiteSlice(tr.Diag) || !finiteSlice(tr.Off)) {
			t.Fatalf("BetaHermite(%d, %v) = %v", n, beta, tr)
		}
		if (err == nil) != (n >= 1 && CheckBeta(beta, n) == nil) && n < 1<<40 {
			t.Fatalf("BetaHermite(%d, %v): err = %v, CheckBeta = %v", n, beta, err, CheckBeta(beta, n))
		}
		tr, err = PSpinHessianTridiagonal(r, n, p, x)
		if err == nil && (len(tr.Diag) != n || !finiteSlice(tr.Diag) || !finiteSlice(tr.Off)) {
			t.Fatalf("PSpinHessianTridiagonal(%d, %d, %v) = %v", n, p, x, tr)
		}
		bd, err := BetaLaguerre(r, n, m, beta)
		if err == nil && (bd.N() != n || !finiteSlice(bd.Diag) || !finiteSlice(bd.Sub)) {
			t.Fatalf("BetaLaguerre(%d, %d, %v) = %v", n, m, beta, bd)
		}

		for name, dev := range map[string]func(*rand.Rand, float64) float64{"Chi": Chi, "ChiSquare": ChiSquare, "Gamma": Gamma} {
			for _, k := range []float64{beta, x, y} {
				v := dev(r, k)
				if k > 0 && !math.IsInf(k, 0) {
					if !(v >= 0) || math.IsInf(v, 0) {
						t.Fatalf("%s(%v) = %v, want finite ≥ 0", name, k, v)
					}
				} else if !math.IsNaN(v) {
					t.Fatalf("%s(%v) = %v, want NaN", name, k, v)
				}
			}
		}
	})
}
