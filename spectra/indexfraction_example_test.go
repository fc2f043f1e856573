package spectra_test

import (
	"fmt"
	"log"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The index fraction of a random Hessian of the pure 3-spin at energy
// E = H/N = −1 (rmt.PSpinHessian: √6·G − 3E·I, G a GOE): its fraction of
// negative eigenvalues is close to the mass below 0 of its semicircle,
// centred at 3 with radius 2√6·√(n/N).
func ExampleIndexFraction() {
	const n, p, e = 300, 3, -1.0
	h, err := rmt.PSpinHessian(rmt.Stream(1, "PSpinHessian", 0), n, p, e)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	sc, err := spectra.NewSemicircle(-p*e, 2*math.Sqrt(p*(p-1)*float64(n)/(n+1)))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("index fraction %.4f, semicircle mass below 0 %.4f\n", spectra.IndexFraction(ev), sc.CDF(0))
	// Output:
	// index fraction 0.1367, semicircle mass below 0 0.1356
}

// SturmCount counts the eigenvalues of a tridiagonal matrix below x in O(n)
// without computing them: for the β = 1 Gaussian ensemble of order 10⁵
// (rmt.BetaHermite) the counts below −1, 0 and 1 against n times the
// semicircle distribution function. The eigenvalues are rigid: a count's
// variance grows like log(n)/(βπ²) (Gustavsson, Ann. IHP Probab. Stat. 41
// (2005) 151), so it misses n·F(x) by O(√log n), not by the O(√n) of
// independent points.
func ExampleSturmCount() {
	const n = 100_000
	t, err := rmt.BetaHermite(rmt.Stream(1, "BetaHermite", 0), n, 1)
	if err != nil {
		log.Fatal(err)
	}
	sc, err := spectra.NewSemicircle(0, 2)
	if err != nil {
		log.Fatal(err)
	}
	for _, x := range []float64{-1, 0, 1} {
		fmt.Printf("below %2.0f: %d eigenvalues, n·F(x) = %.1f\n", x, spectra.SturmCount(t, x), n*sc.CDF(x))
	}
	// Output:
	// below -1: 19550 eigenvalues, n·F(x) = 19550.1
	// below  0: 49999 eigenvalues, n·F(x) = 50000.0
	// below  1: 80450 eigenvalues, n·F(x) = 80449.9
}
