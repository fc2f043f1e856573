// Package landscapes holds differentiable random landscapes with exact
// gradients, Hessian-vector products and Hessians: spherical p-spin models,
// isotropic Gaussian random fields (the Bray–Dean model), small neural-network
// losses and classic saddles. (Stub on branch land2: the lead replaces this file
// with the full package at merge.)
package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// Manifold is where a landscape lives: Euclidean R^N, or the sphere |x|² = N.
type Manifold interface {
	Dim() int                                     // ambient dimension N
	TangentDim() int                              // N (Euclidean) or N−1 (sphere)
	Check(x []float64) error                      // error naming the point's defect
	Project(x, v, dst []float64) []float64        // orthogonal projection of v onto the tangent space at x
	Retract(x, v, dst []float64) []float64        // x+v, normalised back onto the manifold
	Random(r *rand.Rand, dst []float64) []float64 // a random point
}

// Euclidean is the flat space R^N.
type Euclidean struct{ N int }

// Dim returns N.
func (e Euclidean) Dim() int { return e.N }

// TangentDim returns N.
func (e Euclidean) TangentDim() int { return e.N }

// Check reports a point of the wrong length or with a non-finite coordinate.
func (e Euclidean) Check(x []float64) error {
	if len(x) != e.N {
		return fmt.Errorf("landscapes: point has length %d, want %d", len(x), e.N)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("landscapes: point coordinate %d = %v, want a finite number", i, v)
		}
	}
	return nil
}

func resize(dst []float64, n int) []float64 {
	if len(dst) != n {
		return make([]float64, n)
	}
	return dst
}

// Project returns v (every vector is tangent).
func (e Euclidean) Project(x, v, dst []float64) []float64 {
	dst = resize(dst, len(v))
	copy(dst, v)
	return dst
}

// Retract returns x+v.
func (e Euclidean) Retract(x, v, dst []float64) []float64 {
	dst = resize(dst, len(x))
	for i := range dst {
		dst[i] = x[i] + v[i]
	}
	return dst
}

// Random returns a standard normal point of R^N.
func (e Euclidean) Random(r *rand.Rand, dst []float64) []float64 {
	dst = resize(dst, e.N)
	rmt.NormalFill(r, dst)
	return dst
}

// Landscape is a twice-differentiable function on R^N with exact derivatives.
type Landscape interface {
	Manifold() Manifold
	Value(x []float64) float64
	Gradient(x, dst []float64) []float64
	HessVec(x, v, dst []float64) []float64
	Hessian(x []float64, dst *mat.SymDense) *mat.SymDense // dst may be nil
}
