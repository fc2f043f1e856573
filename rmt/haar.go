package rmt

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
)

// HaarOrthogonal returns an n×n orthogonal matrix distributed by Haar measure
// on O(n): the Q factor of the QR factorisation of an n×n matrix G of iid
// N(0, 1) entries, with column j multiplied by the sign of R_jj so that the
// factorisation is the unique one with a positive diagonal (Mezzadri, "How to
// generate random matrices from the classical compact groups", Notices AMS 54
// (2007) 592, §5; without the signs Q is not Haar-distributed). Its
// eigenvalues lie on the unit circle (the circular real ensemble); in rmtsim
// it is the random eigenbasis of landscapes.QuadraticSaddle.
//
// The QR factorisation is the blocked Householder algorithm of LAPACK's
// dgeqrf and dorgqr (panels of 32 columns; each panel's reflectors combined
// into the compact WY form I − V T Vᵀ, Schreiber & Van Loan, SIAM J. Sci.
// Stat. Comput. 10 (1989) 53; Golub & Van Loan, Matrix Computations, 4th
// ed., §5.2.3), every trailing update a matrix product by internal/gemm, so
// the result is the same on every platform: 0.60–0.89 s at n = 2000, the
// draws included, against 2.41–2.46 s for gonum's mat.QR with QTo, which it
// replaces in landscapes (BenchmarkHaarOrthogonal, quiet 2-core machine).
//
// Draw order (frozen): the n² entries of G by one [NormalFill] call in
// row-major order.
//
// It returns an error for a nil r, n < 1, or a matrix and workspace beyond
// [MemoryBudget].
func HaarOrthogonal(r *rand.Rand, n int) (*mat.Dense, error) {
	// G, Q and the panels' V: three n×n matrices' worth.
	if err := checkDense(r, n, 3); err != nil {
		return nil, err
	}
	g := make([]float64, n*n)
	NormalFill(r, g)
	return haarFromGaussian(n, g), nil
}

// haarPanel is the number of columns of each panel of the blocked QR.
const haarPanel = 32

// haarFromGaussian returns the Haar orthogonal matrix of the n×n row-major
// Gaussian matrix g (overwritten): Q·diag(sign R_jj) of g = QR.
func haarFromGaussian(n int, g []float64) *mat.Dense {
	tau := make([]float64, n)
	sign := make([]float64, n)
	// The panels' V (unit lower trapezoidal, explicit) and T factors, kept
	// for forming Q.
	type panel struct {
		j0, jb int
		v, t   []float64 // (n−j0)×jb and jb×jb, row-major
	}
	var panels []panel
	z := make([]float64, haarPanel)
	for j0 := 0; j0 < n; j0 += haarPanel {
		jb := min(haarPanel, n-j0)
		m := n - j0
		// Unblocked Householder QR of the panel g[j0:, j0:j0+jb]
		// (LAPACK dgeqr2): reflector k maps column j0+k below row j0+k−1 to
		// β e₁ and is applied to the panel's later columns.
		for k := 0; k < jb; k++ {
			c := j0 + k
			tau[c], sign[c] = householderColumn(g, n, c)
			if tau[c] == 0 {
				continue
			}
			// w = τ vᵀ g[c:, c+1:j0+jb] (v_c = 1, v_i = g[i, c] below),
			// then g[c:, …] −= v w, row by row (the panel's rows are
			// contiguous, its columns are not).
			lo, hi := c+1, j0+jb
			if lo == hi {
				continue
			}
			w := z[:hi-lo]
			copy(w, g[c*n+lo:c*n+hi])
			for i := c + 1; i < n; i++ {
				axpyRow(g[i*n+c], g[i*n+lo:i*n+hi], w)
			}
			for j := range w {
				w[j] *= tau[c]
			}
			axpyRow(-1, w, g[c*n+lo:c*n+hi])
			for i := c + 1; i < n; i++ {
				axpyRow(-g[i*n+c], w, g[i*n+lo:i*n+hi])
			}
		}
		// V explicit (m×jb) and T (jb×jb upper triangular) with
		// H_{j0}⋯H_{j0+jb−1} = I − V T Vᵀ (LAPACK dlarft, forward,
		// columnwise): T_kk = τ_k, T[0:k, k] = −τ_k T[0:k, 0:k] Vᵀ[0:k] v_k.
		v := make([]float64, m*jb)
		for k := 0; k < jb; k++ {
			v[k*jb+k] = 1
			for i := k + 1; i < m; i++ {
				v[i*jb+k] = g[(j0+i)*n+j0+k]
			}
		}
		t := make([]float64, jb*jb)
		for k := 0; k < jb; k++ {
			tk := tau[j0+k]
			t[k*jb+k] = tk
			if tk == 0 {
				continue
			}
			for i := 0; i < k; i++ {
				var s float64
				for row := k; row < m; row++ {
					s += v[row*jb+i] * v[row*jb+k]
				}
				z[i] = -tk * s
			}
			for i := 0; i < k; i++ {
				var s float64
				for l := i; l < k; l++ {
					s += t[i*jb+l] * z[l]
				}
				t[i*jb+k] = s
			}
		}
		panels = append(panels, panel{j0, jb, v, t})
		// The trailing columns: C ← Hᵀ C = C − V Tᵀ (Vᵀ C).
		if nc := n - j0 - jb; nc > 0 {
			cm := blas64.General{Rows: m, Cols: nc, Stride: n, Data: g[j0*n+j0+jb:]}
			applyBlockReflector(true, v, t, m, jb, cm)
		}
	}
	// Q = H_0 H_1 ⋯ H_{n−1} applied to the identity, panel by panel from the
	// last (LAPACK dorgqr): Q[j0:, j0:] ← (I − V T Vᵀ) Q[j0:, j0:].
	q := mat.NewDense(n, n, nil)
	qr := q.RawMatrix()
	for i := 0; i < n; i++ {
		qr.Data[i*qr.Stride+i] = 1
	}
	for p := len(panels) - 1; p >= 0; p-- {
		pn := panels[p]
		m := n - pn.j0
		cm := blas64.General{Rows: m, Cols: m, Stride: qr.Stride, Data: qr.Data[pn.j0*qr.Stride+pn.j0:]}
		applyBlockReflector(false, pn.v, pn.t, m, pn.jb, cm)
	}
	for i := 0; i < n; i++ {
		row := qr.Data[i*qr.Stride : i*qr.Stride+n]
		for j, s := range sign {
			if s < 0 {
				row[j] = -row[j]
			}
		}
	}
	return q
}

