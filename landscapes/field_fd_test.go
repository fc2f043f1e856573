package landscapes

import (
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/rmt"
)

// fdTarget is what the finite-difference checks need of a landscape.
type fdTarget interface {
	Value(x []float64) float64
	Gradient(x, dst []float64) []float64
	HessVec(x, v, dst []float64) []float64
}

// fdStencil returns the fourth-order central difference
// (−g(2h) + 8g(h) − 8g(−h) + g(−2h))/(12h), truncation error O(h⁴).
func fdStencil(g func(t float64) float64, h float64) float64 {
	return (-g(2*h) + 8*g(h) - 8*g(-h) + g(-2*h)) / (12 * h)
}

func fdShifted(x, u []float64, t float64) []float64 {
	y := make([]float64, len(x))
	for i := range x {
		y[i] = x[i] + t*u[i]
	}
	return y
}

func fdNorm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

func fdRelErr(got, want []float64) float64 {
	d := make([]float64, len(got))
	for i := range got {
		d[i] = got[i] - want[i]
	}
	return fdNorm2(d) / math.Max(fdNorm2(want), 1e-300)
}

// fdGradErr compares the gradient with coordinate-wise finite differences of
// the value and returns the relative error |fd − ∇f|/|∇f|.
func fdGradErr(l fdTarget, x []float64, h float64) float64 {
	n := len(x)
	fd := make([]float64, n)
	e := make([]float64, n)
	for i := 0; i < n; i++ {
		e[i] = 1
		fd[i] = fdStencil(func(t float64) float64 { return l.Value(fdShifted(x, e, t)) }, h)
		e[i] = 0
	}
	return fdRelErr(fd, l.Gradient(x, nil))
}

// fdHVPErr compares the Hessian-vector product along a random direction v
// with finite differences of the gradient along v.
func fdHVPErr(l fdTarget, x []float64, r *rand.Rand, h float64) float64 {
	n := len(x)
	v := make([]float64, n)
	rmt.NormalFill(r, v)
	fd := make([]float64, n)
	grads := map[float64][]float64{}
	for _, t := range []float64{-2 * h, -h, h, 2 * h} {
		grads[t] = l.Gradient(fdShifted(x, v, t), nil)
	}
	for i := range fd {
		fd[i] = fdStencil(func(t float64) float64 { return grads[t][i] }, h)
	}
	return fdRelErr(fd, l.HessVec(x, v, nil))
}

// fdHessColumnsErr returns the largest |H_ij − (HessVec(x, e_j))_i| between
// the dense Hessian and the Hessian-vector products on the basis vectors,
// and the largest |(HessVec(x, e_j))_i| as its scale.
func fdHessColumnsErr(l Landscape, x []float64) (worst, scale float64) {
	h := l.Hessian(x, nil)
	e := make([]float64, len(x))
	for j := range e {
		e[j] = 1
		col := l.HessVec(x, e, nil)
		e[j] = 0
		for i, c := range col {
			worst = math.Max(worst, math.Abs(c-h.At(i, j)))
			scale = math.Max(scale, math.Abs(c))
		}
	}
	return worst, scale
}
