package rmt_test

import (
	"fmt"
	"log"
	"slices"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// One stream per realization: the same (seed, label, realization) key gives
// the same draws whenever and wherever it is asked for, so realization 1 is
// the same whether or not realization 0 was drawn first.
func ExampleStream() {
	a := rmt.Normal(rmt.Stream(7, "example", 1))
	r0 := rmt.Stream(7, "example", 0)
	for range 100 {
		rmt.Normal(r0) // realization 0 draws as much as it likes
	}
	b := rmt.Normal(rmt.Stream(7, "example", 1))
	c := rmt.Normal(rmt.Stream(7, "other", 1))
	fmt.Println(a == b, a == c)
	// Output:
	// true false
}

// The BBP transition (Baik, Ben Arous & Péché 2005; Péché 2006): GOE(n) + θe₁e₁ᵀ
// with θ = 2 > 1 has an outlier near θ + 1/θ = 2.5, out of the bulk [−2, 2];
// θ = 0.5 < 1 leaves the largest eigenvalue at the edge 2.
func ExampleSpikedWigner() {
	for _, theta := range []float64{2, 0.5} {
		h, err := rmt.SpikedWigner(rmt.Stream(1, "SpikedWigner", 0), 400, theta)
		if err != nil {
			log.Fatal(err)
		}
		var eig mat.EigenSym
		if !eig.Factorize(h, false) {
			log.Fatal("no convergence")
		}
		top := slices.Max(eig.Values(nil))
		want := 2.0 // the bulk edge
		if theta > 1 {
			want = theta + 1/theta
		}
		fmt.Printf("θ = %.1f: λ_max = %.2f, limit %.2f\n", theta, top, want)
	}
	// Output:
	// θ = 2.0: λ_max = 2.48, limit 2.50
	// θ = 0.5: λ_max = 2.01, limit 2.00
}

// The eigenvalues of the Riemannian Hessian at a critical point of the pure
// 3-spin at energy E form a GOE semicircle of radius 2√(p(p−1)) ≈ 4.90
// (n/N → 1) centred at −pE: at E = −1.8, below −E_∞ = −2√(2/3) ≈ −1.63, all
// of them are positive (a minimum); at E = 0 about half are.
func ExamplePSpinHessianTridiagonal() {
	for _, e := range []float64{-1.8, 0} {
		t, err := rmt.PSpinHessianTridiagonal(rmt.Stream(1, "PSpinHessian", 0), 500, 3, e)
		if err != nil {
			log.Fatal(err)
		}
		sym := mat.NewSymDense(t.N(), nil)
		for i, d := range t.Diag {
			sym.SetSym(i, i, d)
		}
		for i, o := range t.Off {
			sym.SetSym(i, i+1, o)
		}
		var eig mat.EigenSym
		if !eig.Factorize(sym, false) {
			log.Fatal("no convergence")
		}
		vals := eig.Values(nil) // increasing
		neg := 0
		for _, v := range vals {
			if v < 0 {
				neg++
			}
		}
		fmt.Printf("E = %4.1f: index fraction %.2f, spectrum [%.1f, %.1f], centre −pE = %.1f\n",
			e, float64(neg)/float64(len(vals)), vals[0], vals[len(vals)-1], -3*e+0)
	}
	// Output:
	// E = -1.8: index fraction 0.00, spectrum [0.5, 10.2], centre −pE = 5.4
	// E =  0.0: index fraction 0.50, spectrum [-4.9, 4.8], centre −pE = 0.0
}
