package critical

import (
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestClusterIndexFirst checks clusterIndex.first against a scan of every
// key in order, on keys clustered at cell boundaries (multiples of tol,
// where the rounding of k[0]/tol decides the cell), spread far beyond ±2⁴⁰
// cells (the list without cells) and moved by replace, with a predicate
// that rejects some clusters, so the first match is not always the nearest
// key.
func TestClusterIndexFirst(t *testing.T) {
	r := rmt.Stream(1, "critical/cluster-index", 0)
	const tol = 0.1
	c := newClusterIndex(tol)
	draw := func() []float64 {
		k := make([]float64, 3)
		switch r.IntN(4) {
		case 0: // near a cell boundary, within a few tol of the origin
			k[0] = float64(r.IntN(9)-4)*tol + (r.Float64()-0.5)*1e-15
		case 1: // beyond 2⁴⁰ cells
			k[0] = (r.Float64() - 0.5) * 1e13
		case 2:
			k[0] = float64(r.IntN(5)-2) * 0x1p40 * tol
		default:
			k[0] = (r.Float64() - 0.5) * tol * 6
		}
		k[1], k[2] = (r.Float64()-0.5)*tol, (r.Float64()-0.5)*tol
		return k
	}
	var keys [][]float64
	reject := func(j int) bool { return j%3 == 1 }
	for range 3000 {
		k := draw()
		if len(keys) > 0 && r.IntN(5) == 0 {
			j := r.IntN(len(keys))
			keys[j] = k
			c.replace(j, k)
			continue
		}
		want := -1
		for j, kj := range keys {
			if fdDist(kj, k) < tol && !reject(j) {
				want = j
				break
			}
		}
		if got := c.first(k, func(j int) bool { return !reject(j) }); got != want {
			t.Fatalf("first(%v) = %d, want %d (the first of %d keys in order)", k, got, want, len(keys))
		}
		keys = append(keys, k)
		c.add(k)
	}
}

// BenchmarkDedupDistinct: Dedup of 20 000 distinct points (no two within
// Tol) in three dimensions, each a fresh cluster (0.65 s with the former
// scan of every cluster, measured in review).
func BenchmarkDedupDistinct(b *testing.B) {
	l, err := landscapes.NewQuadraticSaddle(rmt.Stream(1, "dedup/bench", 0), []float64{1, 1, 1}, 0)
	if err != nil {
		b.Fatal(err)
	}
	r := rmt.Stream(2, "dedup/bench", 0)
	pts := make([]Point, 20000)
	for i := range pts {
		pts[i] = Point{X: []float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}, Eigenvalues: []float64{1, 1, 1}, Hits: 1}
	}
	b.ResetTimer()
	for range b.N {
		d, err := Dedup(l, pts, DedupOptions{Tol: 1e-6})
		if err != nil || len(d.Points) != len(pts) {
			b.Fatalf("%v points, %v", len(d.Points), err)
		}
	}
}
