package spectra

import (
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// sturmReviewMatrices returns tridiagonal matrices that stress the scaling
// and the pivmin substitution of the Sturm count: random entries scaled to
// either side of the thresholds 2^±500 of newSturm, to the subnormal range
// and to within a factor 8 of MaxFloat64; graded entries spanning
// 1e-300…1e300; Wilkinson's W⁺ (close pairs); a zero diagonal with zero
// off-diagonals (exact zero pivots and a split matrix); a diagonal
// alternating 0 and 1e300 with off-diagonals 1e-300 (huge and tiny side by
// side); and off-diagonals 2⁵⁰⁰ on a zero diagonal (the largest unscaled
// squares b², for which pivmin = safmin·b² is largest).
func sturmReviewMatrices() map[string]rmt.SymTridiagonal {
	r := rmt.Stream(80, "eig-sturm-monotone", 0)
	out := map[string]rmt.SymTridiagonal{}
	for _, n := range []int{1, 2, 3, 21, 50} {
		d, e := make([]float64, n), make([]float64, n-1)
		for i := range d {
			d[i] = r.NormFloat64()
		}
		for i := range e {
			e[i] = r.NormFloat64()
		}
		for _, sc := range []float64{1, 0x1p500, 0x1p501, 0x1p-500, 0x1p-501, 1e-300, 1e-320, math.MaxFloat64 / 8} {
			ds, es := make([]float64, n), make([]float64, n-1)
			for i := range d {
				ds[i] = d[i] * sc
			}
			for i := range e {
				es[i] = e[i] * sc
			}
			out[fmt.Sprintf("random n=%d ×%g", n, sc)] = rmt.SymTridiagonal{Diag: ds, Off: es}
		}
		dg, eg := make([]float64, n), make([]float64, n-1)
		for i := range dg {
			dg[i] = math.Pow(10, -300+600*float64(i)/float64(max(n-1, 1))) * r.NormFloat64()
		}
		for i := range eg {
			eg[i] = math.Pow(10, -300+600*(float64(i)+0.5)/float64(max(n-1, 1))) * r.NormFloat64()
		}
		out[fmt.Sprintf("graded n=%d", n)] = rmt.SymTridiagonal{Diag: dg, Off: eg}
		dw, ew, dz, ez := make([]float64, n), make([]float64, n-1), make([]float64, n), make([]float64, n-1)
		dh, eh, db, eb := make([]float64, n), make([]float64, n-1), make([]float64, n), make([]float64, n-1)
		for i := range dw {
			dw[i] = math.Abs(float64(i - n/2))
			dh[i] = 1e300 * float64(i%2)
		}
		for i := range ew {
			ew[i], eh[i], eb[i] = 1, 1e-300, 0x1p500
			if i%3 != 0 {
				ez[i] = 1
			}
		}
		out[fmt.Sprintf("Wilkinson n=%d", n)] = rmt.SymTridiagonal{Diag: dw, Off: ew}
		out[fmt.Sprintf("zero diagonal n=%d", n)] = rmt.SymTridiagonal{Diag: dz, Off: ez}
		out[fmt.Sprintf("huge diagonal n=%d", n)] = rmt.SymTridiagonal{Diag: dh, Off: eh}
		out[fmt.Sprintf("off 2^500 n=%d", n)] = rmt.SymTridiagonal{Diag: db, Off: eb}
	}
	return out
}

// TestSturmCountMonotone checks that SturmCount is non-decreasing in x, the
// property bisection (TridiagonalKth) rests on: with the count computed as
// LAPACK's dlaebz does, d_i = (a_i − x) − b²_{i−1}/d_{i−1} with pivots below
// pivmin in magnitude replaced, it holds in IEEE arithmetic (Demmel, Dhillon
// & Ren, Electron. Trans. Numer. Anal. 3 (1995) 116; Kahan 1966). The points
// are the 601 consecutive floats centred on each eigenvalue (where rounding
// decides the count) and on 0 and ±2⁻¹⁰⁷⁴, and a grid of 4001 points across
// ±2‖T‖. It also checks the ends: x = ±Inf and ±MaxFloat64 give 0 and n, and
// NaN gives −1. The property is exact, so there is no tolerance.
func TestSturmCountMonotone(t *testing.T) {
	for name, tr := range sturmReviewMatrices() {
		n := len(tr.Diag)
		w, err := TridiagonalEigenvalues(tr, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, c := range []struct {
			x    float64
			want int
		}{{math.Inf(-1), 0}, {-math.MaxFloat64, 0}, {math.MaxFloat64, n}, {math.Inf(1), n}, {math.NaN(), -1}} {
			if got := SturmCount(tr, c.x); got != c.want {
				t.Errorf("%s: SturmCount(%g) = %d, want %d", name, c.x, got, c.want)
			}
		}
		centres := append(append([]float64(nil), w...), 0, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64)
		var xs []float64
		for _, c := range centres {
			x := c
			for range 300 {
				x = math.Nextafter(x, math.Inf(-1))
			}
			for range 601 {
				xs = append(xs, x)
				x = math.Nextafter(x, math.Inf(1))
			}
		}
		nrm := max(math.Abs(w[0]), math.Abs(w[n-1]))
		for k := -2000; k <= 2000; k++ {
			xs = append(xs, nrm*float64(k)/1000)
		}
		sort.Float64s(xs)
		prev, prevX := 0, math.Inf(-1)
		for _, x := range xs {
			c := SturmCount(tr, x)
			if c < prev {
				t.Errorf("%s: SturmCount(%g) = %d < SturmCount(%g) = %d", name, x, c, prevX, prev)
				break
			}
			prev, prevX = c, x
		}
	}
}
