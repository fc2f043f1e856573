package spectra_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The spectral distribution of a GOE matrix from 10 probes × 80 Lanczos
// steps, against the semicircle.
func ExampleSLQ() {
	h, _ := rmt.GOE(rmt.Stream(4, "goe", 0), 1000)
	s, err := spectra.SLQ(spectra.DenseOperator{A: h}, spectra.SLQOptions{Probes: 10, Steps: 80}, rmt.Stream(4, "probes", 0))
	if err != nil {
		panic(err)
	}
	sc := spectra.Semicircle{Radius: 2}
	for _, x := range []float64{-1.5, 0, 1} {
		fmt.Printf("F(%4.1f): SLQ %.3f, semicircle %.3f\n", x, s.CDF(x), sc.CDF(x))
	}
	fmt.Printf("matvecs %d, sigma %.3f\n", s.MatVecs, s.Sigma)
	// Output:
	// F(-1.5): SLQ 0.069, semicircle 0.072
	// F( 0.0): SLQ 0.491, semicircle 0.500
	// F( 1.0): SLQ 0.796, semicircle 0.804
	// matvecs 800, sigma 0.050
}

// The kernel polynomial method on the same kind of "Hessian": GOE(1000)
// shifted by 0.3, whose index (eigenvalues below 0) KPM estimates as n·CDF(0)
// from 10 probes × 80 products, keeping three vectors per probe instead of a
// Lanczos basis.
func ExampleKPM() {
	const n = 1000
	h, _ := rmt.GOE(rmt.Stream(3, "hessian", 0), n)
	for i := 0; i < n; i++ {
		h.SetSym(i, i, h.At(i, i)+0.3)
	}
	res, err := spectra.KPM(spectra.DenseOperator{A: h}, spectra.KPMOptions{Probes: 10}, rmt.Stream(3, "kpm", 0))
	if err != nil {
		panic(err)
	}
	exact, _ := spectra.SymEigenvalues(h, nil)
	index := 0
	for _, x := range exact {
		if x < 0 {
			index++
		}
	}
	fmt.Printf("bounds [%.2f, %.2f], %d moments, %d products\n", res.Lower, res.Upper, len(res.Moments), res.MatVecs)
	// Hutchinson's standard deviation of the count is at most √(2·index/probes).
	fmt.Printf("index ≈ %.0f (exact %d, noise ±%.0f)\n", n*res.CDF(0), index, math.Sqrt(2*float64(index)/10))
	fmt.Printf("fraction below the centre 0.3: %.3f (1/2)\n", res.CDF(0.3))
	// Output:
	// bounds [-1.74, 2.33], 160 moments, 880 products
	// index ≈ 392 (exact 405, noise ±9)
	// fraction below the centre 0.3: 0.489 (1/2)
}

// Counting negative eigenvalues at a hard edge: a square Wishart matrix is
// positive semidefinite with its density diverging at 0. SLQ's broadened
// CDF spills some of that mass below 0; the unbroadened Gauss quadrature
// count FractionBelow does not (every Ritz value lies at or above λ_min).
func ExampleSLQResult_FractionBelow() {
	const n = 500
	w, _ := rmt.Wishart(rmt.Stream(4, "gauss-newton", 0), n, n)
	s, err := spectra.SLQ(spectra.DenseOperator{A: w}, spectra.SLQOptions{}, rmt.Stream(4, "slq", 0))
	if err != nil {
		panic(err)
	}
	fmt.Printf("negative eigenvalues: broadened %.1f, quadrature %.1f (exact 0)\n", n*s.CDF(0), n*s.FractionBelow(0))
	// Output:
	// negative eigenvalues: broadened 28.1, quadrature 0.0 (exact 0)
}

// What KPM estimates, from a known spectrum: KPMOfSpectrum builds the KPM
// result of the exact moments, which splits KPM's error at the hard edge of
// a square Wishart matrix into the kernel's bias (this value) and the probes'
// noise (the rest).
func ExampleKPMOfSpectrum() {
	const n = 400
	w, _ := rmt.Wishart(rmt.Stream(4, "wishart", 0), n, n)
	res, err := spectra.KPM(spectra.DenseOperator{A: w}, spectra.KPMOptions{Probes: 10}, rmt.Stream(4, "kpm", 0))
	if err != nil {
		panic(err)
	}
	eig, _ := spectra.SymEigenvalues(w, nil)
	exact, err := spectra.KPMOfSpectrum(eig, res.Lower, res.Upper, len(res.Moments))
	if err != nil {
		panic(err)
	}
	fmt.Printf("negative eigenvalues: 0; KPM's expectation %.1f, its estimate %.1f\n", n*exact.CDF(0), n*res.CDF(0))
	// Output: negative eigenvalues: 0; KPM's expectation 9.8, its estimate 10.3
}

// KPM on the interval of converged Lanczos extremes the caller already has
// (say, λ_min and its direction at a saddle): no products are spent on
// KPM's own cruder bounds.
func ExampleKPMBoundsFromLanczos() {
	h, _ := rmt.GOE(rmt.Stream(5, "hessian", 0), 500)
	op := spectra.DenseOperator{A: h}
	r := rmt.Stream(5, "lanczos", 0)
	low, _ := spectra.Lanczos(op, spectra.LanczosOptions{Which: "smallest", Tol: 1e-10}, r)
	high, _ := spectra.Lanczos(op, spectra.LanczosOptions{Which: "largest", Tol: 1e-10}, r)
	lo, hi, err := spectra.KPMBoundsFromLanczos(low, high)
	if err != nil {
		panic(err)
	}
	res, err := spectra.KPM(op, spectra.KPMOptions{Probes: 10, Lower: lo, Upper: hi}, rmt.Stream(5, "kpm", 0))
	if err != nil {
		panic(err)
	}
	fmt.Printf("λ_min %.3f, λ_max %.3f: bounds [%.3f, %.3f], %d products\n", low.Values[0], high.Values[0], res.Lower, res.Upper, res.MatVecs)
	fmt.Printf("fraction below 0: %.3f (1/2)\n", res.CDF(0))
	// Output:
	// λ_min -1.980, λ_max 2.000: bounds [-2.019, 2.040], 800 products
	// fraction below 0: 0.501 (1/2)
}
