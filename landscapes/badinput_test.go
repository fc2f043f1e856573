package landscapes

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestBadInputNoPanic calls the functions that take a landscape and a point
// with bad inputs (nil landscape, nil, short, NaN, infinite or off-sphere
// points, bad options), and the index arguments of MLP.Unpack and
// Octopus.Saddle; the constructors' own tests (TestPSpinErrors and the like)
// cover their parameters.
func TestBadInputNoPanic(t *testing.T) {
	r := rmt.Stream(1, "landscapes/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	ps, err := NewPSpin(r, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	q, err := NewSaddle2D(1)
	if err != nil {
		t.Fatal(err)
	}
	mlp, err := NewMLP(r, 2, 2, 5, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	oct, err := NewOctopus(3, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	onSphere := []float64{1, 1, 1, 1}
	points := map[string][]float64{
		"nil x":        nil,
		"short x":      {1, 1},
		"NaN x":        {nan, 1, 1, 1},
		"Inf x":        {inf, 1, 1, 1},
		"off sphere x": {1, 0, 0, 0},
	}
	cases := []struct {
		name string
		f    func() error
	}{
		{"NewSphere -3", func() error { return robust.Err(NewSphere(-3)) }},
		// features + 1 overflowed to MinInt in the memory check (review).
		{"NewGaussianField features MaxInt", func() error { return robust.Err(NewGaussianField(r, 4, 0.5, 1, math.MaxInt)) }},
		{"MLP.Unpack short", func() error { return robust.Err(mlp.Unpack([]float64{1})) }},
		{"Octopus.Saddle -1", func() error { return robust.Err(oct.Saddle(-1)) }},
		{"Octopus.Saddle d+1", func() error { return robust.Err(oct.Saddle(4)) }},
		{"nil landscape RiemannianGradient", func() error { return robust.Err(RiemannianGradient(nil, onSphere, nil)) }},
		{"nil landscape RiemannianHessVec", func() error { return robust.Err(RiemannianHessVec(nil, onSphere, onSphere, nil)) }},
		{"nil landscape RiemannianHessian", func() error { return robust.Err(RiemannianHessian(nil, onSphere)) }},
		{"nil landscape TangentBasis", func() error { return robust.Err(TangentBasis(nil, onSphere)) }},
		{"nil landscape TangentOperator", func() error { return robust.Err(TangentOperator(nil, onSphere)) }},
		{"nil landscape HessianOperator", func() error { return robust.Err(HessianOperator(nil, onSphere)) }},
		{"nil landscape Analyze", func() error { return robust.Err(Analyze(nil, onSphere, AnalyzeOptions{}, r)) }},
		{"RiemannianHessVec short v", func() error { return robust.Err(RiemannianHessVec(ps, onSphere, []float64{1}, nil)) }},
		{"RiemannianHessVec NaN v", func() error { return robust.Err(RiemannianHessVec(ps, onSphere, []float64{nan, 0, 0, 0}, nil)) }},
		{"Analyze GradTol NaN", func() error { return robust.Err(Analyze(ps, onSphere, AnalyzeOptions{GradTol: nan}, r)) }},
		{"Analyze ZeroTol -1", func() error { return robust.Err(Analyze(ps, onSphere, AnalyzeOptions{ZeroTol: -1}, r)) }},
		{"Analyze Probes -1", func() error { return robust.Err(Analyze(ps, onSphere, AnalyzeOptions{Probes: -1}, r)) }},
		{"Analyze nil r", func() error { return robust.Err(Analyze(ps, onSphere, AnalyzeOptions{DenseMax: -1}, nil)) }},
		{"Analyze quadratic short x", func() error { return robust.Err(Analyze(q, []float64{1}, AnalyzeOptions{}, r)) }},
	}
	for name, x := range points {
		cases = append(cases, []struct {
			name string
			f    func() error
		}{
			{"RiemannianGradient " + name, func() error { return robust.Err(RiemannianGradient(ps, x, nil)) }},
			{"RiemannianHessVec " + name, func() error { return robust.Err(RiemannianHessVec(ps, x, onSphere, nil)) }},
			{"RiemannianHessian " + name, func() error { return robust.Err(RiemannianHessian(ps, x)) }},
			{"TangentBasis " + name, func() error { return robust.Err(TangentBasis(ps, x)) }},
			{"TangentOperator " + name, func() error { return robust.Err(TangentOperator(ps, x)) }},
			{"HessianOperator " + name, func() error { return robust.Err(HessianOperator(ps, x)) }},
			{"Analyze " + name, func() error { return robust.Err(Analyze(ps, x, AnalyzeOptions{}, r)) }},
		}...)
	}
	for _, c := range cases {
		robust.Fails(t, c.name, c.f)
	}

	// CheckDerivatives has no error result: NaN errors, no panic.
	for name, f := range map[string]func() (float64, float64){
		"nil landscape": func() (float64, float64) { return CheckDerivatives(nil, onSphere, r) },
		"short x":       func() (float64, float64) { return CheckDerivatives(ps, onSphere[:2], r) },
		"nil r":         func() (float64, float64) { return CheckDerivatives(ps, onSphere, nil) },
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("CheckDerivatives %s: panic: %v", name, p)
				}
			}()
			if g, h := f(); !math.IsNaN(g) || !math.IsNaN(h) {
				t.Errorf("CheckDerivatives %s = %v, %v, want NaN, NaN", name, g, h)
			}
		}()
	}
}

