package landscapes

import (
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

var (
	benchOnce   sync.Once
	benchPSpin  *PSpin
	benchX      []float64
	benchV      []float64
	benchPSpinN = 200
)

// benchSetup builds one N = 200, p = 3 model (64 MB of couplings).
func benchSetup(b *testing.B) {
	benchOnce.Do(func() {
		var err error
		benchPSpin, err = NewPSpin(rmt.Stream(7, "bench", 0), benchPSpinN, 3)
		if err != nil {
			panic(err)
		}
		r := rmt.Stream(7, "bench-x", 0)
		benchX = Sphere{benchPSpinN}.Random(r, nil)
		benchV = Euclidean{benchPSpinN}.Random(r, nil)
	})
	b.ResetTimer()
}

// BenchmarkPSpinHessVec is one Hessian-vector product at N = 200, p = 3.
func BenchmarkPSpinHessVec(b *testing.B) {
	benchSetup(b)
	dst := make([]float64, benchPSpinN)
	for b.Loop() {
		benchPSpin.HessVec(benchX, benchV, dst)
	}
}

// BenchmarkPSpinHessian forms the dense Hessian at N = 200, p = 3 directly.
func BenchmarkPSpinHessian(b *testing.B) {
	benchSetup(b)
	dst := mat.NewSymDense(benchPSpinN, nil)
	for b.Loop() {
		benchPSpin.Hessian(benchX, dst)
	}
}

// BenchmarkPSpinGradient is one gradient at N = 200, p = 3.
func BenchmarkPSpinGradient(b *testing.B) {
	benchSetup(b)
	dst := make([]float64, benchPSpinN)
	for b.Loop() {
		benchPSpin.Gradient(benchX, dst)
	}
}

// BenchmarkPSpinNew draws and symmetrises the N = 200, p = 3 couplings.
func BenchmarkPSpinNew(b *testing.B) {
	for b.Loop() {
		if _, err := NewPSpin(rmt.Stream(7, "bench-new", 0), benchPSpinN, 3); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPSpinHessianByColumns forms the dense Hessian at N = 200, p = 3
// from N Hessian-vector products (the generic path of landscapes without a
// direct Hessian).
func BenchmarkPSpinHessianByColumns(b *testing.B) {
	benchSetup(b)
	e := make([]float64, benchPSpinN)
	col := make([]float64, benchPSpinN)
	for b.Loop() {
		for j := range e {
			e[j] = 1
			benchPSpin.HessVec(benchX, e, col)
			e[j] = 0
		}
	}
}

// BenchmarkPSpinRiemannianHessian is the (N−1)×(N−1) Riemannian Hessian at
// N = 200, p = 3 (direct Hessian plus an O(N²) reflector).
func BenchmarkPSpinRiemannianHessian(b *testing.B) {
	benchSetup(b)
	for b.Loop() {
		if _, err := RiemannianHessian(benchPSpin, benchX); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPSpinHessianOperator is one MulVec of the Riemannian Hessian
// operator at N = 200, p = 3.
func BenchmarkPSpinHessianOperator(b *testing.B) {
	benchSetup(b)
	op, err := HessianOperator(benchPSpin, benchX)
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float64, benchPSpinN)
	b.ResetTimer()
	for b.Loop() {
		op.MulVec(dst, benchV)
	}
}
