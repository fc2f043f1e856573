package escape_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// ExampleGD runs gradient descent from 1e-6 along the unstable direction
// of the classic saddle f = x² − y² + (κ/4)(x² + y²)² and compares the
// iterations to distance 1 with the escape-time law.
func ExampleGD() {
	f, err := landscapes.NewSaddle2D(0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	saddle := []float64{0, 0}
	start, err := escape.Displace(f.Manifold(), saddle, []float64{0, 1}, 1e-6)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := escape.Problem{
		Landscape:  f,
		Start:      start,
		Criterion:  escape.Criterion{Saddle: saddle, Radius: 1},
		Smoothness: escape.Smoothness{L: 4, Rho: 1},
	}
	res, err := escape.GD{}.Run(context.Background(), p, escape.Budget{MaxIters: 1000}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	theory, _ := escape.GDEscapeIters(1.0/4, -2, 1e-6, 1)
	fmt.Printf("escaped %v after %d iterations (theory %.2f), %d gradient evaluations\n", res.Escaped, res.EscapeIter, theory, res.GradEvals)
	// Output:
	// escaped true after 35 iterations (theory 34.07), 36 gradient evaluations
}

// ExampleGDEscapeIters: with η|λ_min| = 0.1 each step multiplies the
// unstable displacement by 1.1; from 1e-8 to 1 that takes
// ln(1e8)/ln(1.1) steps.
func ExampleGDEscapeIters() {
	for _, delta := range []float64{1e-2, 1e-4, 1e-8} {
		t, err := escape.GDEscapeIters(0.1, -1, delta, 1)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("δ = %g: %.1f iterations\n", delta, t)
	}
	// Output:
	// δ = 0.01: 48.3 iterations
	// δ = 0.0001: 96.6 iterations
	// δ = 1e-08: 193.3 iterations
}

// ExamplePGD_Params prints the constants of Jin et al. (2017), Algorithm 2,
// for ℓ = 1, ρ = 1, ε = 0.01, c = 1, δ = 0.1, Δ_f = 1 in dimension 10.
func ExamplePGD_Params() {
	p, err := escape.PGD{Epsilon: 0.01, C: 1, Delta: 0.1, DeltaF: 1}.Params(escape.Smoothness{L: 1, Rho: 1}, 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("χ = %.4f, η = %g, r = %.4g, g_thres = %.4g, f_thres = %.4g, t_thres = %.1f\n", p.Chi, p.Eta, p.R, p.GThres, p.FThres, p.TThres)
	// Output:
	// χ = 41.4465, η = 1, r = 5.821e-06, g_thres = 5.821e-06, f_thres = 1.405e-08, t_thres = 414.5
}

// ExampleNew runs every method from the same start, 1e-6 from the saddle
// of f = x² − y² + (κ/4)(x² + y²)² in a random direction, until the point is
// 1 away: Newton converges to the saddle instead, the others escape; the
// columns are iterations, gradient evaluations, Hessian-vector products and
// dense Hessians.
func ExampleNew() {
	f, err := landscapes.NewSaddle2D(0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	saddle := []float64{0, 0}
	r := rmt.Stream(1, "example/start", 0)
	start, err := escape.Displace(f.Manifold(), saddle, escape.RandomDirection(f.Manifold(), saddle, r), 1e-6)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := escape.Problem{
		Landscape:  f,
		Start:      start,
		Criterion:  escape.Criterion{Saddle: saddle, Radius: 1},
		Smoothness: escape.Smoothness{L: 4, Rho: 1},
	}
	for _, name := range escape.Methods {
		m, err := escape.New(name)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := m.Run(context.Background(), p, escape.Budget{MaxIters: 1000}, rmt.Stream(1, "example/run", 0))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-10s %-9s %3d %3d %3d %3d\n", name, res.Stop, res.Iters, res.GradEvals, res.HVPs, res.Hessians)
	}
	// Output:
	// gd         escaped    35  36   0   0
	// pgd        escaped    35  36   0   0
	// sfn        escaped    21  22   0  21
	// sfn-krylov escaped    21  22  42   0
	// nce        escaped     1   2   2   0
	// newton     converged   1   2   0   1
	// momentum   escaped    22  23   0   0
	// noisy      escaped    23  24   0   0
}
