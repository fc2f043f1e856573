package escape

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// compareConfig is a small comparison on a quadratic saddle in R^6 (index
// 1, confined by a quartic term) with every method.
func compareConfig(t *testing.T) CompareConfig {
	t.Helper()
	q, x, _ := quadSaddle(t, []float64{-1, 0.5, 1, 1.5, 2, 2}, 0.1)
	var methods []Method
	for _, name := range Methods {
		m, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		methods = append(methods, m)
	}
	return CompareConfig{Landscape: q, Methods: methods, Criterion: Criterion{Saddle: x, Radius: 1},
		Smoothness: Smoothness{L: 2.3, Rho: 0.6}, Budget: Budget{MaxIters: 2000},
		Trials: 7, Delta: 1e-3, Seed: 5, Workers: 1}
}

// TestCompareDefinition recomputes every run of a comparison from the
// documented definition: trial t starts at Displace(saddle,
// RandomDirection(Stream(seed, "escape/start", t)), δ) and method m runs
// with Stream(seed, "escape/<m>", t); with custom labels the streams are
// those labels'.
func TestCompareDefinition(t *testing.T) {
	c := compareConfig(t)
	ctx := context.Background()
	for _, labels := range [][2]string{{"", ""}, {"nb/start", "nb/"}} {
		c.StartLabel, c.MethodLabel = labels[0], labels[1]
		start, prefix := labels[0], labels[1]
		if start == "" {
			start, prefix = "escape/start", "escape/"
		}
		cmp, err := Compare(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(cmp.Trials) != c.Trials || !reflect.DeepEqual(cmp.Methods, Methods) {
			t.Fatalf("%d trials, methods %v; want %d, %v", len(cmp.Trials), cmp.Methods, c.Trials, Methods)
		}
		m := c.Landscape.Manifold()
		for i, tr := range cmp.Trials {
			dir := RandomDirection(m, c.Criterion.Saddle, rmt.Stream(c.Seed, start, uint64(i)))
			x, err := Displace(m, c.Criterion.Saddle, dir, c.Delta)
			if err != nil {
				t.Fatal(err)
			}
			if tr.Index != i || !reflect.DeepEqual(tr.Dir, dir) || !reflect.DeepEqual(tr.Start, x) {
				t.Fatalf("labels %q: trial %d (index %d) start differs from its definition", labels, i, tr.Index)
			}
			for k, meth := range c.Methods {
				want, err := meth.Run(ctx, Problem{Landscape: c.Landscape, Start: x, Criterion: c.Criterion, Smoothness: c.Smoothness},
					c.Budget, rmt.Stream(c.Seed, prefix+meth.Name(), uint64(i)))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(tr.Runs[k].Result, want) || tr.Runs[k].Seconds != 0 {
					t.Errorf("labels %q: trial %d, %s: run differs from its definition", labels, i, meth.Name())
				}
			}
		}
	}
}

// TestCompareWorkersAndSplit checks that the comparison is the same with 1
// and 3 workers, and that trials [0, 3) and [3, 7) computed alone
// concatenate into the comparison of [0, 7).
func TestCompareWorkersAndSplit(t *testing.T) {
	c := compareConfig(t)
	ctx := context.Background()
	whole, err := Compare(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Workers = 3
	par, err := Compare(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole, par) {
		t.Error("the comparison differs between 1 and 3 workers")
	}
	c.First, c.End = 0, 3
	lo, err := Compare(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	c.First, c.End = 3, 0
	hi, err := Compare(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	joined, err := Concat(lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole, joined) {
		t.Error("trials [0, 3) and [3, 7) concatenated differ from [0, 7)")
	}
	if _, err := Concat(hi, lo); err == nil || !strings.Contains(err.Error(), "want trial 7") {
		t.Errorf("Concat out of order: error %v, want one naming trial 7", err)
	}
	other := *hi
	other.Methods = other.Methods[:1]
	if _, err := Concat(lo, &other); err == nil || !strings.Contains(err.Error(), "methods") {
		t.Errorf("Concat of different methods: error %v", err)
	}
	if _, err := Concat(); err == nil {
		t.Error("Concat of nothing: no error")
	}
}

// TestCompareProgressTimings checks that Progress is called once per run,
// with counts 1, …, runs, and that Timings records non-negative seconds.
func TestCompareProgressTimings(t *testing.T) {
	c := compareConfig(t)
	c.Methods = c.Methods[:2]
	c.Workers, c.Timings = 2, true
	var seen []int
	c.Progress = func(done int) { seen = append(seen, done) }
	cmp, err := Compare(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	runs := c.Trials * len(c.Methods)
	if len(seen) != runs || seen[len(seen)-1] != runs {
		t.Errorf("progress %v, want 1 … %d", seen, runs)
	}
	for _, tr := range cmp.Trials {
		for _, r := range tr.Runs {
			if !(r.Seconds >= 0) {
				t.Errorf("Seconds = %v", r.Seconds)
			}
		}
	}
}

// TestSummaries checks the summary statistics on hand-made runs: with a
// trial that did not escape counting as +∞ in Median, and only escaped
// trials in EscapedMedian.
func TestSummaries(t *testing.T) {
	run := func(escaped bool, iter int, loss float64, stop string) Run {
		r := &Result{Escaped: escaped, EscapeIter: -1, Loss: loss, Stop: stop}
		if escaped {
			r.EscapeIter, r.EscapeGradEvals, r.EscapeHVPs, r.EscapeHessians = iter, iter+1, 10*iter, iter
		}
		return Run{Result: r}
	}
	cmp := &Comparison{Methods: []string{"a", "b"}}
	for i, rs := range [][2]Run{
		{run(true, 4, -1, StopEscaped), run(false, 0, 0, StopConverged)},
		{run(true, 8, -2, StopEscaped), run(true, 3, -5, StopEscaped)},
		{run(false, 0, 0.5, StopBudget), run(false, 0, 0, StopConverged)},
		{run(true, 6, -3, StopEscaped), run(false, 0, 0, StopConverged)},
	} {
		cmp.Trials = append(cmp.Trials, Trial{Index: i, Runs: rs[:]})
	}
	s := cmp.Summaries()
	inf := math.Inf(1)
	a, b := s[0], s[1]
	// a: escape iterations 4, 8, +∞, 6 → median (6 + 8)/2 = 7; escaped 4, 6, 8 → 6.
	if a.Escaped != 3 || a.EscapedShare != 0.75 || a.Median.Iters != 7 || a.Median.GradEvals != 8 ||
		a.Median.HVPs != 70 || a.Median.Hessians != 7 || a.EscapedMedian.Iters != 6 || a.EscapedMedian.HVPs != 60 {
		t.Errorf("summary a = %+v", a)
	}
	if a.FinalLoss != -1.5 || a.Stops[StopEscaped] != 3 || a.Stops[StopBudget] != 1 || a.Seconds != 0 {
		t.Errorf("summary a = %+v", a)
	}
	// b: one escape in four → median (+∞ + +∞)/2 = +∞; over the escaped 3.
	if b.Escaped != 1 || b.Median.Iters != inf || b.EscapedMedian.Iters != 3 || b.Stops[StopConverged] != 3 || b.FinalLoss != 0 {
		t.Errorf("summary b = %+v", b)
	}
	cmp.Trials = cmp.Trials[2:3]
	if s := cmp.Summaries()[0]; !math.IsNaN(s.EscapedMedian.Iters) || s.Median.Iters != inf {
		t.Errorf("no escape: medians %+v over all, %+v over escaped; want +Inf and NaN", s.Median, s.EscapedMedian)
	}
}

// TestMedian checks odd and even counts, +Inf entries and the empty slice.
func TestMedian(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{inf, 1, 2}, 2},
		{[]float64{inf, 1}, inf},
		{[]float64{5}, 5},
	} {
		if got := Median(c.v); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.v, got, c.want)
		}
	}
	if got := Median(nil); !math.IsNaN(got) {
		t.Errorf("Median(nil) = %v, want NaN", got)
	}
}

// TestGDEscapeItersAlong checks the projection: the component of dir in the
// span of orthonormal vectors is the norm of the projection, and a
// direction orthogonal to them has no component (an error).
func TestGDEscapeItersAlong(t *testing.T) {
	dir := []float64{0.6, 0, 0.8}
	e1, e2 := []float64{1, 0, 0}, []float64{0, 0, 1}
	got, err := GDEscapeItersAlong(0.1, -1, 1e-4, 1, dir, [][]float64{e1})
	want, _ := GDEscapeIters(0.1, -1, 0.6e-4, 1)
	if err != nil || math.Abs(got-want) > 1e-12*want {
		t.Errorf("one vector: %v (%v), want %v", got, err, want)
	}
	got, err = GDEscapeItersAlong(0.1, -1, 1e-4, 1, dir, [][]float64{e1, e2})
	want, _ = GDEscapeIters(0.1, -1, 1e-4, 1)
	if err != nil || math.Abs(got-want) > 1e-12*want {
		t.Errorf("two vectors: %v (%v), want %v", got, err, want)
	}
	// A direction orthogonal to the vectors, or no vectors: the error says
	// so, not "delta = 0" for the delta = 1e-4 the caller passed.
	for _, u := range [][][]float64{{e1, e2}, nil} {
		if _, err := GDEscapeItersAlong(0.1, -1, 1e-4, 1, []float64{0, 1, 0}, u); err == nil || !strings.Contains(err.Error(), "no component in the span of unstable") {
			t.Errorf("orthogonal direction, %d vectors: error %v, want one saying dir has no component in the span of unstable", len(u), err)
		}
	}
	if _, err := GDEscapeItersAlong(0.1, -1, 1e-4, 1, dir, [][]float64{{1, 0}}); err == nil || !strings.Contains(err.Error(), "unstable[0]") {
		t.Errorf("wrong length: error %v, want one naming unstable[0]", err)
	}
	// A direction or basis that is not unit or orthonormal: the sum of
	// squared overlaps is not |P dir|² (dir of norm 2 gave the law of
	// displacement 2δ, a unit basis vector counted twice doubled |P dir|²).
	for _, c := range []struct {
		dir      []float64
		unstable [][]float64
		want     string
	}{
		{[]float64{1.2, 0, 1.6}, [][]float64{e1}, "|dir| = 2"},
		{[]float64{0.6, 0, 0.8 + 1e-5}, [][]float64{e1}, "|dir| = 1.00000"},
		{[]float64{math.NaN(), 0, 0.8}, [][]float64{e1}, "|dir| = NaN"},
		{dir, [][]float64{{2, 0, 0}}, "⟨unstable[0], unstable[0]⟩ = 4, want 1"},
		{dir, [][]float64{e1, e1}, "⟨unstable[0], unstable[1]⟩ = 1, want 0"},
		{dir, [][]float64{e1, {0.6, 0, 0.8}}, "⟨unstable[0], unstable[1]⟩ = 0.6, want 0"},
	} {
		if _, err := GDEscapeItersAlong(0.1, -1, 1e-4, 1, c.dir, c.unstable); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("dir %v, unstable %v: error %v, want one with %q", c.dir, c.unstable, err, c.want)
		}
	}
	// Rounding far below the tolerance is accepted: a vector normalised
	// in floating point.
	u := []float64{1, 2, 3}
	floats.Scale(1/floats.Norm(u, 2), u)
	if _, err := GDEscapeItersAlong(0.1, -1, 1e-4, 1, u, [][]float64{u}); err != nil {
		t.Errorf("normalised vector: %v", err)
	}
}

