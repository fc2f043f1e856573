package escape

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// TestNoisyScaling checks the documented noise law of Noisy: on a flat
// landscape (all eigenvalues 0, κ = 0, so the gradient vanishes) each step
// adds N(0, σ²η) to every coordinate, so after T steps E|x_T − x_0|² =
// Nσ²ηT and |x_T − x_0|²/(σ²ηT) is χ²_N. Over 200 runs the mean of
// |x_T − x_0|²/(Nσ²ηT) must be 1 within 5 standard errors (√(2/N)/√200).
func TestNoisyScaling(t *testing.T) {
	const n, steps, runs = 10, 50, 200
	const eta, sigma = 0.3, 0.7
	q, x0, _ := quadSaddle(t, make([]float64, n), 0)
	p := Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 1e6}, Smoothness: Smoothness{L: 1, Rho: 1}}
	var sum float64
	for i := 0; i < runs; i++ {
		res, err := Noisy{Step: eta, Sigma: sigma}.Run(context.Background(), p, Budget{MaxIters: steps}, rmt.Stream(51, "escape/test/noisy", uint64(i)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Iters != steps || res.Stop != StopBudget {
			t.Fatalf("run %d: stop %q after %d iterations", i, res.Stop, res.Iters)
		}
		d := floats.Distance(res.X, x0, 2)
		sum += d * d / (n * sigma * sigma * eta * steps)
	}
	mean := sum / runs
	se := math.Sqrt(2.0/n) / math.Sqrt(runs)
	if math.Abs(mean-1) > 5*se {
		t.Errorf("mean |x_T − x_0|²/(Nσ²ηT) = %.4f, want 1 ± 5·%.4f", mean, se)
	}
}

// TestMomentumRecurrence: on R^N Momentum is Polyak's heavy ball (Polyak,
// USSR Comput. Math. Math. Phys. 4 (1964) 1),
// x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1}) with x_{−1} = x_0; the test
// iterates that recurrence directly and compares the point after 30 steps.
func TestMomentumRecurrence(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-0.3, 0.5, 1, 2}, 0.1)
	start, _ := Displace(q.Manifold(), x0, u, 0.1)
	const eta, beta, steps = 0.4, 0.7, 30
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 1e6}, Smoothness: Smoothness{L: 2, Rho: 1}}
	res, err := Momentum{Step: eta, Beta: beta}.Run(context.Background(), p, Budget{MaxIters: steps}, nil)
	if err != nil {
		t.Fatal(err)
	}
	prev := append([]float64(nil), start...)
	x := append([]float64(nil), start...)
	for i := 0; i < steps; i++ {
		g := q.Gradient(x, nil)
		next := make([]float64, len(x))
		for j := range x {
			next[j] = x[j] - eta*g[j] + beta*(x[j]-prev[j])
		}
		prev, x = x, next
	}
	if d := floats.Distance(res.X, x, 2); d > 1e-12*math.Max(1, floats.Norm(x, 2)) {
		t.Errorf("Momentum after %d steps differs from the heavy-ball recurrence by %v", steps, d)
	}
}

// TestConcurrentRuns: runs on one landscape from several goroutines give the
// same results as serial runs (the methods keep no shared state).
func TestConcurrentRuns(t *testing.T) {
	ps := findPSpinSaddle(t, 12, 200)
	p := Problem{Landscape: ps.h, Start: ps.x, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 0.5}, Smoothness: Smoothness{L: 9, Rho: 1.5}}
	run := func(i int) *Result {
		m, _ := New(Methods[i%len(Methods)])
		res, err := m.Run(context.Background(), p, Budget{MaxIters: 200}, rmt.Stream(52, "escape/test/concurrent", uint64(i)))
		if err != nil {
			t.Error(err)
		}
		return res
	}
	const jobs = 16
	serial := make([]*Result, jobs)
	for i := range serial {
		serial[i] = run(i)
	}
	par := make([]*Result, jobs)
	var wg sync.WaitGroup
	for i := range par {
		wg.Add(1)
		go func() {
			defer wg.Done()
			par[i] = run(i)
		}()
	}
	wg.Wait()
	for i := range par {
		if par[i] == nil || serial[i] == nil || !floats.Equal(par[i].X, serial[i].X) || par[i].Iters != serial[i].Iters {
			t.Errorf("job %d (%s): concurrent and serial runs differ", i, Methods[i%len(Methods)])
		}
	}
}
