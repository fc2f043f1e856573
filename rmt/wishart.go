package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// checkWishart validates r, n, m and the memory of a Wishart sampler that
// keeps perSample float64s per entry of X (n×m) and perEntry per entry of W.
func checkWishart(r *rand.Rand, n, m int, perSample, perEntry float64) error {
	if err := checkRand(r); err != nil {
		return err
	}
	if err := checkN("n", n); err != nil {
		return err
	}
	if err := checkN("m", m); err != nil {
		return err
	}
	nf, mf := float64(n), float64(m)
	return checkMemory(fmt.Sprintf("n = %d, m = %d", n, m), "the data and the Wishart matrix",
		8*(perSample*nf*mf+perEntry*nf*nf))
}

// wishartX draws the n×m data matrix X of iid N(0, 1) entries, row-major, by
// one [NormalFill] call of length n·m (the frozen draw order of [Wishart]).
func wishartX(r *rand.Rand, n, m int) *mat.Dense {
	x := make([]float64, n*m)
	NormalFill(r, x)
	return mat.NewDense(n, m, x)
}

// Wishart returns the real Wishart matrix W = X Xᵀ / m, X an n×m matrix of iid
// N(0, 1) entries (the sample covariance of m samples of N(0, I_n), DESIGN.md
// normalisation; Wishart, Biometrika 20A (1928) 32). E W = I. With c = n/m its
// spectrum tends to the Marchenko–Pastur law on [(1−√c)², (1+√c)²] with an
// atom of mass 1 − 1/c at 0 when c > 1 (Marchenko & Pastur, Math. USSR-Sb. 1
// (1967) 457).
//
// Draw order (frozen): one [NormalFill] call of length n·m fills X row by row
// (X[i][k] is draw i·m + k). W = XXᵀ/m is one internal/gemm product (the
// whole storage is written; mat.SymDense reads its upper triangle).
//
// It returns an error for a nil r, n < 1, m < 1, or X and W beyond
// [MemoryBudget].
func Wishart(r *rand.Rand, n, m int) (*mat.SymDense, error) {
	if err := checkWishart(r, n, m, 1, 1); err != nil {
		return nil, err
	}
	w := mat.NewSymDense(n, nil)
	gram(w, 1/float64(m), wishartX(r, n, m), 0)
	return w, nil
}

// ComplexWishart returns the complex Wishart matrix W = X X^H / m, X an n×m
// matrix of iid standard complex Gaussian entries: real and imaginary parts
// independent N(0, 1/2), so E|X_ij|² = 1 and E W = I (Goodman, Ann. Math.
// Stat. 34 (1963) 152). The Marchenko–Pastur limit is the same as for
// [Wishart].
//
// Draw order (frozen): one [NormalFill] call of length 2·n·m gives Re X[i][k],
// Im X[i][k] for the entries row by row. The whole Hermitian matrix is stored.
//
// It returns an error for a nil r, n < 1, m < 1, or X and W beyond
// [MemoryBudget].
func ComplexWishart(r *rand.Rand, n, m int) (*mat.CDense, error) {
	if err := checkWishart(r, n, m, 4, 6); err != nil {
		return nil, err
	}
	buf := make([]float64, 2*n*m)
	NormalFill(r, buf)
	s := math.Sqrt(0.5)
	re := make([]float64, n*m)
	im := make([]float64, n*m)
	for i := range re {
		re[i] = s * buf[2*i]
		im[i] = s * buf[2*i+1]
	}
	a, b := mat.NewDense(n, m, re), mat.NewDense(n, m, im)
	// X X^H = (A + iB)(Aᵀ − iBᵀ) = (AAᵀ + BBᵀ) + i(BAᵀ − ABᵀ).
	rp := mat.NewSymDense(n, nil)
	gram(rp, 1, a, 0)
	gram(rp, 1, b, 1)
	ip := mul(b, a, false, true)
	inv := 1 / float64(m)
	data := make([]complex128, n*n)
	for i := 0; i < n; i++ {
		data[i*n+i] = complex(inv*rp.At(i, i), 0)
		for j := i + 1; j < n; j++ {
			z := complex(inv*rp.At(i, j), inv*(ip.At(i, j)-ip.At(j, i)))
			data[i*n+j] = z
			data[j*n+i] = complex(real(z), -imag(z))
		}
	}
	return mat.NewCDense(n, n, data), nil
}

