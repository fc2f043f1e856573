package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestBadInputNoPanic calls the exported constructors and the functions that
// take a landscape and a point with bad inputs: nil, empty, NaN, ±Inf,
// negative sizes, points of the wrong length or off the manifold.
func TestBadInputNoPanic(t *testing.T) {
	r := rmt.Stream(1, "landscapes/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	e := func(_ any, err error) error { return err }
	sph, err := NewSphere(3)
	if err != nil {
		t.Fatal(err)
	}
	value := func(x []float64) float64 { return x[0] }
	grad := func(x, dst []float64) []float64 { return append(dst[:0], 1, 0, 0) }
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
		{"NewEuclidean 0", func() error { return e(NewEuclidean(0)) }},
		{"NewSphere 1", func() error { return e(NewSphere(1)) }},
		{"NewSphere -3", func() error { return e(NewSphere(-3)) }},
		{"NewFunc nil manifold", func() error { return e(NewFunc(nil, value, grad, FuncOptions{})) }},
		{"NewFunc nil value", func() error { return e(NewFunc(sph, nil, grad, FuncOptions{})) }},
		{"NewFunc nil grad", func() error { return e(NewFunc(sph, value, nil, FuncOptions{})) }},
		{"NewFunc Step NaN", func() error { return e(NewFunc(sph, value, grad, FuncOptions{Step: nan})) }},
		{"NewFunc zero Sphere", func() error { return e(NewFunc(Sphere{}, value, grad, FuncOptions{})) }},
		{"NewGaussianField mu NaN", func() error { return e(NewGaussianField(r, 3, nan, 1, 10)) }},
		{"NewGaussianField length 0", func() error { return e(NewGaussianField(r, 3, 1, 0, 10)) }},
		{"NewGaussianField n 0", func() error { return e(NewGaussianField(r, 0, 1, 1, 10)) }},
		{"NewGaussianField features -1", func() error { return e(NewGaussianField(r, 3, 1, 1, -1)) }},
		{"NewGaussianField nil r", func() error { return e(NewGaussianField(nil, 3, 1, 1, 10)) }},
		{"NewRationalQuadraticField alpha NaN", func() error { return e(NewRationalQuadraticField(r, 3, 1, 1, nan, 10)) }},
		{"NewRationalQuadraticField alpha Inf", func() error { return e(NewRationalQuadraticField(r, 3, 1, 1, inf, 10)) }},
		{"NewMLP d 0", func() error { return e(NewMLP(r, 0, 2, 5, 2, 0)) }},
		{"NewMLP samples -1", func() error { return e(NewMLP(r, 2, 2, -1, 2, 0)) }},
		{"NewMLP noise NaN", func() error { return e(NewMLP(r, 2, 2, 5, 2, nan)) }},
		{"NewMLP noise < 0", func() error { return e(NewMLP(r, 2, 2, 5, 2, -1)) }},
		{"NewMLP nil r", func() error { return e(NewMLP(nil, 2, 2, 5, 2, 0)) }},
		{"NewOctopus d 0", func() error { return e(NewOctopus(0, math.E, math.E, 1)) }},
		{"NewOctopus tau NaN", func() error { return e(NewOctopus(3, nan, math.E, 1)) }},
		{"NewOctopus L Inf", func() error { return e(NewOctopus(3, math.E, inf, 1)) }},
		{"NewOctopus gamma -1", func() error { return e(NewOctopus(3, math.E, math.E, -1)) }},
		{"NewPSpin p 1", func() error { return e(NewPSpin(r, 4, 1)) }},
		{"NewPSpin n 1", func() error { return e(NewPSpin(r, 1, 3)) }},
		{"NewPSpin nil r", func() error { return e(NewPSpin(nil, 4, 3)) }},
		{"NewMixedPSpin nil", func() error { return e(NewMixedPSpin(r, 4, nil)) }},
		{"NewMixedPSpin NaN coeff", func() error { return e(NewMixedPSpin(r, 4, map[int]float64{3: nan})) }},
		{"NewMixedPSpin p 0", func() error { return e(NewMixedPSpin(r, 4, map[int]float64{0: 1})) }},
		{"NewMixedPSpin all zero", func() error { return e(NewMixedPSpin(r, 4, map[int]float64{3: 0})) }},
		{"NewQuadraticSaddle empty", func() error { return e(NewQuadraticSaddle(r, nil, 0)) }},
		{"NewQuadraticSaddle NaN", func() error { return e(NewQuadraticSaddle(r, []float64{1, nan}, 0)) }},
		{"NewQuadraticSaddle kappa NaN", func() error { return e(NewQuadraticSaddle(r, []float64{1, -1}, nan)) }},
		{"NewQuadraticSaddleIndex index > n", func() error { return e(NewQuadraticSaddleIndex(r, 3, 4, 0)) }},
		{"NewQuadraticSaddleIndex index < 0", func() error { return e(NewQuadraticSaddleIndex(r, 3, -1, 0)) }},
		{"NewQuadraticSaddleIndex n 0", func() error { return e(NewQuadraticSaddleIndex(r, 0, 0, 0)) }},
		{"NewSaddle2D kappa Inf", func() error { return e(NewSaddle2D(inf)) }},
		{"MLP.Unpack short", func() error { return e(mlp.Unpack([]float64{1})) }},
		{"Octopus.Saddle -1", func() error { return e(oct.Saddle(-1)) }},
		{"Octopus.Saddle d+1", func() error { return e(oct.Saddle(4)) }},
		{"nil landscape RiemannianGradient", func() error { return e(RiemannianGradient(nil, onSphere, nil)) }},
		{"nil landscape RiemannianHessVec", func() error { return e(RiemannianHessVec(nil, onSphere, onSphere, nil)) }},
		{"nil landscape RiemannianHessian", func() error { return e(RiemannianHessian(nil, onSphere)) }},
		{"nil landscape TangentBasis", func() error { return e(TangentBasis(nil, onSphere)) }},
		{"nil landscape TangentOperator", func() error { return e(TangentOperator(nil, onSphere)) }},
		{"nil landscape HessianOperator", func() error { return e(HessianOperator(nil, onSphere)) }},
		{"nil landscape Analyze", func() error { return e(Analyze(nil, onSphere, AnalyzeOptions{}, r)) }},
		{"RiemannianHessVec short v", func() error { return e(RiemannianHessVec(ps, onSphere, []float64{1}, nil)) }},
		{"RiemannianHessVec NaN v", func() error { return e(RiemannianHessVec(ps, onSphere, []float64{nan, 0, 0, 0}, nil)) }},
		{"Analyze GradTol NaN", func() error { return e(Analyze(ps, onSphere, AnalyzeOptions{GradTol: nan}, r)) }},
		{"Analyze ZeroTol -1", func() error { return e(Analyze(ps, onSphere, AnalyzeOptions{ZeroTol: -1}, r)) }},
		{"Analyze Probes -1", func() error { return e(Analyze(ps, onSphere, AnalyzeOptions{Probes: -1}, r)) }},
		{"Analyze nil r", func() error { return e(Analyze(ps, onSphere, AnalyzeOptions{DenseMax: -1}, nil)) }},
		{"Analyze quadratic short x", func() error { return e(Analyze(q, []float64{1}, AnalyzeOptions{}, r)) }},
	}
	for name, x := range points {
		cases = append(cases, []struct {
			name string
			f    func() error
		}{
			{"RiemannianGradient " + name, func() error { return e(RiemannianGradient(ps, x, nil)) }},
			{"RiemannianHessVec " + name, func() error { return e(RiemannianHessVec(ps, x, onSphere, nil)) }},
			{"RiemannianHessian " + name, func() error { return e(RiemannianHessian(ps, x)) }},
			{"TangentBasis " + name, func() error { return e(TangentBasis(ps, x)) }},
			{"TangentOperator " + name, func() error { return e(TangentOperator(ps, x)) }},
			{"HessianOperator " + name, func() error { return e(HessianOperator(ps, x)) }},
			{"Analyze " + name, func() error { return e(Analyze(ps, x, AnalyzeOptions{}, r)) }},
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
