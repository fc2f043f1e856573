package landscapes

import (
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

var (
	pspinBenchOnce  sync.Once
	pspinBenchModel *PSpin
	pspinBenchX     []float64
	pspinBenchV     []float64
	pspinBenchN     = 200
)

// pspinBenchSetup builds one N = 200, p = 3 model (10.7 MB of distinct couplings).
func pspinBenchSetup(b *testing.B) {
	pspinBenchOnce.Do(func() {
		var err error
		pspinBenchModel, err = NewPSpin(rmt.Stream(7, "bench", 0), pspinBenchN, 3)
		if err != nil {
			panic(err)
		}
		r := rmt.Stream(7, "bench-x", 0)
		pspinBenchX = Sphere{pspinBenchN}.Random(r, nil)
		pspinBenchV = Euclidean{pspinBenchN}.Random(r, nil)
	})
	b.ResetTimer()
}

// BenchmarkPSpinHessVec is one Hessian-vector product at N = 200, p = 3.
func BenchmarkPSpinHessVec(b *testing.B) {
	pspinBenchSetup(b)
	dst := make([]float64, pspinBenchN)
	for b.Loop() {
		pspinBenchModel.HessVec(pspinBenchX, pspinBenchV, dst)
	}
}

// BenchmarkPSpinHessian forms the dense Hessian at N = 200, p = 3 directly.
func BenchmarkPSpinHessian(b *testing.B) {
	pspinBenchSetup(b)
	dst := mat.NewSymDense(pspinBenchN, nil)
	for b.Loop() {
		pspinBenchModel.Hessian(pspinBenchX, dst)
	}
}

// BenchmarkPSpinGradient is one gradient at N = 200, p = 3.
func BenchmarkPSpinGradient(b *testing.B) {
	pspinBenchSetup(b)
	dst := make([]float64, pspinBenchN)
	for b.Loop() {
		pspinBenchModel.Gradient(pspinBenchX, dst)
	}
}

// BenchmarkPSpinNew draws and symmetrises the N = 200, p = 3 couplings.
func BenchmarkPSpinNew(b *testing.B) {
	for b.Loop() {
		if _, err := NewPSpin(rmt.Stream(7, "bench-new", 0), pspinBenchN, 3); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPSpinHessianByColumns forms the dense Hessian at N = 200, p = 3
// from N Hessian-vector products (the generic path of landscapes without a
// direct Hessian).
func BenchmarkPSpinHessianByColumns(b *testing.B) {
	pspinBenchSetup(b)
	e := make([]float64, pspinBenchN)
	col := make([]float64, pspinBenchN)
	for b.Loop() {
		for j := range e {
			e[j] = 1
			pspinBenchModel.HessVec(pspinBenchX, e, col)
			e[j] = 0
		}
	}
}

// BenchmarkPSpinRiemannianHessian is the (N−1)×(N−1) Riemannian Hessian at
// N = 200, p = 3 (direct Hessian plus an O(N²) reflector).
func BenchmarkPSpinRiemannianHessian(b *testing.B) {
	pspinBenchSetup(b)
	for b.Loop() {
		if _, err := RiemannianHessian(pspinBenchModel, pspinBenchX); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPSpinHessianOperator is one MulVec of the Riemannian Hessian
// operator at N = 200, p = 3, in the steady state: "prepared" is
// HessianOperator on the p-spin (its Hessian prepared on the first product,
// [PSpin.PrepareHessian]), "hessvec" the same operator with a HessVec at
// every product (the landscape's PrepareHessian hidden).
func BenchmarkPSpinHessianOperator(b *testing.B) {
	pspinBenchOperators(b, func(b *testing.B, l Landscape) {
		op, err := HessianOperator(l, pspinBenchX)
		if err != nil {
			b.Fatal(err)
		}
		dst := make([]float64, pspinBenchN)
		op.MulVec(dst, pspinBenchV)
		for b.Loop() {
			op.MulVec(dst, pspinBenchV)
		}
	})
}

// pspinBenchOperators runs bench on the p-spin model as
// benchPreparedOperators does.
func pspinBenchOperators(b *testing.B, bench func(b *testing.B, l Landscape)) {
	pspinBenchSetup(b)
	benchPreparedOperators(b, pspinBenchModel, bench)
}

// benchPreparedOperators runs bench as the sub-benchmarks "prepared" (l as
// it is, a [HessianPreparer]) and "hessvec" (l with its PrepareHessian
// hidden, so that HessianOperator makes a HessVec at every product).
func benchPreparedOperators(b *testing.B, l Landscape, bench func(b *testing.B, l Landscape)) {
	b.Run("prepared", func(b *testing.B) { bench(b, l) })
	b.Run("hessvec", func(b *testing.B) { bench(b, hideHessianPreparer{l}) })
}

// BenchmarkPSpinPrepareHessian is [PSpin.PrepareHessian] at N = 200, p = 3
// (one pass over half of the couplings, as HessVec and Hessian).
func BenchmarkPSpinPrepareHessian(b *testing.B) {
	pspinBenchSetup(b)
	for b.Loop() {
		if _, err := pspinBenchModel.PrepareHessian(pspinBenchX); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPSpinLanczosMin is the smallest Riemannian Hessian eigenpair at a
// random point of the 3-spin at N = 200 by spectra.Lanczos (default Tol
// 1e-10) on HessianOperator, from a fresh operator each time: "prepared"
// (the p-spin as it is) against "hessvec" (its PrepareHessian hidden, a
// HessVec at every product). Both give the same bits.
func BenchmarkPSpinLanczosMin(b *testing.B) {
	pspinBenchOperators(b, func(b *testing.B, l Landscape) {
		for b.Loop() {
			op, err := HessianOperator(l, pspinBenchX)
			if err != nil {
				b.Fatal(err)
			}
			res, err := spectra.Lanczos(op, spectra.LanczosOptions{Which: "smallest"}, rmt.Stream(7, "bench-lanczos", 0))
			if err != nil || !res.Converged {
				b.Fatalf("Lanczos: converged %v, err %v", res.Converged, err)
			}
			b.ReportMetric(float64(res.MatVecs), "hvps/op")
		}
	})
}

// BenchmarkPSpinP4 is one Hessian-vector product, gradient and value of the
// 4-spin at N = 50 (the generic contraction pspinLayout.contractLast, then
// the 3-spin kernel): 292 825 distinct couplings, 2.3 MB; and "New", the
// drawing of its 6.25·10^6 couplings (pspinLayout.accumulate).
func BenchmarkPSpinP4(b *testing.B) {
	const n = 50
	h, err := NewPSpin(rmt.Stream(7, "bench-p4", 0), n, 4)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("New", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewPSpin(rmt.Stream(7, "bench-p4", 0), n, 4); err != nil {
				b.Fatal(err)
			}
		}
	})
	r := rmt.Stream(7, "bench-p4-x", 0)
	x := Sphere{N: n}.Random(r, nil)
	v := Euclidean{N: n}.Random(r, nil)
	dst := make([]float64, n)
	b.Run("HessVec", func(b *testing.B) {
		for b.Loop() {
			h.HessVec(x, v, dst)
		}
	})
	b.Run("Gradient", func(b *testing.B) {
		for b.Loop() {
			h.Gradient(x, dst)
		}
	})
	b.Run("Value", func(b *testing.B) {
		for b.Loop() {
			h.Value(x)
		}
	})
}