// householderColumn generates the reflector H = I − τ v vᵀ (v_c = 1, v_i =
// g[i, c] for i > c on return) that maps column c of the n×n row-major g, from
// row c down, to β e₁, stores β in g[c, c], and returns τ and the sign of β
// (LAPACK dlarfg: β = −sign(α)‖x‖, τ = (β − α)/β, v = x[1:]/(α − β); τ = 0
// and β = α when x[1:] = 0).
func householderColumn(g []float64, n, c int) (tau, sign float64) {
	alpha := g[c*n+c]
	var xnorm float64
	for i := c + 1; i < n; i++ {
		xnorm = math.Hypot(xnorm, g[i*n+c])
	}
	if xnorm == 0 {
		return 0, math.Copysign(1, alpha)
	}
	beta := -math.Copysign(math.Hypot(alpha, xnorm), alpha)
	tau = (beta - alpha) / beta
	s := 1 / (alpha - beta)
	for i := c + 1; i < n; i++ {
		g[i*n+c] *= s
	}
	g[c*n+c] = beta
	return tau, math.Copysign(1, beta)
}

// applyBlockReflector sets C ← (I − V T Vᵀ)ᵀ C if trans, else
// C ← (I − V T Vᵀ) C, for the m×jb row-major V and jb×jb upper triangular T:
// W = Vᵀ C by internal/gemm, W ← Tᵀ W or T W, then C −= V W by internal/gemm
// (LAPACK dlarfb).
func applyBlockReflector(trans bool, v, t []float64, m, jb int, c blas64.General) {
	nc := c.Cols
	vm := blas64.General{Rows: m, Cols: jb, Stride: jb, Data: v}
	w := make([]float64, jb*nc)
	wm := blas64.General{Rows: jb, Cols: nc, Stride: nc, Data: w}
	gemm.Gemm(blas.Trans, blas.NoTrans, 1, vm, c, 0, wm)
	// W ← op(T) W in place: with T upper triangular, row i of T W depends
	// on rows ≥ i (so rows are replaced top to bottom), row i of Tᵀ W on
	// rows ≤ i (bottom to top).
	row := make([]float64, nc)
	if trans {
		for i := jb - 1; i >= 0; i-- {
			clear(row)
			for l := 0; l <= i; l++ {
				axpyRow(t[l*jb+i], w[l*nc:(l+1)*nc], row)
			}
			copy(w[i*nc:(i+1)*nc], row)
		}
	} else {
		for i := 0; i < jb; i++ {
			clear(row)
			for l := i; l < jb; l++ {
				axpyRow(t[i*jb+l], w[l*nc:(l+1)*nc], row)
			}
			copy(w[i*nc:(i+1)*nc], row)
		}
	}
	gemm.Gemm(blas.NoTrans, blas.NoTrans, -1, vm, wm, 1, c)
}

// axpyRow sets y += a x.
func axpyRow(a float64, x, y []float64) {
	if a == 0 {
		return
	}
	for i, v := range x {
		y[i] += a * v
	}
}