// TestManifoldMemoryBound: NewSphere and NewEuclidean refuse a dimension
// whose points would exceed rmt.MemoryBudget, as NewOctopus does (the
// largest accepted is rmt.MemoryBudget/8), and so does NewFunc for a
// manifold given as a literal: NewSphere(1<<62) returned a nil error and
// its Random panicked ("makeslice: len out of range").
func TestManifoldMemoryBound(t *testing.T) {
	limit := int(rmt.MemoryBudget / 8)
	for _, n := range []int{limit + 1, 1 << 62, math.MaxInt} {
		robust.Fails(t, fmt.Sprintf("NewSphere(%d)", n), func() error { return robust.Err(NewSphere(n)) })
		robust.Fails(t, fmt.Sprintf("NewEuclidean(%d)", n), func() error { return robust.Err(NewEuclidean(n)) })
		robust.Fails(t, fmt.Sprintf("NewOctopus(%d)", n), func() error { return robust.Err(NewOctopus(n, 1, 1, 1)) })
		robust.Fails(t, fmt.Sprintf("NewFunc(Euclidean{%d})", n), func() error {
			return robust.Err(NewFunc(Euclidean{N: n}, func([]float64) float64 { return 0 },
				func(x, dst []float64) []float64 { return dst }, FuncOptions{}))
		})
	}
	if _, err := NewSphere(limit); err != nil {
		t.Errorf("NewSphere(rmt.MemoryBudget/8): %v", err)
	}
	if _, err := NewEuclidean(limit); err != nil {
		t.Errorf("NewEuclidean(rmt.MemoryBudget/8): %v", err)
	}
	_, err := NewSphere(1 << 62)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprint(limit)) || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
		t.Errorf("NewSphere(1<<62): error %v, want one naming the largest n, %d, and rmt.MemoryBudget", err, limit)
	}
}

// TestManifoldBadArgsNaN: the manifolds' methods without an error result,
// and MLP.InitialPoint, return NaN-filled points of length N for arguments
// of the wrong length or a nil generator, as the landscapes' methods do.
// Sphere.Project and Retract with short slices panicked (index out of
// range), as did Euclidean.Retract with a short v, and Random(nil, …) and
// MLP.InitialPoint(nil, …) (nil dereference).
func TestManifoldBadArgsNaN(t *testing.T) {
	allNaN := func(name string, v []float64, n int) { t.Helper(); checkAllNaN(t, name, v, n) }
	x, v := []float64{1, 1, 1, 1}, []float64{1, -1, 0, 0}
	short := []float64{1, 1}
	for _, m := range []Manifold{Sphere{N: 4}, Euclidean{N: 4}} {
		name := fmt.Sprintf("%T", m)
		robust.NoPanic(t, name, func() {
			allNaN(name+".Project(short x)", m.Project(short, v, nil), 4)
			allNaN(name+".Project(short v)", m.Project(x, short, nil), 4)
			allNaN(name+".Project(long v)", m.Project(x, append(v, 1), nil), 4)
			allNaN(name+".Retract(short x)", m.Retract(short, v, nil), 4)
			allNaN(name+".Retract(short v)", m.Retract(x, short, make([]float64, 4)), 4)
			allNaN(name+".Random(nil)", m.Random(nil, nil), 4)
		})
		// Valid arguments are unaffected.
		r := rmt.Stream(1, "manifold/bad", 0)
		if p := m.Project(x, v, nil); len(p) != 4 || math.IsNaN(p[0]) {
			t.Errorf("%s.Project(valid) = %v", name, p)
		}
		if p := m.Random(r, nil); m.Check(p) != nil {
			t.Errorf("%s.Random(valid) = %v", name, p)
		}
	}
	mlp, err := NewMLP(rmt.Stream(1, "manifold/bad", 1), 2, 2, 5, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	robust.NoPanic(t, "MLP.InitialPoint(nil)", func() {
		allNaN("MLP.InitialPoint(nil)", mlp.InitialPoint(nil, nil), mlp.Dim())
	})
}

// checkAllNaN reports through t unless v has length n and every entry NaN.
func checkAllNaN(t *testing.T, name string, v []float64, n int) {
	t.Helper()
	if len(v) != n {
		t.Errorf("%s: length %d, want %d", name, len(v), n)
	}
	for i, a := range v {
		if !math.IsNaN(a) {
			t.Errorf("%s[%d] = %v, want NaN (all: %v)", name, i, a, v)
			return
		}
	}
}

// TestCheckAnalyzeDim: CheckAnalyze names the dimension when it is below 1
// (the message spoke of Lanczos's K; found in review).
func TestCheckAnalyzeDim(t *testing.T) {
	for _, dim := range []int{0, -3} {
		if err := CheckAnalyze(dim, AnalyzeOptions{}); err == nil || !strings.Contains(err.Error(), "dim = ") {
			t.Errorf("CheckAnalyze(%d): %v, want an error naming dim", dim, err)
		}
	}
}

// TestZeroMLPRefused: the zero MLP (not built by NewMLP) has dimension 0, so
// the library's entry points refuse it; with dimension 1 (its output bias)
// critical.Find-like callers ran on it. Its methods return NaN, not panic.
func TestZeroMLPRefused(t *testing.T) {
	m := &MLP{}
	if d := m.Dim(); d != 0 {
		t.Errorf("zero MLP: Dim() = %d, want 0", d)
	}
	if _, err := RiemannianGradient(m, []float64{0}, nil); err == nil {
		t.Error("RiemannianGradient of the zero MLP: no error")
	}
	if v := m.Value([]float64{0}); !math.IsNaN(v) {
		t.Errorf("zero MLP: Value = %v, want NaN", v)
	}
	// PrepareHessian took a length-0 theta as matching, and its operator's
	// MulVec panicked on the documented empty vectors (review of
	// 2026-12-02).
	for _, theta := range [][]float64{nil, {}} {
		if op, err := m.PrepareHessian(theta); err == nil {
			t.Errorf("zero MLP: PrepareHessian(%v) = %v, nil error; want an error", theta, op)
		}
	}
}
