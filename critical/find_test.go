package critical

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// fdPSpin returns the pure p-spin realization number seed.
func fdPSpin(t testing.TB, seed uint64, n, p int) *landscapes.PSpin {
	t.Helper()
	h, err := landscapes.NewPSpin(rmt.Stream(seed, "pspin-couplings", 0), n, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestFindQuadraticSaddle: every closed-form critical point of the confined
// quadratic saddle is found, with its index, and nothing else; Morse sum 1.
func TestFindQuadraticSaddle(t *testing.T) {
	for _, c := range []struct{ n, index int }{{3, 1}, {4, 2}, {5, 3}, {6, 6}} {
		q, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(7, "quadratic", uint64(c.n)), c.n, c.index, 1)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Find(q, FindOptions{Starts: 1000, Seed: 3, StartScale: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		want := q.CriticalPoints()
		if len(r.Points) != len(want) {
			t.Fatalf("n=%d index=%d: found %d points, want %d", c.n, c.index, len(r.Points), len(want))
		}
		for _, w := range want {
			hit := false
			for _, p := range r.Points {
				if fdDist(p.X, w.X) < 1e-8 {
					hit = true
					if p.Index != w.Index || math.Abs(p.Energy-w.Value) > 1e-12 || p.Degenerate || p.GradNorm > 1e-10 {
						t.Errorf("n=%d: point %v: index %d energy %v |g| %v, want index %d energy %v", c.n, w.X, p.Index, p.Energy, p.GradNorm, w.Index, w.Value)
					}
				}
			}
			if !hit {
				t.Errorf("n=%d index=%d: known point %v (index %d) not found", c.n, c.index, w.X, w.Index)
			}
		}
		if r.MorseSum != 1 || r.MorseWant != 1 || !r.MorseOK {
			t.Errorf("n=%d: Morse sum %d want %d ok %v", c.n, r.MorseSum, r.MorseWant, r.MorseOK)
		}
		if r.Failed+r.GradientFlat+r.Converged != 1000 || len(r.Rejects) != r.Failed+r.GradientFlat {
			t.Errorf("n=%d: starts not accounted for: %d+%d+%d", c.n, r.Failed, r.GradientFlat, r.Converged)
		}
	}
}

// TestFindPSpinMorse: the Morse check Σ_k (−1)^k n_k = χ(S^{N−1}) (Milnor,
// Morse Theory, 1963; THEORY.md) holds on every realization of the pure
// 3-spin: at odd N = 5, 7 with the ±σ symmetry (the check is informative at
// odd N, where k and N−1−k have the same parity), and at N = 6 on the points
// found directly (NoSymmetry: at even N the symmetric closure satisfies the
// check by construction, since k ↦ N−1−k flips the parity of the index).
func TestFindPSpinMorse(t *testing.T) {
	for _, c := range []struct {
		n, starts int
		nosym     bool
	}{{5, 500, false}, {7, 1000, false}, {6, 2400, true}} {
		bad := 0
		for s := uint64(1); s <= 10; s++ {
			h := fdPSpin(t, s, c.n, 3)
			r, err := Find(h, FindOptions{Starts: c.starts, Seed: s, NoSymmetry: c.nosym})
			if err != nil {
				t.Fatal(err)
			}
			if !r.MorseOK {
				bad++
				t.Logf("N=%d realization %d: Morse sum %d want %d, counts %v", c.n, s, r.MorseSum, r.MorseWant, r.CountByIndex)
			}
			if r.SymmetryViolations != 0 || r.Failed != 0 {
				t.Errorf("N=%d realization %d: %d symmetry violations, %d failed starts", c.n, s, r.SymmetryViolations, r.Failed)
			}
		}
		if bad > 0 {
			t.Errorf("N=%d: Morse check failed on %d of 10 realizations", c.n, bad)
		}
	}
}

// TestFindPSpinSymmetry: for the odd pure p-spin, −σ of every point found is
// a found point with energy −E, index N−1−k and negated eigenvalues.
func TestFindPSpinSymmetry(t *testing.T) {
	h := fdPSpin(t, 4, 7, 3)
	r, err := Find(h, FindOptions{Starts: 1000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Points {
		y := Negation(p.X)
		hit := false
		for _, q := range r.Points {
			if fdDist(q.X, y) >= 1e-8 {
				continue
			}
			hit = true
			if math.Abs(q.Energy+p.Energy) > 1e-12 || q.Index != 6-p.Index {
				t.Errorf("partner of E=%v k=%d has E=%v k=%d", p.Energy, p.Index, q.Energy, q.Index)
			}
			for i, v := range p.Eigenvalues {
				if math.Abs(q.Eigenvalues[len(q.Eigenvalues)-1-i]+v) > 1e-9 {
					t.Errorf("partner eigenvalues %v, want the negation of %v", q.Eigenvalues, p.Eigenvalues)
					break
				}
			}
		}
		if !hit {
			t.Errorf("the partner of E=%v k=%d is missing", p.Energy, p.Index)
		}
		if p.GradNorm > 1e-10 {
			t.Errorf("|grad| = %v at E=%v", p.GradNorm, p.Energy)
		}
	}
	// Without the symmetry the directly found points are closed under it too.
	r2, err := Find(h, FindOptions{Starts: 3000, Seed: 2, NoSymmetry: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r2.Points) != len(r.Points) {
		t.Errorf("NoSymmetry with 3000 starts found %d points, the symmetric run %d", len(r2.Points), len(r.Points))
	}
}

// TestFindWorkers: the result is identical, bit for bit, for 1, 2 and 3
// workers (each worker reuses its own workspace across its searches, so the
// outcome of a start must not depend on the starts its worker ran before) on
// the 3-spin at N = 6, the Gaussian field at N = 3 (with the exploration,
// whose seeds depend on the points found) and a tanh network.
func TestFindWorkers(t *testing.T) {
	for _, c := range []struct {
		name    string
		l       landscapes.Landscape
		opts    FindOptions
		explore bool
	}{
		{"3-spin N=6", fdPSpin(t, 9, 6, 3), FindOptions{Starts: 300, Seed: 5}, false},
		{"field N=3", fdField(t, 3, 0), FindOptions{Starts: 150, Seed: 2, StartScale: 2}, true},
		{"MLP", tinyMLP(t), FindOptions{Starts: 150, Seed: 4}, true},
	} {
		var ref *FindResult
		for _, w := range []int{1, 2, 3} {
			o := c.opts
			o.Workers = w
			r, err := Find(c.l, o)
			if err != nil {
				t.Fatalf("%s, %d workers: %v", c.name, w, err)
			}
			if ref == nil {
				ref = r
				if c.explore && r.Explored == 0 {
					t.Errorf("%s: no exploration ran", c.name)
				}
				continue
			}
			if !reflect.DeepEqual(ref, r) {
				t.Errorf("%s: Workers = 1 and %d give different results", c.name, w)
			}
			if msg := fdBitsDiffer(ref, r); msg != "" {
				t.Errorf("%s: Workers = 1 and %d: %s", c.name, w, msg)
			}
		}
		for i := 1; i < len(ref.Points); i++ {
			if fdCompare(ref.Points[i-1], ref.Points[i]) >= 0 {
				t.Errorf("%s: points not sorted at %d", c.name, i)
			}
		}
	}
}

// fdBitsDiffer describes the first float64 of the points and rejected starts
// of a and b whose bits differ ("" when none; reflect.DeepEqual takes
// 0 = −0 and NaN ≠ NaN).
func fdBitsDiffer(a, b *FindResult) string {
	if len(a.Points) != len(b.Points) || len(a.Rejects) != len(b.Rejects) {
		return "different numbers of points or rejects"
	}
	same := sameBits
	for i, p := range a.Points {
		q := b.Points[i]
		if !same(p.X, q.X) || !same(p.Eigenvalues, q.Eigenvalues) ||
			!same([]float64{p.Energy, p.IndexFraction, p.GradNorm, p.MinEig}, []float64{q.Energy, q.IndexFraction, q.GradNorm, q.MinEig}) {
			return fmt.Sprintf("point %d differs in its bits", i)
		}
	}
	for i, r := range a.Rejects {
		q := b.Rejects[i]
		if !same(r.X, q.X) || !same([]float64{r.GradNorm, r.HgRatio}, []float64{q.GradNorm, q.HgRatio}) {
			return fmt.Sprintf("reject %d differs in its bits", i)
		}
	}
	if math.Float64bits(a.Chao1) != math.Float64bits(b.Chao1) {
		return "Chao1 differs in its bits"
	}
	return ""
}

// sameBits reports whether u and v hold the same float64 bits.
func sameBits(u, v []float64) bool {
	return slices.EqualFunc(u, v, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
}

// TestChao1 checks the estimator on hand-computed cases.
func TestChao1(t *testing.T) {
	for _, c := range []struct {
		hits []int
		want float64
	}{{[]int{1, 1, 2, 3}, 4 + 4.0/2}, {[]int{1, 1, 1, 3}, 4 + 3}, {[]int{5, 3}, 2}, {nil, 0}, {[]int{0, 2, 2}, 2}} {
		if got := Chao1(c.hits); got != c.want {
			t.Errorf("Chao1(%v) = %v, want %v", c.hits, got, c.want)
		}
	}
}

// TestMorse checks the alternating sum and the Euler characteristics.
func TestMorse(t *testing.T) {
	if s := MorseSum([]int{3, 6, 10, 10, 6, 3}); s != 0 {
		t.Errorf("MorseSum = %d, want 0", s)
	}
	for n, want := range map[int]int{2: 0, 3: 2, 8: 0, 9: 2} {
		if got, err := MorseWant(landscapes.Sphere{N: n}); err != nil || got != want {
			t.Errorf("MorseWant(S^%d) = %d, %v; want %d", n-1, got, err, want)
		}
	}
	if got, _ := MorseWant(landscapes.Euclidean{N: 3}); got != 1 {
		t.Errorf("MorseWant(R^3) = %d, want 1", got)
	}
	if _, err := MorseWant(nil); err == nil {
		t.Error("MorseWant(nil): no error")
	}
}

// TestFindBadInput: invalid options are refused with an error naming them.
func TestFindBadInput(t *testing.T) {
	h := fdPSpin(t, 1, 4, 3)
	for _, c := range []struct {
		o    FindOptions
		name string
	}{
		{FindOptions{}, "Starts"},
		{FindOptions{Starts: 1, Workers: -1}, "Workers"},
		{FindOptions{Starts: 1, ExploreStep: math.NaN()}, "ExploreStep"},
		{FindOptions{Starts: 1, ExploreStep: math.Inf(1)}, "ExploreStep"},
		{FindOptions{Starts: 1, ExploreStep: -1}, "ExploreStep"},
		{FindOptions{Starts: 1, MaxIter: -2}, "MaxIter"},
		{FindOptions{Starts: 1, GradTol: math.NaN()}, "GradTol"},
		{FindOptions{Starts: 1, DedupTol: -1}, "DedupTol"},
		{FindOptions{Starts: 1, ZeroTol: 2}, "ZeroTol"},
		{FindOptions{Starts: 1, FlatTol: math.Inf(1)}, "FlatTol"},
		// Starts whose squares overflow, and a gradient criterion below
		// the gradient's rounding: no point, or only the origin of a
		// field, and no error before.
		{FindOptions{Starts: 1, StartScale: 1e300}, "StartScale = 1e+300, want 0 ≤ StartScale ≤ 1e+150"},
		{FindOptions{Starts: 1, StartScale: math.NaN()}, "StartScale = NaN"},
		{FindOptions{Starts: 1, GradTol: 1e-300}, "GradTol = 1e-300, want 2⁻⁵²"},
		{FindOptions{Starts: 1, GradTol: 1e-17}, "GradTol = 1e-17"},
	} {
		if _, err := Find(h, c.o); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%+v: error %v, want one naming %s", c.o, err, c.name)
		}
	}
	if _, err := Find(nil, FindOptions{Starts: 1}); err == nil {
		t.Error("nil landscape: no error")
	}
	// The bounds themselves are accepted: the 3-spin at N = 4 (where
	// StartScale is ignored) at the smallest GradTol still finds points.
	if r, err := Find(h, FindOptions{Starts: 8, Seed: 1, GradTol: 0x1p-52, StartScale: landscapes.MaxScale}); err != nil || len(r.Points) == 0 {
		t.Errorf("GradTol 2⁻⁵², StartScale MaxScale: %v points, error %v; want points and no error", r, err)
	}
	if _, err := Classify(h, []float64{1, 2}, 0); err == nil {
		t.Error("Classify with a wrong-length point: no error")
	}
}

// fdCubic is f(x) = x³/3 + x on R: f′ = x² + 1 never vanishes, and |f′|² has
// its minimum at x = 0, where f″ = 0: a gradient-flat point (Hg = 0, g = 1).
type fdCubic struct{}

func (fdCubic) Manifold() landscapes.Manifold { return landscapes.Euclidean{N: 1} }
func (fdCubic) Value(x []float64) float64     { return x[0]*x[0]*x[0]/3 + x[0] }
func (fdCubic) Gradient(x, dst []float64) []float64 {
	return append(dst[:0], x[0]*x[0]+1)
}
func (fdCubic) HessVec(x, v, dst []float64) []float64 {
	return append(dst[:0], 2*x[0]*v[0])
}
func (fdCubic) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	return mat.NewSymDense(1, []float64{2 * x[0]})
}

// TestFindGradientFlat: starts that end at the gradient-flat point x = 0 of
// fdCubic are rejected and counted, never reported as critical points (a
// start stopped because |g| stagnates is flat when |Hg|/|g| ≤ √FlatTol = 1e-3).
func TestFindGradientFlat(t *testing.T) {
	r, err := Find(fdCubic{}, FindOptions{Starts: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Points) != 0 || r.GradientFlat != 20 || r.Failed != 0 || len(r.Rejects) != 20 {
		t.Fatalf("points %d, flat %d, failed %d, rejects %d; want 0, 20, 0, 20", len(r.Points), r.GradientFlat, r.Failed, len(r.Rejects))
	}
	for _, rj := range r.Rejects {
		if !rj.Flat || math.Abs(rj.GradNorm-1) > 1e-6 || rj.HgRatio > 1e-3 {
			t.Errorf("start %d: flat %v |g| %v |Hg|/|g| %v at x %v", rj.Start, rj.Flat, rj.GradNorm, rj.HgRatio, rj.X)
		}
	}
}
