package escape

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// CompareConfig describes a comparison of methods over random starts around
// one saddle ([Compare]).
//
// Trial t starts at Criterion.Saddle displaced by Delta ([Displace]) along
// the unit tangent direction [RandomDirection] draws from
// rmt.Stream(Seed, StartLabel, t); method m of trial t draws its randomness
// from rmt.Stream(Seed, MethodLabel+m.Name(), t). Every method runs from
// every start with the same Problem (Landscape, Criterion, Smoothness) and
// Budget.
type CompareConfig struct {
	Landscape  landscapes.Landscape
	Methods    []Method // at least one, names distinct
	Criterion  Criterion
	Smoothness Smoothness
	Budget     Budget

	// Trials is the number of trials T ≥ 1. First and End select the
	// trials [First, End) to run (0 ≤ First < End ≤ T; End = 0 means T), so
	// that the trials can be split into parts computed alone and joined
	// ([Concat]).
	Trials, First, End int
	// Delta is the distance δ ≥ 0 of the starts from the saddle.
	Delta float64

	// Seed is the master seed of the streams. StartLabel ("" means
	// "escape/start") labels the start directions, MethodLabel ("" means
	// "escape/") prefixes the method names in the labels of the methods'
	// streams.
	Seed                    uint64
	StartLabel, MethodLabel string

	// Workers is the number of goroutines (0: runtime.GOMAXPROCS(0)); the
	// result does not depend on it.
	Workers int
	// Timings records the wall-clock seconds of every run in Run.Seconds
	// (otherwise 0, so that a Comparison is reproducible byte for byte).
	Timings bool
	// Progress, when not nil, is called with the number of runs done after
	// each run, from one goroutine at a time.
	Progress func(done int)
}

// Comparison is the outcome of [Compare]: the method names in the order of
// CompareConfig.Methods and one Trial per trial, in trial order. Trials
// are independent, so the Comparisons of disjoint trial ranges concatenate
// into the Comparison of their union ([Concat]).
type Comparison struct {
	Methods []string
	Trials  []Trial
}

// Trial is one trial: its number, its start (the unit tangent direction Dir
// and the displaced point Start) and one Run per method, in method order.
type Trial struct {
	Index      int
	Dir, Start []float64
	Runs       []Run
}

// Run is one method's run from a trial's start.
type Run struct {
	*Result
	Seconds float64 // wall-clock seconds when CompareConfig.Timings, else 0
}

// Medians are medians over trials of the counts spent up to the escape
// (Result.EscapeIter, EscapeGradEvals, EscapeHVPs, EscapeHessians).
type Medians struct {
	Iters, GradEvals, HVPs, Hessians float64
}

// Summary summarises one method over the trials of a [Comparison].
//
// Median counts every trial, a trial that did not escape counting as +∞, so
// the median is +Inf when at most half of the trials escaped (with an even
// count, exactly half gives the mean of a finite and an infinite middle
// value): the cost of
// a typical trial. EscapedMedian counts only the escaped trials (NaN when
// none did): the cost of an escape when there is one. FinalLoss is the
// median of the loss where the runs stopped, over the runs that did not
// diverge (NaN when all did): a diverged run ([StopDiverged]) ends at its
// last finite iterate, whose loss is an artefact of where float64
// overflowed (3.4e133 for gd with η = 4 on `rmtsim escape`'s default
// quadratic, where 65% of the runs diverge, would be the median with
// them), not a loss the method reached. Seconds is the median of
// Run.Seconds over every run. Stops counts the trials by Result.Stop: a run
// that diverged before its escape counts under "diverged" and as a trial
// that did not escape. Medians of an even count are the mean of the two
// middle values.
type Summary struct {
	Method          string
	Trials, Escaped int
	EscapedShare    float64 // Escaped/Trials
	Median          Medians
	EscapedMedian   Medians
	FinalLoss       float64
	Seconds         float64
	Stops           map[string]int
}