// TestCompareBadInput checks that every invalid field is an error naming
// it, and that a cancelled context stops the comparison.
func TestCompareBadInput(t *testing.T) {
	base := compareConfig(t)
	cases := []struct {
		edit func(c *CompareConfig)
		want string
	}{
		{func(c *CompareConfig) { c.Landscape = nil }, "Landscape is nil"},
		{func(c *CompareConfig) { c.Criterion.Saddle = []float64{0} }, "Criterion.Saddle"},
		{func(c *CompareConfig) { c.Methods = nil }, "Methods is empty"},
		{func(c *CompareConfig) { c.Methods = []Method{GD{}, nil} }, "Methods[1] is nil"},
		{func(c *CompareConfig) { c.Methods = []Method{GD{}, GD{Step: 0.1}} }, "gd twice"},
		{func(c *CompareConfig) { c.Trials = 0 }, "Trials = 0"},
		{func(c *CompareConfig) { c.First = -1 }, "First = -1"},
		{func(c *CompareConfig) { c.First, c.End = 3, 3 }, "First = 3, End = 3"},
		{func(c *CompareConfig) { c.End = 8 }, "End = 8"},
		{func(c *CompareConfig) { c.Delta = -1 }, "Delta = -1"},
		{func(c *CompareConfig) { c.Delta = math.NaN() }, "Delta = NaN"},
		{func(c *CompareConfig) { c.Workers = -2 }, "Workers = -2"},
		{func(c *CompareConfig) { c.Budget.MaxIters = 0 }, "escape: Budget.MaxIters = 0"},
		{func(c *CompareConfig) { c.Criterion.Radius = 0 }, "Criterion.Radius = 0"},
	}
	for _, cs := range cases {
		c := base
		cs.edit(&c)
		if _, err := Compare(context.Background(), c); err == nil || !strings.Contains(err.Error(), cs.want) {
			t.Errorf("error %v, want one containing %q", err, cs.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Compare(ctx, base); err != context.Canceled {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

// TestCompareValidateMemory checks that trials whose runs would exceed
// rmt.MemoryBudget are refused by Validate and Compare (2^62 trials used to
// panic in makeslice), and that a small configuration validates.
func TestCompareValidateMemory(t *testing.T) {
	l, err := landscapes.NewSaddle2D(0.5)
	if err != nil {
		t.Fatal(err)
	}
	c := CompareConfig{Landscape: l, Methods: []Method{GD{}}, Criterion: Criterion{Saddle: []float64{0, 0}, Radius: 1},
		Trials: 4, Delta: 1e-3, Smoothness: Smoothness{L: 2, Rho: 1}, Budget: Budget{MaxIters: 100}}
	if err := c.Validate(); err != nil {
		t.Errorf("4 trials: Validate() = %v", err)
	}
	c.Trials = 1 << 62
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "trials") {
		t.Errorf("2^62 trials: Validate() = %v, want an error about the trials", err)
	}
	if _, err := Compare(context.Background(), c); err == nil {
		t.Error("Compare ran 2^62 trials")
	}
}

// TestSummariesDiverged checks that FinalLoss leaves out the runs that
// diverged: their loss is that of their last finite iterate, wherever
// float64 overflowed (1e133 here, as for gd with η = 4 on `rmtsim escape`'s
// default quadratic), so the median of {1e133, 1e120, −1, −3} would be
// about 5e119 (it was, before 2026-12-02) where the runs that ended at a
// loss they reached give −2. With every run diverged it is NaN.
func TestSummariesDiverged(t *testing.T) {
	cmp := &Comparison{Methods: []string{"gd"}}
	for i, r := range []*Result{
		{Stop: StopDiverged, EscapeIter: -1, Loss: 1e133},
		{Stop: StopEscaped, Escaped: true, EscapeIter: 5, Loss: -1},
		{Stop: StopDiverged, EscapeIter: -1, Loss: 1e120},
		{Stop: StopEscaped, Escaped: true, EscapeIter: 7, Loss: -3},
	} {
		cmp.Trials = append(cmp.Trials, Trial{Index: i, Runs: []Run{{Result: r}}})
	}
	s := cmp.Summaries()[0]
	if s.FinalLoss != -2 || s.Stops[StopDiverged] != 2 || s.Escaped != 2 || s.Median.Iters != math.Inf(1) {
		t.Errorf("summary %+v; want final loss −2 over the two runs that did not diverge, 2 diverged, 2 escaped, median iterations +Inf", s)
	}
	cmp.Trials = slices.DeleteFunc(cmp.Trials, func(tr Trial) bool { return tr.Runs[0].Stop != StopDiverged })
	for i := range cmp.Trials {
		cmp.Trials[i].Index = i
	}
	if s := cmp.Summaries()[0]; !math.IsNaN(s.FinalLoss) {
		t.Errorf("every run diverged: final loss %v, want NaN", s.FinalLoss)
	}
}
