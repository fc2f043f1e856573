package escape

import (
	"math"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// quadSaddle returns the quadratic saddle with eigenvalues lam and quartic κ
// (eigenvectors from a fixed stream), its centre and the unit eigenvector of
// lam[0].
func quadSaddle(t testing.TB, lam []float64, kappa float64) (*landscapes.QuadraticSaddle, []float64, []float64) {
	t.Helper()
	q, err := landscapes.NewQuadraticSaddle(rmt.Stream(11, "escape/test/quadratic", 0), lam, kappa)
	if err != nil {
		t.Fatal(err)
	}
	n := len(lam)
	u := make([]float64, n)
	for i := range u {
		u[i] = q.Eigenvectors().At(i, 0)
	}
	return q, make([]float64, n), u
}

// pspinSaddle is a strict saddle of a 3-spin at small N, found once by
// critical.Find.
type pspinSaddle struct {
	h     *landscapes.PSpin
	x     []float64
	value float64
	eig   []float64 // Riemannian Hessian eigenvalues, increasing
}

var (
	pspinCache = map[int]*pspinSaddle{}
	pspinMutex sync.Mutex
)

// findPSpinSaddle returns the lowest-energy saddle of index 1 of a 3-spin on
// the sphere of dimension n (seeded), or of the lowest index ≥ 1 found.
func findPSpinSaddle(t testing.TB, n, starts int) *pspinSaddle {
	t.Helper()
	pspinMutex.Lock()
	defer pspinMutex.Unlock()
	if s, ok := pspinCache[n]; ok {
		return s
	}
	h, err := landscapes.NewPSpin(rmt.Stream(3, "escape/test/pspin", uint64(n)), n, 3)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := critical.Find(h, critical.FindOptions{Starts: starts, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var best *critical.Point
	for i := range fr.Points {
		p := &fr.Points[i]
		if p.Index < 1 || p.Index == len(p.Eigenvalues) || p.Degenerate {
			continue
		}
		if best == nil || p.Index < best.Index {
			best = p
		}
	}
	if best == nil {
		t.Fatalf("no saddle among %d critical points of the 3-spin at N = %d", len(fr.Points), n)
	}
	s := &pspinSaddle{h: h, x: best.X, value: h.Value(best.X), eig: best.Eigenvalues}
	pspinCache[n] = s
	return s
}

// onSphere wraps a landscape and records the largest relative deviation
// | |x|² − N |/N over every point where the value is evaluated (every
// iterate of a run).
type onSphere struct {
	landscapes.Landscape
	maxDev float64
}

func (o *onSphere) Value(x []float64) float64 {
	n := float64(len(x))
	o.maxDev = math.Max(o.maxDev, math.Abs(floats.Dot(x, x)-n)/n)
	return o.Landscape.Value(x)
}
