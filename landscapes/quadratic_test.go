package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// lsHessianIndex returns the number of negative and near-zero eigenvalues.
func lsHessianIndex(h *mat.SymDense, tol float64) (neg, zero int) {
	var e mat.EigenSym
	e.Factorize(h, false)
	for _, v := range e.Values(nil) {
		switch {
		case v < -tol:
			neg++
		case v <= tol:
			zero++
		}
	}
	return
}

func TestQuadraticSaddleErrors(t *testing.T) {
	r := rmt.Stream(8, "qerr", 0)
	bad := []struct {
		name string
		err  error
	}{
		{"index -1", lsSecondErr(NewQuadraticSaddleIndex(r, 4, -1, 1))},
		{"index 5", lsSecondErr(NewQuadraticSaddleIndex(r, 4, 5, 1))},
		{"n 0", lsSecondErr(NewQuadraticSaddleIndex(r, 0, 0, 1))},
		{"n 2^62", lsSecondErr(NewQuadraticSaddleIndex(r, 1<<62, 1, 1))}, // was a makeslice panic
		{"kappa -1", lsSecondErr(NewQuadraticSaddleIndex(r, 4, 1, -1))},
		{"kappa NaN", lsSecondErr(NewQuadraticSaddleIndex(r, 4, 1, math.NaN()))},
		{"eigenvalue NaN", lsSecondErr(NewQuadraticSaddle(r, []float64{1, math.NaN()}, 1))},
		{"empty", lsSecondErr(NewQuadraticSaddle(r, nil, 1))},
		{"nil r", lsSecondErr(NewQuadraticSaddle(nil, []float64{1}, 1))},
		{"saddle2d kappa", lsSecondErr(NewSaddle2D(math.Inf(1)))},
		// Scales whose minima's radius √(|λ|/κ) or depth λ²/(4κ) are not
		// finite were accepted (CriticalPoints gave NaN and −Inf; review
		// of 2026-12-02).
		{"saddle2d kappa 1e-320", lsSecondErr(NewSaddle2D(1e-320))},
		{"saddle2d kappa 1e-151", lsSecondErr(NewSaddle2D(1e-151))},
		{"eigenvalues ±1e200", lsSecondErr(NewQuadraticSaddle(r, []float64{1e200, -1e200}, 1))},
		{"kappa 1e-150, λ 2", lsSecondErr(NewQuadraticSaddle(r, []float64{2, -2}, 1e-150))},
	}
	// The bounds' other side is accepted: κ = 0, κ = max|λ|/MaxScale, |λ| = MaxScale.
	for _, c := range []struct {
		lam   []float64
		kappa float64
	}{{[]float64{2, -2}, 0}, {[]float64{2, -2}, 2 / MaxScale}, {[]float64{MaxScale, -1}, 1}} {
		if _, err := NewQuadraticSaddle(r, c.lam, c.kappa); err != nil {
			t.Errorf("λ = %v, κ = %v: %v, want no error", c.lam, c.kappa, err)
		}
	}
	for _, b := range bad {
		if b.err == nil {
			t.Errorf("%s: want an error", b.name)
		}
	}
}

func lsSecondErr[T any](_ T, err error) error { return err }

