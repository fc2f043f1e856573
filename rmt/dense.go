package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// checkDense validates r and n for a dense sampler whose result has
// entries×n² values of 8 bytes each (1 for real, 2 for complex, 8 for the 2n×2n
// complex GSE).
func checkDense(r *rand.Rand, n int, entries float64) error {
	if err := checkRand(r); err != nil {
		return err
	}
	if err := checkN("n", n); err != nil {
		return err
	}
	nf := float64(n)
	return checkMemory(fmt.Sprintf("n = %d", n), "a dense matrix", 8*entries*nf*nf)
}

// GOE returns an n×n matrix of the Gaussian orthogonal ensemble in the project
// normalisation (DESIGN.md): real symmetric, off-diagonal entries N(0, 1/n),
// diagonal entries N(0, 2/n), all independent up to symmetry. Its density is
// proportional to exp(−n·tr(H²)/4) (Mehta, Random Matrices, 3rd ed., Ch. 2) and
// its spectrum tends to the semicircle on [−2, 2]. For eigenvalue statistics
// alone, [BetaHermite] with β = 1 draws a tridiagonal matrix with exactly the
// same eigenvalue law in O(n) memory (spectra.TridiagonalMax gives its largest
// eigenvalue without the others).
//
// Draw order (frozen in testdata/samplers.golden): for each row i = 0…n−1, one
// [NormalFill] call of length n−i gives H[i][i], H[i][i+1], …, H[i][n−1].
// Both triangles of the returned matrix's storage are filled.
//
// It returns an error for a nil r, n < 1, or an n×n matrix beyond
// [MemoryBudget].
func GOE(r *rand.Rand, n int) (*mat.SymDense, error) {
	if err := checkDense(r, n, 1); err != nil {
		return nil, err
	}
	return mat.NewSymDense(n, goeData(r, n, 1)), nil
}

// goeData returns the row-major data of scale·GOE(n), both triangles filled,
// in the draw order documented at [GOE].
func goeData(r *rand.Rand, n int, scale float64) []float64 {
	data := make([]float64, n*n)
	sOff := scale / math.Sqrt(float64(n))
	sDiag := scale * math.Sqrt(2/float64(n))
	for i := 0; i < n; i++ {
		row := data[i*n+i : i*n+n]
		NormalFill(r, row)
		row[0] *= sDiag
		for j := 1; j < len(row); j++ {
			row[j] *= sOff
			data[(i+j)*n+i] = row[j]
		}
	}
	return data
}

// GUE returns an n×n matrix of the Gaussian unitary ensemble in the project
// normalisation (DESIGN.md): complex Hermitian, diagonal entries real N(0, 1/n),
// off-diagonal entries with independent real and imaginary parts N(0, 1/(2n)),
// so E|H_ij|² = 1/n. Its density is proportional to exp(−n·tr(H²)/2) (Mehta,
// Random Matrices, Ch. 2) and its spectrum tends to the semicircle on [−2, 2].
//
// Draw order (frozen): for each row i = 0…n−1, one [NormalFill] call of
// length 1 + 2(n−1−i) gives H[i][i], then Re H[i][j], Im H[i][j] for
// j = i+1…n−1. The lower triangle is the conjugate.
//
// It returns an error for a nil r, n < 1, or an n×n complex matrix beyond
// [MemoryBudget].
func GUE(r *rand.Rand, n int) (*mat.CDense, error) {
	if err := checkDense(r, n, 2); err != nil {
		return nil, err
	}
	data := make([]complex128, n*n)
	sDiag := math.Sqrt(1 / float64(n))
	sOff := math.Sqrt(1 / (2 * float64(n)))
	buf := make([]float64, 2*n)
	for i := 0; i < n; i++ {
		b := buf[:1+2*(n-1-i)]
		NormalFill(r, b)
		data[i*n+i] = complex(sDiag*b[0], 0)
		for j := i + 1; j < n; j++ {
			k := 1 + 2*(j-i-1)
			z := complex(sOff*b[k], sOff*b[k+1])
			data[i*n+j] = z
			data[j*n+i] = complex(real(z), -imag(z))
		}
	}
	return mat.NewCDense(n, n, data), nil
}

