package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// FuzzFindOptions runs Find with arbitrary options (at most 3 starts and 60
// iterations, so that one input stays fast) on the 2-D saddle of quartic
// coefficient κ or the 3-spin on the sphere S², and Classify at an arbitrary
// point. Find must refuse the options with an error or return points that
// are valid points of the manifold with a finite energy, an index and
// nullity that fit the tangent dimension, a finite gradient norm and sorted
// eigenvalues; Classify likewise.
func FuzzFindOptions(f *testing.F) {
	f.Add(false, 1.0, 2, uint64(1), 0.0, 0.0, 0.0, 0.0, 0.0, false, 0, 0.0, false, 0.3, 1e-8)
	f.Add(true, 0.0, 3, uint64(2), 1e-6, 1e-3, 1e-4, 1e-3, 2.0, true, 30, 0.5, true, -2.0, 0.0)
	f.Add(false, 1e150, 1, uint64(3), 1e-300, 1e300, 1e-300, 1e300, 1e-300, false, 5, 1e300, false, 1e300, 1e300)
	f.Add(true, 0.5, -1, uint64(4), -1.0, math.NaN(), math.Inf(1), -1.0, -1.0, true, -5, -1.0, false, math.NaN(), -1.0)
	f.Add(false, 0.5, 1<<40, uint64(5), 0.5, 0.5, 0.5, 0.5, 1e3, false, 1<<40+7, 1e-3, true, 1e-300, 1.0)
	f.Fuzz(func(t *testing.T, sphere bool, kappa float64, starts int, seed uint64, gradTol, dedupTol, zeroTol, flatTol, startScale float64,
		noExtrema bool, maxIter int, exploreStep float64, noExplore bool, px, classTol float64) {
		var l landscapes.Landscape
		if sphere {
			p, err := landscapes.NewPSpin(rmt.Stream(seed, "critical/find-fuzz", 0), 3, 3)
			if err != nil {
				t.Fatal(err)
			}
			l = p
		} else {
			s, err := landscapes.NewSaddle2D(kappa)
			if err != nil {
				return
			}
			l = s
		}
		if starts > 3 && starts < 1<<40 {
			starts = 1 + starts%3
		}
		// Find accepts any MaxIter (the command bounds the work, a year at
		// 10⁹ operations per second) and a start that never converges runs
		// all of it, so the fuzz function caps it.
		if maxIter > 60 {
			maxIter %= 61
		}
		opts := FindOptions{
			Starts: starts, Workers: 1, Seed: seed, GradTol: gradTol, DedupTol: dedupTol, ZeroTol: zeroTol,
			FlatTol: flatTol, StartScale: startScale, NoExtrema: noExtrema, MaxIter: maxIter,
			ExploreStep: exploreStep, NoExplore: noExplore,
		}
		m := l.Manifold()
		res, err := Find(l, opts)
		if err == nil {
			for _, pt := range res.Points {
				checkPoint(t, "Find", m, pt)
			}
			if res.Converged < 0 || res.Converged > starts || res.Failed < 0 || res.GradientFlat < 0 {
				t.Fatalf("Find(%+v): converged %d, failed %d, flat %d", opts, res.Converged, res.Failed, res.GradientFlat)
			}
		} else if err.Error() == "" {
			t.Fatal("Find: empty error")
		}

		// Classify at a random point moved along the first axis by px.
		if math.IsNaN(px) || math.Abs(px) > 1e3 {
			px = 0
		}
		r := rmt.Stream(seed, "critical/find-fuzz-point", 0)
		x := m.Random(r, nil)
		v := make([]float64, m.Dim())
		v[0] = px
		x = m.Retract(x, v, nil)
		pt, err := Classify(l, x, classTol)
		if err != nil {
			if m.Check(x) == nil && classTol >= 0 {
				t.Fatalf("Classify(%v, %v): %v", x, classTol, err)
			}
			return
		}
		checkPoint(t, "Classify", m, pt)
	})
}

// checkPoint checks the fields of a classified point.
func checkPoint(t *testing.T, name string, m landscapes.Manifold, pt Point) {
	t.Helper()
	d := m.TangentDim()
	if err := m.Check(pt.X); err != nil {
		t.Fatalf("%s: point %v: %v", name, pt.X, err)
	}
	if math.IsNaN(pt.Energy) || math.IsInf(pt.Energy, 0) || math.IsNaN(pt.GradNorm) || pt.GradNorm < 0 || math.IsInf(pt.GradNorm, 0) {
		t.Fatalf("%s: point %v energy %v gradient norm %v", name, pt.X, pt.Energy, pt.GradNorm)
	}
	if pt.Index < 0 || pt.Nullity < 0 || pt.Index+pt.Nullity > d || pt.Degenerate != (pt.Nullity > 0) {
		t.Fatalf("%s: point %v index %d nullity %d degenerate %v (tangent dimension %d)", name, pt.X, pt.Index, pt.Nullity, pt.Degenerate, d)
	}
	if f := pt.IndexFraction; !(f >= 0 && f <= 1) {
		t.Fatalf("%s: index fraction %v", name, f)
	}
	if len(pt.Eigenvalues) != d {
		t.Fatalf("%s: %d eigenvalues, tangent dimension %d", name, len(pt.Eigenvalues), d)
	}
	for i, e := range pt.Eigenvalues {
		if math.IsNaN(e) || math.IsInf(e, 0) || (i > 0 && e < pt.Eigenvalues[i-1]) {
			t.Fatalf("%s: eigenvalues %v", name, pt.Eigenvalues)
		}
	}
	if d > 0 && pt.MinEig != pt.Eigenvalues[0] {
		t.Fatalf("%s: MinEig %v, eigenvalues %v", name, pt.MinEig, pt.Eigenvalues)
	}
}