// CorrelatedWishart returns W = Σ^{1/2} X Xᵀ Σ^{1/2} / m in law, the sample
// covariance of m samples of N(0, Σ) with Σ = sigma (n×n, symmetric positive
// definite), X n×m with iid N(0, 1) entries. It is computed as W = L X Xᵀ Lᵀ / m
// with Σ = L Lᵀ the Cholesky factorisation: the columns of LX and of Σ^{1/2}X are
// both iid N(0, Σ), so the two matrices have the same law (Anderson, An
// Introduction to Multivariate Statistical Analysis, 3rd ed., Thm 7.2.2).
// E W = Σ.
//
// sigma must be non-nil, have finite entries and diagonal entries at most
// MaxFloat64/(2·12.01²·n·m) (about 6.2e305/(n·m)), and be positive definite
// (its Cholesky factorisation must succeed); otherwise an error is returned.
// The bound keeps W finite: with Σ = LLᵀ and every deviate |x| ≤ 12.01 (see
// [Normal]), |(LX)_ik| ≤ √Σ_ii·12.01·√n by Cauchy–Schwarz, so m·|W_ij| ≤
// 12.01²·n·m·max_i Σ_ii.
// Draw order (frozen): X exactly as in [Wishart]; with Σ = I the result equals
// Wishart(r, n, m) for the same generator state, up to rounding.
func CorrelatedWishart(r *rand.Rand, sigma *mat.SymDense, m int) (*mat.SymDense, error) {
	if err := checkRand(r); err != nil {
		return nil, err
	}
	if sigma == nil {
		return nil, fmt.Errorf("rmt: sigma is nil, want an n×n symmetric positive definite matrix")
	}
	n := sigma.SymmetricDim()
	if n < 1 {
		return nil, fmt.Errorf("rmt: sigma is %d×%d, want n ≥ 1", n, n)
	}
	// Three n×n matrices at once: W, the Cholesky factor and its copy L.
	if err := checkWishart(r, n, m, 2, 3); err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			if v := sigma.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("rmt: sigma[%d][%d] = %v, want finite entries", i, j, v)
			}
		}
	}
	limit := maxGramScale(float64(n) * float64(m))
	for i := 0; i < n; i++ {
		if v := sigma.At(i, i); v > limit {
			return nil, fmt.Errorf("rmt: sigma[%d][%d] = %v, want diagonal entries ≤ %.4g (MaxFloat64/(2·12.01²·n·m) with n = %d, m = %d, so that the entries of W stay finite)", i, i, v, limit, n, m)
		}
	}
	var chol mat.Cholesky
	if ok := chol.Factorize(sigma); !ok {
		return nil, fmt.Errorf("rmt: sigma is not positive definite (Cholesky factorisation failed), want Σ symmetric positive definite")
	}
	var l mat.TriDense
	chol.LTo(&l)
	x := wishartX(r, n, m)
	var y mat.Dense
	y.Mul(&l, x)
	w := mat.NewSymDense(n, nil)
	gram(w, 1/float64(m), &y, 0)
	return w, nil
}

// SpikedWishart returns the spiked Wishart (spiked covariance) matrix
// W = D^{1/2} X Xᵀ D^{1/2} / m with population covariance
// D = diag(1+θ_1, …, 1+θ_r, 1, …, 1), θ_i = spikes[i], r = len(spikes) ≤ n,
// X n×m with iid N(0, 1) entries (Johnstone, Ann. Stat. 29 (2001) 295).
// By orthogonal invariance of X this has the spectrum law of any covariance
// with eigenvalues 1+θ_i.
//
// With c = n/m, a spike θ > √c produces an outlier eigenvalue tending to
// (1+θ)(1+c/θ); a spike 0 ≤ θ ≤ √c leaves the largest eigenvalue at the
// Marchenko–Pastur edge (1+√c)² (Baik, Ben Arous & Péché, Ann. Probab. 33
// (2005) 1643 for complex data; Baik & Silverstein, J. Multivariate Anal. 97
// (2006) 1382; Paul, Stat. Sinica 17 (2007) 1617).
//
// Each θ_i must be > −1 with 1 + θ_i ≤ MaxFloat64/(2·12.01²·m) (about
// 6.2e305/m): every deviate has |x| ≤ 12.01 (see [Normal]), so W's entries,
// sums of m products scaled by at most 1 + θ_i, are then finite. Draw order
// (frozen): X exactly as in [Wishart]; with no spikes the result equals
// Wishart(r, n, m).
func SpikedWishart(r *rand.Rand, n, m int, spikes []float64) (*mat.SymDense, error) {
	if err := checkWishart(r, n, m, 1, 1); err != nil {
		return nil, err
	}
	if len(spikes) > n {
		return nil, fmt.Errorf("rmt: len(spikes) = %d, want at most n = %d", len(spikes), n)
	}
	limit := maxGramScale(float64(m)) - 1
	for i, th := range spikes {
		if !(th > -1 && th <= limit) {
			return nil, fmt.Errorf("rmt: spikes[%d] = %v, want −1 < spikes[i] ≤ %.4g (1 + θ ≤ MaxFloat64/(2·12.01²·m) with m = %d, so that the entries of W, sums of m squared deviates |x| ≤ 12.01 times 1 + θ, stay finite)", i, th, limit, m)
		}
	}
	x := wishartX(r, n, m)
	for i, th := range spikes {
		row := x.RawRowView(i)
		s := math.Sqrt(1 + th)
		for k := range row {
			row[k] *= s
		}
	}
	w := mat.NewSymDense(n, nil)
	gram(w, 1/float64(m), x, 0)
	return w, nil
}
