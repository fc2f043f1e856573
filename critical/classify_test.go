package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// TestClassifyReusedModel: the points of Find, classified in one reused
// landscapes.LocalModel (the random starts' points, the exploration's) or in
// the model that verified them (Dedup's symmetry partners), carry bit for
// bit the classification of the allocating computation —
// landscapes.RiemannianGradient, and the eigenvalues of
// spectra.SymEigenvalues of landscapes.RiemannianHessian —
// and of Classify called alone: no state of one point leaks into the next.
func TestClassifyReusedModel(t *testing.T) {
	const zeroTol = 1e-8
	for _, c := range []struct {
		name string
		l    landscapes.Landscape
		opts FindOptions
	}{
		// Pure 3-spin at N = 6: odd p, so the partners −x of the points found
		// are added (few starts: some partners are not found directly).
		{"pspin", fdPSpin(t, 2, 6, 3), FindOptions{Starts: 20, Seed: 5, ZeroTol: zeroTol}},
		// The Gaussian field on R^3 runs the eigenvector exploration.
		{"field", fdField(t, 3, 0), FindOptions{Starts: 200, Seed: 5, ZeroTol: zeroTol, MaxIter: 100}},
	} {
		r, err := Find(c.l, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Points) == 0 {
			t.Fatalf("%s: no point found", c.name)
		}
		if c.name == "pspin" && r.PartnersAdded == 0 {
			t.Fatalf("%s: no symmetry partner added: Dedup's classification is not covered", c.name)
		}
		if c.name == "field" && r.Explored == 0 {
			t.Fatalf("%s: no exploration search: its classification is not covered", c.name)
		}
		sphere, _ := fdIsSphere(c.l.Manifold())
		for k, p := range r.Points {
			g, err := landscapes.RiemannianGradient(c.l, p.X, nil)
			if err != nil {
				t.Fatal(err)
			}
			h, err := landscapes.RiemannianHessian(c.l, p.X)
			if err != nil {
				t.Fatal(err)
			}
			want, err := spectra.SymEigenvalues(h, nil)
			if err != nil {
				t.Fatalf("%s: point %d: SymEigenvalues: %v", c.name, k, err)
			}
			energy := c.l.Value(p.X)
			if sphere {
				energy /= float64(len(p.X))
			}
			if !sameBits(p.Eigenvalues, want) || math.Float64bits(p.GradNorm) != math.Float64bits(fdNorm(g)) || math.Float64bits(p.Energy) != math.Float64bits(energy) {
				t.Errorf("%s: point %d (hits %d): eigenvalues, |g| or energy differ in their bits from the allocating computation", c.name, k, p.Hits)
			}
			q, err := Classify(c.l, p.X, zeroTol)
			if err != nil {
				t.Fatal(err)
			}
			if !sameBits(q.Eigenvalues, p.Eigenvalues) || q.Index != p.Index || q.Degenerate != p.Degenerate ||
				math.Float64bits(q.MinEig) != math.Float64bits(p.MinEig) || math.Float64bits(q.IndexFraction) != math.Float64bits(p.IndexFraction) {
				t.Errorf("%s: point %d: classification differs from Classify's", c.name, k)
			}
		}
	}
}

// TestClassifyTinyHessian: a saddle whose Hessian has norm 1e-130 is
// classified (index 1), where gonum v0.17.0's Dsterf panicked through
// LocalModel.Eigenvalues (review; internal/lapackfix); zeroTol 0 so that
// the tiny eigenvalues count by their signs.
func TestClassifyTinyHessian(t *testing.T) {
	q, err := landscapes.NewQuadraticSaddle(rmt.Stream(1, "classify-tiny", 0), []float64{1e-130, 2e-130, -1e-130}, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Classify(q, []float64{0, 0, 0}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Index != 1 || p.Degenerate {
		t.Errorf("index %d, degenerate %v; want index 1, not degenerate (eigenvalues %v)", p.Index, p.Degenerate, p.Eigenvalues)
	}
}

// TestClassifyDegenerateIndex: at a degenerate critical point the index
// counts only the eigenvalues below −zeroTol·max(1, max|λ|), the null ones
// (whatever sign rounding gave them) going to Nullity. The point is the
// constant predictor of a tanh network, θ = 0 but for the output bias at
// the mean label ȳ: every unit outputs 0 with output weight 0, so the
// Gauss–Newton part of the Hessian is e_b2 e_b2ᵀ and the residual term
// couples each unit's output weight w2_j with its input weights through
// c = −(1/n)Σ_i (y_i − ȳ)(x_i, 1) (landscapes.MLP's Hessian; the (W1_j, b1_j)
// block vanishes with w2_j): one block [[0, cᵀ], [c, 0]] per unit, of
// eigenvalues ±|c| and d zeros. So the index is h exactly and the nullity
// P − 2h − 1. Counting every negative eigenvalue, as Classify did, gave an
// index above h here (rounding leaves some of the zeros negative); the
// network found by the notebooks/network review had index 5 for h = 2.
func TestClassifyDegenerateIndex(t *testing.T) {
	for s, c := range [][3]int{{3, 2, 24}, {4, 3, 60}, {6, 3, 75}, {2, 5, 40}} {
		m, err := landscapes.NewMLP(rmt.Stream(3, "classify-degenerate", uint64(s)), c[0], c[1], c[2], 2, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		_, y := m.Data()
		theta := make([]float64, m.Dim())
		for _, v := range y {
			theta[len(theta)-1] += v
		}
		theta[len(theta)-1] /= float64(len(y))
		p, err := Classify(m, theta, 1e-8)
		if err != nil {
			t.Fatal(err)
		}
		h, dim := m.Hidden(), m.Dim()
		negatives := 0
		for _, v := range p.Eigenvalues {
			if v < 0 {
				negatives++
			}
		}
		if p.Index != h || p.Nullity != dim-2*h-1 || !p.Degenerate || p.IndexFraction != float64(h)/float64(dim) {
			t.Errorf("d = %d, h = %d: index %d (want %d), nullity %d (want %d), degenerate %v, fraction %v; %d eigenvalues < 0",
				c[0], h, p.Index, h, p.Nullity, dim-2*h-1, p.Degenerate, p.IndexFraction, negatives)
		}
		t.Logf("d = %d, h = %d: %d eigenvalues < 0, index %d, nullity %d", c[0], h, negatives, p.Index, p.Nullity)
	}
	// A non-degenerate point: Index is the number of negative eigenvalues
	// and Nullity 0.
	q, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(3, "classify-degenerate/q", 0), 6, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Classify(q, make([]float64, 6), 1e-8)
	if err != nil {
		t.Fatal(err)
	}
	if p.Index != 2 || p.Nullity != 0 || p.Degenerate {
		t.Errorf("quadratic saddle of index 2: index %d, nullity %d, degenerate %v", p.Index, p.Nullity, p.Degenerate)
	}
}