// GSE returns an n×n matrix of the Gaussian symplectic ensemble as its 2n×2n
// complex representation
//
//	M = [[A, B], [−conj(B), conj(A)]],
//
// with A Hermitian and B complex antisymmetric (Bᵀ = −B), so that M is
// Hermitian and self-dual: each eigenvalue of the quaternion matrix appears
// twice in M (Kramers degeneracy). The quaternion entry q_ij = a + b·i + c·j +
// d·k is stored as A_ij = a + ib, B_ij = c + id (Mehta, Random Matrices, Ch. 2).
//
// Normalisation (DESIGN.md: each eigenvalue counted once follows the
// semicircle on [−2, 2]): the diagonal q_ii = a is real N(0, 1/(2n)); off the
// diagonal the four real components a, b, c, d of q_ij are independent
// N(0, 1/(4n)), so E|q_ij|² = 1/n as for GOE and GUE. With tr_Q(H²) = tr(M²)/2
// (each eigenvalue counted once), E tr_Q(H²) = Σ_i E q_ii² + 2Σ_{i<j} E|q_ij|² =
// n − 1/2, so the n distinct eigenvalues have mean square → 1 (semicircle on
// [−2, 2]). The density of H is proportional to exp(−n·tr_Q(H²)) =
// exp(−βn·tr_Q(H²)/4) with β = 4, the same family as exp(−n·tr(H²)/4) (GOE,
// β = 1) and exp(−n·tr(H²)/2) (GUE, β = 2), whose tridiagonal model is
// [BetaHermite] with β = 4.
//
// Draw order (frozen): for each row i = 0…n−1, one [NormalFill] call of
// length 1 + 4(n−1−i) gives a_ii, then a, b, c, d of q_ij for j = i+1…n−1.
// The entries below the diagonal are the quaternion conjugates q_ji = conj(q_ij).
//
// It returns an error for a nil r, n < 1, or a 2n×2n complex matrix beyond
// [MemoryBudget].
func GSE(r *rand.Rand, n int) (*mat.CDense, error) {
	if err := checkDense(r, n, 8); err != nil {
		return nil, err
	}
	n2 := 2 * n
	data := make([]complex128, n2*n2)
	set := func(i, j int, z complex128) { data[i*n2+j] = z }
	sDiag := math.Sqrt(1 / (2 * float64(n)))
	sOff := math.Sqrt(1 / (4 * float64(n)))
	buf := make([]float64, 4*n)
	for i := 0; i < n; i++ {
		b := buf[:1+4*(n-1-i)]
		NormalFill(r, b)
		a := complex(sDiag*b[0], 0)
		set(i, i, a)
		set(n+i, n+i, a)
		for j := i + 1; j < n; j++ {
			k := 1 + 4*(j-i-1)
			z := complex(sOff*b[k], sOff*b[k+1])   // A_ij
			w := complex(sOff*b[k+2], sOff*b[k+3]) // B_ij
			zc := complex(real(z), -imag(z))
			wc := complex(real(w), -imag(w))
			// Upper quaternion entry (i, j).
			set(i, j, z)
			set(i, n+j, w)
			set(n+i, j, -wc)
			set(n+i, n+j, zc)
			// Lower entry (j, i) = quaternion conjugate: A_ji = conj(z), B_ji = −w.
			set(j, i, zc)
			set(j, n+i, -w)
			set(n+j, i, wc)
			set(n+j, n+i, z)
		}
	}
	return mat.NewCDense(n2, n2, data), nil
}

// SpikedWigner returns H = GOE(n) + θ·e₁e₁ᵀ, a rank-one additive spiked
// Wigner matrix with the [GOE] normalisation. The GOE law is invariant under
// G ↦ OGOᵀ for every orthogonal O, so for any unit vector v and O with Oe₁ = v,
// GOE(n) + θ·vvᵀ has the law of O·H·Oᵀ: the same eigenvalue law as H, and
// eigenvectors rotated by O. The spike is put on e₁ because that costs nothing.
//
// For θ > 1 the largest eigenvalue separates from the bulk edge 2 and tends to
// θ + 1/θ, with Gaussian fluctuations of order n^{−1/2}; for |θ| < 1 it sticks
// to 2 with Tracy–Widom fluctuations (and for θ < −1 the smallest eigenvalue
// tends to θ + 1/θ) (Péché, PTRF 134 (2006) 127; Féral & Péché, CMP 272 (2007)
// 185; Capitaine, Donati-Martin & Féral, Ann. Probab. 37 (2009) 1; the BBP
// transition of Baik, Ben Arous & Péché, Ann. Probab. 33 (2005) 1643).
//
// θ must be finite. The draws are exactly those of [GOE](r, n): with the same
// generator state, SpikedWigner(r, n, θ) − GOE(r, n) = θ·e₁e₁ᵀ.
func SpikedWigner(r *rand.Rand, n int, theta float64) (*mat.SymDense, error) {
	if err := checkFinite("theta", theta); err != nil {
		return nil, err
	}
	if err := checkDense(r, n, 1); err != nil {
		return nil, err
	}
	data := goeData(r, n, 1)
	data[0] += theta
	return mat.NewSymDense(n, data), nil
}