// Compare runs every method of c from every start of the trials
// [c.First, c.End) on c.Workers goroutines, and returns the runs in trial
// order. Runs are independent, each drawing only from its own stream, so
// the result is the same for any number of workers and any split of the
// trials. It errors, naming the parameter, for an invalid configuration, and
// with the method and trial for the first run (in trial, then method order)
// that failed; it returns ctx's error when ctx is cancelled. A run that
// diverges is not a failure: it is kept with Stop [StopDiverged].
func Compare(ctx context.Context, c CompareConfig) (*Comparison, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	first, end, workers, err := c.check()
	if err != nil {
		return nil, err
	}
	startLabel, methodLabel := c.labels()
	m := c.Landscape.Manifold()
	saddle := c.Criterion.Saddle
	out := &Comparison{Trials: make([]Trial, end-first)}
	for _, meth := range c.Methods {
		out.Methods = append(out.Methods, meth.Name())
	}
	for i := range out.Trials {
		t := first + i
		dir := RandomDirection(m, saddle, rmt.Stream(c.Seed, startLabel, uint64(t)))
		x, err := Displace(m, saddle, dir, c.Delta)
		if err != nil {
			return nil, err
		}
		out.Trials[i] = Trial{Index: t, Dir: dir, Start: x, Runs: make([]Run, len(c.Methods))}
	}

	nm := len(c.Methods)
	var mu sync.Mutex
	done := 0
	err = parallel.For(ctx, 0, len(out.Trials)*nm, workers, func(_, j int) error {
		tr, meth := &out.Trials[j/nm], c.Methods[j%nm]
		p := Problem{Landscape: c.Landscape, Start: tr.Start, Criterion: c.Criterion, Smoothness: c.Smoothness}
		begin := time.Now()
		res, err := meth.Run(ctx, p, c.Budget, rmt.Stream(c.Seed, methodLabel+meth.Name(), uint64(tr.Index)))
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			return fmt.Errorf("%s, trial %d: %w", out.Methods[j%nm], tr.Index, err)
		}
		run := Run{Result: res}
		if c.Timings {
			run.Seconds = time.Since(begin).Seconds()
		}
		tr.Runs[j%nm] = run
		if c.Progress != nil {
			mu.Lock()
			done++
			c.Progress(done)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// trialBytes is the memory a Comparison holds per trial in dimension dim with
// nm methods: the start and its direction, and per run its end point and
// record (about 256 bytes), and with b.Record its trajectory, up to
// b.MaxIters + 1 samples (1<<40 iterations of a method that never stops,
// recorded, would fill the memory).
func trialBytes(dim, nm int, b Budget) float64 {
	t := 8*float64(dim)*float64(2+nm) + 256*float64(nm)
	if b.Record {
		t += float64(nm) * sampleBytes * (float64(b.MaxIters) + 1)
	}
	return t
}

// Validate reports, naming the field and its valid range, why Compare would
// refuse c, without running anything: a nil landscape or method, a saddle
// off the manifold, an empty or repeated method list, a bad trial range,
// δ or worker count, trials whose runs would not fit in [rmt.MemoryBudget]
// bytes, or what every run checks before its first iteration: the
// Smoothness, Criterion and Budget (as [Method.Run] checks its Problem and
// Budget, with the saddle as the start: every start is a point of the
// manifold) and each method's own parameters (GD.Step, PGD's constants,
// NCE.Lanczos, …; methods defined outside this package are checked only as
// runs, when Compare runs them), and the first trial's start (a δ that puts
// it where f is not finite). It evaluates f(Criterion.Saddle) once when
// Criterion.Radius > 0, as every run does, and f at that start when δ > 0,
// so that it accepts no configuration that Compare would refuse at its
// first run.
func (c CompareConfig) Validate() error {
	_, _, _, err := c.check()
	return err
}

// check validates the configuration (see Validate) and resolves the trial
// range and the number of workers.
func (c *CompareConfig) check() (first, end, workers int, err error) {
	if landscapes.IsNil(c.Landscape) {
		return 0, 0, 0, errorf("Compare: CompareConfig.Landscape is nil")
	}
	m := c.Landscape.Manifold()
	if nilcheck.Is(m) {
		return 0, 0, 0, errorf("Compare: the landscape's manifold is nil (or a nil pointer such as (*landscapes.Sphere)(nil))")
	}
	if err := m.Check(c.Criterion.Saddle); err != nil {
		return 0, 0, 0, errorf("Compare: CompareConfig.Criterion.Saddle: %v", err)
	}
	if len(c.Methods) == 0 {
		return 0, 0, 0, errorf("Compare: CompareConfig.Methods is empty, want at least one method")
	}
	seen := map[string]bool{}
	for i, meth := range c.Methods {
		if nilcheck.Is(meth) {
			return 0, 0, 0, errorf("Compare: CompareConfig.Methods[%d] is nil (or a nil pointer such as (*SFN)(nil))", i)
		}
		if seen[meth.Name()] {
			return 0, 0, 0, errorf("Compare: CompareConfig.Methods lists %s twice, want distinct methods", meth.Name())
		}
		seen[meth.Name()] = true
	}
	if c.Trials < 1 {
		return 0, 0, 0, errorf("Compare: CompareConfig.Trials = %d, want ≥ 1", c.Trials)
	}
	first, end = c.First, c.End
	if end == 0 {
		end = c.Trials
	}
	if first < 0 || first >= end || end > c.Trials {
		return 0, 0, 0, errorf("Compare: CompareConfig.First = %d, End = %d, want 0 ≤ First < End ≤ Trials = %d (End 0: Trials)", c.First, c.End, c.Trials)
	}
	if !(c.Delta >= 0) || math.IsInf(c.Delta, 0) {
		return 0, 0, 0, errorf("Compare: CompareConfig.Delta = %v, want a finite δ ≥ 0", c.Delta)
	}
	if per := trialBytes(m.Dim(), len(c.Methods), c.Budget); c.Budget.Record && per > float64(rmt.MemoryBudget) {
		fixed := trialBytes(m.Dim(), len(c.Methods), Budget{})
		most := int64((float64(rmt.MemoryBudget)-fixed)/(float64(len(c.Methods))*sampleBytes)) - 1
		return 0, 0, 0, errorf("Compare: Budget.Record with MaxIters = %d and %d methods would hold %.3g bytes of trajectories per trial; want MaxIters ≤ %d, or Record false (rmt.MemoryBudget = %d bytes)",
			c.Budget.MaxIters, len(c.Methods), per, max(most, 0), rmt.MemoryBudget)
	}
	if b, per := float64(end-first)*trialBytes(m.Dim(), len(c.Methods), c.Budget), trialBytes(m.Dim(), len(c.Methods), c.Budget); b > float64(rmt.MemoryBudget) {
		return 0, 0, 0, errorf("Compare: %d trials of %d methods in dimension %d would hold %.3g bytes of runs; want at most %d trials (rmt.MemoryBudget = %d bytes)",
			end-first, len(c.Methods), m.Dim(), b, int64(float64(rmt.MemoryBudget)/per), rmt.MemoryBudget)
	}
	workers = c.Workers
	if workers < 0 {
		return 0, 0, 0, errorf("Compare: CompareConfig.Workers = %d, want ≥ 0 (0: GOMAXPROCS)", workers)
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// What every run checks first (newState, then the method's
	// parameters), for the runs' common Problem and Budget.
	p := Problem{Landscape: c.Landscape, Start: c.Criterion.Saddle, Criterion: c.Criterion, Smoothness: c.Smoothness}
	if _, _, _, err := checkProblem("Compare", p, c.Budget); err != nil {
		return 0, 0, 0, err
	}
	for i, meth := range c.Methods {
		if pc, ok := meth.(paramChecker); ok {
			if err := pc.check(p); err != nil {
				return 0, 0, 0, errorf("Compare: CompareConfig.Methods[%d] (%s): %v", i, meth.Name(), err)
			}
		}
	}
	// The first trial's start, as Compare draws it: a δ that puts the
	// starts where f is not finite (δ = 1e300) passed Validate, and
	// Compare then failed at its first run.
	if c.Delta > 0 {
		label, _ := c.labels()
		dir := RandomDirection(m, c.Criterion.Saddle, rmt.Stream(c.Seed, label, uint64(first)))
		x, err := Displace(m, c.Criterion.Saddle, dir, c.Delta)
		if err != nil {
			return 0, 0, 0, errorf("Compare: CompareConfig.Delta = %v: %v", c.Delta, err)
		}
		if f := c.Landscape.Value(x); math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, 0, 0, errorf("Compare: CompareConfig.Delta = %v: f = %v at trial %d's start, at that distance from the saddle; want a smaller δ", c.Delta, f, first)
		}
	}
	return first, end, workers, nil
}

// labels returns the stream labels of the starts and the methods' runs,
// with their defaults.
func (c *CompareConfig) labels() (start, method string) {
	start, method = c.StartLabel, c.MethodLabel
	if start == "" {
		start = "escape/start"
	}
	if method == "" {
		method = "escape/"
	}
	return start, method
}

// Concat joins the Comparisons of consecutive trial ranges (computed by
// [Compare] with the same configuration but First and End) into one, in the
// order given. It errors when the parts list different methods or their
// trials do not follow each other (the first trial of a part must be the
// one after the last of the previous part).
func Concat(parts ...*Comparison) (*Comparison, error) {
	if len(parts) == 0 {
		return nil, errorf("Concat: no parts, want at least one")
	}
	out := &Comparison{}
	for i, p := range parts {
		if p == nil || len(p.Trials) == 0 {
			return nil, errorf("Concat: part %d is nil or empty", i)
		}
		if i == 0 {
			out.Methods = slices.Clone(p.Methods)
		} else if !slices.Equal(p.Methods, out.Methods) {
			return nil, errorf("Concat: part %d has methods %v, want %v as part 0", i, p.Methods, out.Methods)
		}
		if n := len(out.Trials); n > 0 && p.Trials[0].Index != out.Trials[n-1].Index+1 {
			return nil, errorf("Concat: part %d starts at trial %d, want trial %d (after part %d)", i, p.Trials[0].Index, out.Trials[n-1].Index+1, i-1)
		}
		if err := p.check(); err != nil {
			return nil, errorf("Concat: part %d: %v", i, err)
		}
		out.Trials = append(out.Trials, p.Trials...)
	}
	return out, nil
}

// check reports a Comparison that Summaries cannot read: trials out of
// order, or a trial without exactly one Run with a Result per method.
func (c *Comparison) check() error {
	for t, tr := range c.Trials {
		if t > 0 && tr.Index != c.Trials[t-1].Index+1 {
			return fmt.Errorf("trial %d follows trial %d, want consecutive trials", tr.Index, c.Trials[t-1].Index)
		}
		if len(tr.Runs) != len(c.Methods) {
			return fmt.Errorf("trial %d has %d runs, want one per method (%d)", tr.Index, len(tr.Runs), len(c.Methods))
		}
		for m, r := range tr.Runs {
			if r.Result == nil {
				return fmt.Errorf("trial %d, method %s: run without a Result", tr.Index, c.Methods[m])
			}
		}
	}
	return nil
}

// Summaries returns one Summary per method, in method order. It returns nil
// for a nil Comparison or one whose trials do not each hold one Run with a
// Result per method (as those of [Compare] and [Concat] do).
func (c *Comparison) Summaries() []Summary {
	if c == nil || c.check() != nil {
		return nil
	}
	out := make([]Summary, len(c.Methods))
	n := len(c.Trials)
	inf := math.Inf(1)
	for mi, name := range c.Methods {
		all := [4][]float64{}
		esc := [4][]float64{}
		loss, secs := make([]float64, 0, n), make([]float64, n)
		s := Summary{Method: name, Trials: n, Stops: map[string]int{}}
		for t, tr := range c.Trials {
			r := tr.Runs[mi]
			s.Stops[r.Stop]++
			secs[t] = r.Seconds
			if r.Stop != StopDiverged {
				loss = append(loss, r.Loss)
			}
			v := [4]float64{inf, inf, inf, inf}
			if r.Escaped {
				s.Escaped++
				v = [4]float64{float64(r.EscapeIter), float64(r.EscapeGradEvals), float64(r.EscapeHVPs), float64(r.EscapeHessians)}
				for k := range v {
					esc[k] = append(esc[k], v[k])
				}
			}
			for k := range v {
				all[k] = append(all[k], v[k])
			}
		}
		s.EscapedShare = float64(s.Escaped) / float64(n)
		s.Median = Medians{Median(all[0]), Median(all[1]), Median(all[2]), Median(all[3])}
		s.EscapedMedian = Medians{Median(esc[0]), Median(esc[1]), Median(esc[2]), Median(esc[3])}
		s.FinalLoss, s.Seconds = Median(loss), Median(secs)
		out[mi] = s
	}
	return out
}

// Median returns the median of v, the mean of the two middle values for an
// even count (+Inf entries count as the largest; NaN for an empty v or one
// holding a NaN, which has no rank: it sorted first, so {1, NaN, 3} gave 1).
// It sorts v.
func Median(v []float64) float64 {
	n := len(v)
	if n == 0 || slices.ContainsFunc(v, math.IsNaN) {
		return math.NaN()
	}
	slices.Sort(v)
	return (v[(n-1)/2] + v[n/2]) / 2
}

// unitTol is GDEscapeItersAlong's tolerance on the norms and overlaps of its
// vectors: far above the rounding of a normalised or eigensolver-computed
// vector (about 1e-14 at n = 10⁴), far below a mistake.
const unitTol = 1e-6

// GDEscapeItersAlong is [GDEscapeIters] for a start displaced by delta along
// the unit direction dir: the escape-time law for the start's component
// delta·|P dir| in the span of the orthonormal vectors unstable (the
// eigenspace of lambdaMin; P the orthogonal projection onto it), the
// component the linearised gradient descent amplifies fastest. It errors as
// GDEscapeIters does, when dir has no component in the span of unstable
// (unstable empty or orthogonal to dir: the displacement delta·|P dir| is 0),
// when dir or a vector of unstable has another length than dir, and when dir
// is not a unit vector or the vectors of unstable are not orthonormal, each
// within 1e-6 (the sum of squared overlaps is |P dir|² only for an
// orthonormal basis: for dir of norm 2 the law was that of displacement 2δ).
func GDEscapeItersAlong(eta, lambdaMin, delta, radius float64, dir []float64, unstable [][]float64) (float64, error) {
	if n := floats.Norm(dir, 2); !(math.Abs(n-1) <= unitTol) {
		return 0, errorf("GDEscapeItersAlong: |dir| = %v, want a unit vector (within %g)", n, unitTol)
	}
	var ov2 float64
	for i, v := range unstable {
		if len(v) != len(dir) {
			return 0, errorf("GDEscapeItersAlong: unstable[%d] has length %d, want len(dir) = %d", i, len(v), len(dir))
		}
		for j, u := range unstable[:i+1] {
			want := 0.0
			if j == i {
				want = 1
			}
			if g := floats.Dot(u, v); !(math.Abs(g-want) <= unitTol) {
				return 0, errorf("GDEscapeItersAlong: ⟨unstable[%d], unstable[%d]⟩ = %v, want %v (orthonormal vectors, within %g)", j, i, g, want, unitTol)
			}
		}
		ov := floats.Dot(v, dir)
		ov2 += ov * ov
	}
	if ov2 == 0 && delta > 0 {
		return 0, errorf("GDEscapeItersAlong: dir has no component in the span of unstable (%d vectors), want one: the linearised descent never leaves the saddle along it", len(unstable))
	}
	return GDEscapeIters(eta, lambdaMin, delta*math.Sqrt(ov2), radius)
}
