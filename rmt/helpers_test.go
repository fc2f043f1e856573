package rmt

import (
	"math"
	"sort"
	"testing"

	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

// Eigenvalue helpers for the tests only: gonum directly, so that these tests
// do not depend on package spectra (which depends on rmt).

// symEig returns the ascending eigenvalues of a real symmetric matrix.
func symEig(t testing.TB, a mat.Symmetric) []float64 {
	t.Helper()
	var e mat.EigenSym
	if ok := e.Factorize(a, false); !ok {
		t.Fatal("EigenSym failed")
	}
	return e.Values(nil)
}

// embedEig returns the ascending eigenvalues of the real 2N×2N embedding
// [[Re, −Im], [Im, Re]] of an N×N Hermitian matrix, keeping every
// mult-th value: mult = 2 for a Hermitian matrix (each eigenvalue appears
// twice in the embedding) and 4 for the 2n×2n self-dual GSE matrix (each
// quaternion eigenvalue appears twice in the complex matrix, four times here).
func embedEig(t testing.TB, c *mat.CDense, mult int) []float64 {
	t.Helper()
	n, _ := c.Dims()
	s := mat.NewSymDense(2*n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			z := c.At(i, j)
			s.SetSym(i, j, real(z))
			s.SetSym(n+i, n+j, real(z))
			s.SetSym(i, n+j, -imag(z))
			s.SetSym(j, n+i, imag(z)) // = −Im(z_ji)
		}
	}
	all := symEig(t, s)
	out := make([]float64, 0, len(all)/mult)
	for i := 0; i < len(all); i += mult {
		out = append(out, all[i])
	}
	return out
}

// triEig returns the ascending eigenvalues of a symmetric tridiagonal matrix
// by gonum's Dsterf (Pal–Walker–Kahan QL/QR).
func triEig(t testing.TB, tr SymTridiagonal) []float64 {
	t.Helper()
	n := tr.N()
	d := append([]float64(nil), tr.Diag...)
	e := append(make([]float64, 0, n), tr.Off...)
	if n > 1 {
		e = e[:n-1]
	}
	if ok := (gonum.Implementation{}).Dsterf(n, d, e); !ok {
		t.Fatal("Dsterf failed")
	}
	return d
}

// bidiagEig returns the ascending eigenvalues of B·Bᵀ from the tridiagonal
// B·Bᵀ (Bidiagonal.Gram, checked against a dense product in TestGram).
func bidiagEig(t testing.TB, b Bidiagonal) []float64 {
	t.Helper()
	return triEig(t, b.Gram(SymTridiagonal{}))
}

// sample holds per-realization scalars and gives their mean, variance and
// the standard errors of both.
type sample []float64

func (s sample) mean() float64 {
	var m float64
	for _, v := range s {
		m += v
	}
	return m / float64(len(s))
}

func (s sample) variance() float64 {
	m := s.mean()
	var v float64
	for _, x := range s {
		v += (x - m) * (x - m)
	}
	return v / float64(len(s)-1)
}

// seMean is the standard error of the mean.
func (s sample) seMean() float64 { return math.Sqrt(s.variance() / float64(len(s))) }

// seVar is the standard error of the sample variance, √((μ₄ − σ⁴)/N).
func (s sample) seVar() float64 {
	m := s.mean()
	var m2, m4 float64
	for _, x := range s {
		d := (x - m) * (x - m)
		m2 += d
		m4 += d * d
	}
	n := float64(len(s))
	m2 /= n
	m4 /= n
	return math.Sqrt(math.Max(m4-m2*m2, 0) / n)
}

// ks2 returns the two-sample Kolmogorov–Smirnov distance of two samples
// (sorted in place).
func ks2(a, b []float64) float64 {
	sort.Float64s(a)
	sort.Float64s(b)
	var i, j int
	var d float64
	for i < len(a) && j < len(b) {
		x := math.Min(a[i], b[j])
		for i < len(a) && a[i] <= x {
			i++
		}
		for j < len(b) && b[j] <= x {
			j++
		}
		d = math.Max(d, math.Abs(float64(i)/float64(len(a))-float64(j)/float64(len(b))))
	}
	return d
}

// sturmBelow returns the number of eigenvalues of tr below x, from the signs
// of the LDLᵀ pivots of tr − xI (Sylvester's law of inertia; Wilkinson, The
// Algebraic Eigenvalue Problem, 1965, §5.37). A zero pivot is replaced by a
// tiny number, which is the usual safeguard.
func sturmBelow(tr SymTridiagonal, x float64) int {
	c := 0
	var q float64
	for i, d := range tr.Diag {
		if i == 0 {
			q = d - x
		} else {
			if q == 0 {
				q = 1e-300
			}
			q = d - x - tr.Off[i-1]*tr.Off[i-1]/q
		}
		if q < 0 {
			c++
		}
	}
	return c
}

// triMax returns the largest eigenvalue of tr by bisection on the Sturm count
// inside the Gershgorin interval, to an absolute accuracy of 1e-13 — O(n) per
// step, so much faster than a full Dsterf when only λ_max is needed.
func triMax(tr SymTridiagonal) float64 {
	n := tr.N()
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, d := range tr.Diag {
		var r float64
		if i > 0 {
			r += math.Abs(tr.Off[i-1])
		}
		if i < n-1 {
			r += math.Abs(tr.Off[i])
		}
		lo, hi = math.Min(lo, d-r), math.Max(hi, d+r)
	}
	for hi-lo > 1e-13 {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if sturmBelow(tr, mid) < n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}