// TestQuadraticSaddleCriticalPoints checks every listed critical point: the
// gradient vanishes, the value and the Hessian index match, and the minima
// lie along the most negative eigenvalue.
func TestQuadraticSaddleCriticalPoints(t *testing.T) {
	s2, _ := NewSaddle2D(0.5)
	cases := map[string]*QuadraticSaddle{"saddle2d": s2}
	for _, idx := range []int{0, 1, 3, 7} {
		s, err := NewQuadraticSaddleIndex(rmt.Stream(8, "qcrit", uint64(idx)), 7, idx, 0.8)
		if err != nil {
			t.Fatal(err)
		}
		cases["index "+string(rune('0'+idx))] = s
	}
	for name, s := range cases {
		r := rmt.Stream(8, "qcrit-x", 0)
		for k := 0; k < 3; k++ {
			x := s.Manifold().Random(r, nil)
			if ge, he := CheckDerivatives(s, x, r); ge > 1e-8 || he > 1e-7 {
				t.Errorf("%s: gradErr %g hvpErr %g", name, ge, he)
			}
		}
		lam := s.Eigenvalues()
		minLam := lam[0]
		wantNeg := 0
		for _, l := range lam {
			minLam = math.Min(minLam, l)
			if l < 0 {
				wantNeg++
			}
		}
		cps := s.CriticalPoints()
		if cps[0].Index != wantNeg {
			t.Errorf("%s: origin index %d, want %d", name, cps[0].Index, wantNeg)
		}
		if want := 1 + 2*wantNeg; len(cps) != want {
			t.Errorf("%s: %d critical points, want %d", name, len(cps), want)
		}
		minima := 0
		for _, c := range cps {
			g := s.Gradient(c.X, nil)
			if gn := math.Sqrt(lsDot(g, g)); gn > 1e-12 {
				t.Errorf("%s: |∇f| = %g at a listed critical point", name, gn)
			}
			if d := s.Value(c.X) - c.Value; math.Abs(d) > 1e-12 {
				t.Errorf("%s: value %g, listed %g", name, s.Value(c.X), c.Value)
			}
			neg, zero := lsHessianIndex(s.Hessian(c.X, nil), 1e-9)
			if neg != c.Index || (zero > 0) != c.Degenerate {
				t.Errorf("%s: Hessian index %d (zeros %d), listed %d (degenerate %v)", name, neg, zero, c.Index, c.Degenerate)
			}
			if c.Index == 0 && wantNeg > 0 {
				minima++
				r2 := lsDot(c.X, c.X)
				if math.Abs(r2+minLam/s.Kappa()) > 1e-12 {
					t.Errorf("%s: minimum at |x|² = %g, want −λ_min/κ = %g", name, r2, -minLam/s.Kappa())
				}
			}
		}
		if wantNeg > 0 && minima != 2 {
			t.Errorf("%s: %d minima, want 2", name, minima)
		}
	}
}

// TestHaarSignFix checks that the eigenvector matrix is orthogonal and that
// E[Q_11] = 0 and E[Q_11²] = 1/n (Haar measure; without Mezzadri's sign fix
// the QR factor has a biased Q_11), within five standard errors.
func TestHaarSignFix(t *testing.T) {
	const n, draws = 5, 4000
	var m1, m2 lsMeanSE
	for k := 0; k < draws; k++ {
		s, err := NewQuadraticSaddleIndex(rmt.Stream(8, "haar", uint64(k)), n, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		q := s.Eigenvectors()
		if k == 0 {
			var qtq mat.Dense
			qtq.Mul(q.T(), q)
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					want := 0.0
					if i == j {
						want = 1
					}
					if math.Abs(qtq.At(i, j)-want) > 1e-14 {
						t.Fatalf("QᵀQ[%d,%d] = %g", i, j, qtq.At(i, j))
					}
				}
			}
		}
		m1.add(q.At(0, 0))
		m2.add(q.At(0, 0) * q.At(0, 0))
	}
	if math.Abs(m1.mean()) > 5*m1.se() || math.Abs(m2.mean()-1.0/n) > 5*m2.se() {
		t.Errorf("E Q11 = %g ± %g (want 0), E Q11² = %g ± %g (want %g)", m1.mean(), m1.se(), m2.mean(), m2.se(), 1.0/n)
	}
}

func TestMonkey(t *testing.T) {
	var m Monkey
	r := rmt.Stream(8, "monkey", 0)
	for k := 0; k < 3; k++ {
		x := m.Manifold().Random(r, nil)
		if ge, he := CheckDerivatives(m, x, r); ge > 1e-8 || he > 1e-7 {
			t.Errorf("monkey: gradErr %g hvpErr %g", ge, he)
		}
	}
	c := m.CriticalPoints()[0]
	if g := m.Gradient(c.X, nil); g[0] != 0 || g[1] != 0 {
		t.Fatal("monkey: gradient at the origin")
	}
	if neg, zero := lsHessianIndex(m.Hessian(c.X, nil), 1e-12); neg != 0 || zero != 2 {
		t.Fatalf("monkey: Hessian at the origin has %d negative, %d zero eigenvalues", neg, zero)
	}
}

// TestWrongLengthNoPanic checks that the landscapes return NaN, not panic, on
// arguments of the wrong length.
func TestWrongLengthNoPanic(t *testing.T) {
	h, _ := NewPSpin(rmt.Stream(8, "len", 0), 4, 3)
	q, _ := NewQuadraticSaddleIndex(rmt.Stream(8, "len", 1), 4, 1, 1)
	for _, l := range []Landscape{h, q, Monkey{}} {
		x := []float64{1, 2, 3}
		if !math.IsNaN(l.Value(x)) || !math.IsNaN(l.Gradient(x, nil)[0]) ||
			!math.IsNaN(l.HessVec(x, x, nil)[0]) || !math.IsNaN(l.Hessian(x, nil).At(0, 0)) {
			t.Errorf("%T: want NaN results for a wrong length", l)
		}
	}
}
