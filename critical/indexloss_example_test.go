package critical_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// The critical points of the pure 3-spin on S^5 (N = 6), counted by index
// over 4 realizations against the exact Kac–Rice expectation (Auffinger, Ben
// Arous & Černý 2013, Theorem 2.8), then binned by energy: the index grows
// with the energy (Dauphin et al., NIPS 2014, Fig. 1), so Spearman's
// correlation is close to 1.
func ExampleIndexLoss() {
	s := critical.PSpinStudy{N: 6, P: 3, Realizations: 4, Starts: 300, Seed: 1, Workers: 1}
	var points []critical.Point
	rep, err := s.Count(context.Background(), func(_ int, res *critical.FindResult) {
		points = append(points, res.Points...)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rep.Rows {
		fmt.Printf("k = %d: %5.2f ± %.2f per realization, theory %5.2f\n", row.K, row.Count, row.StdErr, row.Theory)
	}
	table, rho, err := critical.IndexLoss(points, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range table {
		fmt.Printf("E in [%5.2f, %5.2f]: %2d points, mean index fraction %.2f\n", b.Lo, b.Hi, b.Count, b.Alpha)
	}
	fmt.Printf("Spearman ρ(E, index) = %.2f\n", rho)
	// Output:
	// k = 0:  4.75 ± 0.85 per realization, theory  4.41
	// k = 1: 10.00 ± 1.58 per realization, theory  8.99
	// k = 2: 14.00 ± 2.55 per realization, theory 12.03
	// k = 3: 14.00 ± 2.55 per realization, theory 12.03
	// k = 4: 10.00 ± 1.58 per realization, theory  8.99
	// k = 5:  4.75 ± 0.85 per realization, theory  4.41
	// E in [-1.54, -0.51]: 50 points, mean index fraction 0.14
	// E in [-0.51,  0.51]: 130 points, mean index fraction 0.50
	// E in [ 0.51,  1.54]: 50 points, mean index fraction 0.86
	// Spearman ρ(E, index) = 0.94
}

// The index-versus-loss table of the pure 3-spin on S^5 (N = 6) with each
// bin's standard error both ways: IndexLossRealizationStdErr treats the
// realizations as the independent units, IndexLossBin.AlphaStdErr the
// points. They differ because the points of one landscape are not
// independent: here every critical point σ of index k has the partner −σ of
// index N − 1 − k and opposite energy, so the middle bin holds pairs whose
// index fractions average 1/2 exactly, in every realization (realization
// error 0), while as independent points their fractions scatter (error
// 0.012). On a network's loss, whose critical points come in families, the
// correlation goes the other way and the point error understates.
func ExampleIndexLossRealizationStdErr() {
	s := critical.PSpinStudy{N: 6, P: 3, Realizations: 6, Starts: 300, Seed: 1, Workers: 1}
	var pooled []critical.Point
	var byRealization [][]critical.Point
	if _, err := s.Count(context.Background(), func(_ int, res *critical.FindResult) {
		pooled = append(pooled, res.Points...)
		byRealization = append(byRealization, res.Points)
	}); err != nil {
		fmt.Println(err)
		return
	}
	table, _, err := critical.IndexLoss(pooled, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	se, held, err := critical.IndexLossRealizationStdErr(table, byRealization)
	if err != nil {
		fmt.Println(err)
		return
	}
	for b, t := range table {
		fmt.Printf("E in [%5.2f, %5.2f]: %3d points of %d realizations, α = %.3f ± %.3f (points as units: ± %.3f)\n",
			t.Lo, t.Hi, t.Count, held[b], t.Alpha, se[b], t.AlphaStdErr)
	}
	// Output:
	// E in [-1.64, -0.55]:  67 points of 6 realizations, α = 0.122 ± 0.009 (points as units: ± 0.014)
	// E in [-0.55,  0.55]: 216 points of 6 realizations, α = 0.500 ± 0.000 (points as units: ± 0.012)
	// E in [ 0.55,  1.64]:  67 points of 6 realizations, α = 0.878 ± 0.009 (points as units: ± 0.014)
}
