package spectra

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestEigenvalueOverflow: a finite matrix whose eigenvalue exceeds
// MaxFloat64 ([[M, M], [M, M]] with M = MaxFloat64 has the eigenvalue 2M)
// must give an error, not ±Inf with a nil error (found by
// FuzzSymEigenvalues: the scaled eigenvalue was divided by the scale and
// overflowed). A matrix with eigenvalues ±M exactly, diag(M, −M), is still
// solved, within the documented few ε‖T‖ (4ε·M here).
func TestEigenvalueOverflow(t *testing.T) {
	const m = math.MaxFloat64
	a := mat.NewSymDense(2, []float64{m, m, m, m})
	if w, err := SymEigenvalues(a, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("SymEigenvalues = %v, %v; want errEigenOverflow", w, err)
	}
	if c, err := CertifiedIndex(a, 0); err != nil || c.Positive != 1 || c.Negative+c.NearZero != 1 {
		t.Errorf("CertifiedIndex = %+v, %v; want one positive eigenvalue and the other ≥ −ε‖A‖ counted", c, err)
	}
	h := mat.NewCDense(2, 2, []complex128{m, m, m, m})
	if w, err := HermitianEigenvalues(h, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("HermitianEigenvalues = %v, %v; want errEigenOverflow", w, err)
	}
	q := mat.NewCDense(2, 2, []complex128{-m, 0, 0, -m}) // −M times the quaternion identity
	q2 := mat.NewCDense(4, 4, nil)
	for i := 0; i < 4; i++ {
		q2.Set(i, i, -m)
	}
	q2.Set(0, 2, -m)
	q2.Set(2, 0, -m)
	q2.Set(1, 3, -m)
	q2.Set(3, 1, -m)
	if w, err := QuaternionEigenvalues(q2, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("QuaternionEigenvalues = %v, %v; want errEigenOverflow", w, err)
	}
	if w, err := QuaternionEigenvalues(q, nil); err != nil || w[0] != -m {
		t.Errorf("QuaternionEigenvalues(−M·I) = %v, %v; want [%g]", w, err, -m)
	}
	tr := rmt.SymTridiagonal{Diag: []float64{m, m}, Off: []float64{m}}
	if w, err := TridiagonalEigenvalues(tr, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("TridiagonalEigenvalues = %v, %v; want errEigenOverflow", w, err)
	}
	if v, err := TridiagonalMax(tr); !errors.Is(err, errEigenOverflow) {
		t.Errorf("TridiagonalMax = %v, %v; want errEigenOverflow", v, err)
	}
	if v, w, err := TridiagonalTopWeight(tr); !errors.Is(err, errEigenOverflow) {
		t.Errorf("TridiagonalTopWeight = %v, %v, %v; want errEigenOverflow", v, w, err)
	}
	neg := rmt.SymTridiagonal{Diag: []float64{-m, -m}, Off: []float64{m}}
	if v, err := TridiagonalMin(neg); !errors.Is(err, errEigenOverflow) {
		t.Errorf("TridiagonalMin = %v, %v; want errEigenOverflow", v, err)
	}
	if v, err := TridiagonalKth(neg, 0); !errors.Is(err, errEigenOverflow) {
		t.Errorf("TridiagonalKth = %v, %v; want errEigenOverflow", v, err)
	}
	// Eigenvalues ±M exactly.
	near := func(w []float64) bool {
		return len(w) == 2 && math.Abs(w[0]+m) <= 4*0x1p-52*m && math.Abs(w[1]-m) <= 4*0x1p-52*m
	}
	d := mat.NewSymDense(2, []float64{m, 0, 0, -m})
	if w, err := SymEigenvalues(d, nil); err != nil || !near(w) {
		t.Errorf("SymEigenvalues(diag(M, −M)) = %v, %v; want [−M, M]", w, err)
	}
	dt := rmt.SymTridiagonal{Diag: []float64{m, -m}, Off: []float64{0}}
	if w, err := TridiagonalEigenvalues(dt, nil); err != nil || !near(w) {
		t.Errorf("TridiagonalEigenvalues(diag(M, −M)) = %v, %v; want [−M, M]", w, err)
	}
}

// TestDsterfBlockScaling: a tridiagonal whose first unreduced block has a
// norm below Dsterf's scaling range (7.9e-177) and whose second is of
// norm 0.5 has the eigenvalues ±7.9e-177, ±0.5 and four zeros. gonum
// v0.17.0's Dsterf panics on it, and Dsteqr, dsterf's former fallback,
// returned ±2.1e121 for ±0.5 (its scaling flag is not reset between blocks;
// found by FuzzTridiagonalTopWeight, whose reference it was). dsterf must
// return every eigenvalue within 4ε‖T‖ (here absolute 4ε·0.5).
func TestDsterfBlockScaling(t *testing.T) {
	tr := rmt.SymTridiagonal{Diag: make([]float64, 8), Off: []float64{-7.896825413969131e-177, 0, 0.5, 0, 0, 0, 0}}
	want := []float64{-0.5, -7.896825413969131e-177, 0, 0, 0, 0, 7.896825413969131e-177, 0.5}
	got := make([]float64, 8)
	if err := sterfTridiagonal(tr, got, make([]float64, 8)); err != nil {
		t.Fatal(err)
	}
	compare(t, "sterfTridiagonal", got, want, 4*0x1p-52*0.5)
}

// TestTridiagonalTopWeightRounding: for diagonal (0, −1/2, 0) and
// off-diagonal (1e-245, −1/2), λ_max = (√5 − 1)/4 is the top eigenvalue of
// t[1:, 1:] up to O(1e-490), so u₀² ≈ 1e-490 (Dsteqr: 0). The continued
// fraction's f₁(λ) is a rounding residue there; TridiagonalTopWeight
// returned the weight 1 with a nil error when that residue came out
// positive (found by FuzzTridiagonalTopWeight). It must now report
// errNotSimple or a weight within ε of 0.
func TestTridiagonalTopWeightRounding(t *testing.T) {
	tr := rmt.SymTridiagonal{Diag: []float64{0, -0.5, 0}, Off: []float64{1.0869689736944957e-245, -0.5}}
	lam, w, err := TridiagonalTopWeight(tr)
	if !errors.Is(err, errNotSimple) && !(err == nil && w <= 0x1p-52) {
		t.Errorf("TridiagonalTopWeight = %v, %v, %v; want errNotSimple or a weight ≈ 0", lam, w, err)
	}
}

// TestHermitianCheckNearOverflow: the Hermitian check compared
// max|a − a*| with 1e-8·max|a_ij|, and when a modulus overflowed (entries
// near MaxFloat64 in both parts) both sides were +Inf and any matrix was
// accepted: [[0, M(1+i)], [M(1+i), 0]] (M = 1.7e308), not Hermitian, gave
// eigenvalues ±M. It must be rejected, and its Hermitian counterpart still
// solved (eigenvalues ±√2·M overflow: errEigenOverflow; with M/2 they are
// ±0.85√2e308).
func TestHermitianCheckNearOverflow(t *testing.T) {
	const m = 1.7e308
	a := mat.NewCDense(2, 2, []complex128{0, complex(m, m), complex(m, m), 0})
	if w, err := HermitianEigenvalues(a, nil); err == nil || errors.Is(err, errEigenOverflow) {
		t.Errorf("HermitianEigenvalues(non-Hermitian) = %v, %v; want a not-Hermitian error", w, err)
	}
	h := mat.NewCDense(2, 2, []complex128{0, complex(m, m), complex(m, -m), 0})
	if w, err := HermitianEigenvalues(h, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("HermitianEigenvalues(Hermitian, |λ| = √2·M) = %v, %v; want errEigenOverflow", w, err)
	}
	h = mat.NewCDense(2, 2, []complex128{0, complex(m/2, m/2), complex(m/2, -m/2), 0})
	want := math.Sqrt2 * m / 2
	if w, err := HermitianEigenvalues(h, nil); err != nil || math.Abs(w[1]-want) > 4*0x1p-52*want || math.Abs(w[0]+want) > 4*0x1p-52*want {
		t.Errorf("HermitianEigenvalues(Hermitian, |λ| = M/√2) = %v, %v; want ±%g", w, err, want)
	}
}

// TestTridiagonalTopWeightRoundingChain is a second such case, where the
// rounding residue of f₁(λ) is built up along the continued fraction (a
// local test 4ε·|terms| passed it): diagonal (9.4e-323, 9.4e-323, 0, 0, 0,
// 3.9e-208, 0, 0), off-diagonal (9.4e-323, −3.9e-208 ×4, 0, 0); Dsteqr gives
// u₀² = 4.6e-232 and TridiagonalTopWeight returned 1 (found by
// FuzzTridiagonalTopWeight).
func TestTridiagonalTopWeightRoundingChain(t *testing.T) {
	const o = -3.8934355277724873e-208
	tr := rmt.SymTridiagonal{
		Diag: []float64{9.4e-323, 9.4e-323, 0, 0, 0, -o, 0, 0},
		Off:  []float64{9.4e-323, o, o, o, o, 0, 0},
	}
	lam, w, err := TridiagonalTopWeight(tr)
	if !errors.Is(err, errNotSimple) && !(err == nil && w <= 0x1p-52) {
		t.Errorf("TridiagonalTopWeight = %v, %v, %v; want errNotSimple or a weight ≈ 0", lam, w, err)
	}
}

// TestTridiagonalTopWeightHugeOff: [[0, 2¹⁰²³], [2¹⁰²³, 0]] has the simple
// top eigenvalue 2¹⁰²³ with u₀² = 1/2; the error bound of the not-simple
// test overflowed (2·max|o| = +Inf) and rejected it (found by
// FuzzTridiagonalTopWeight).
func TestTridiagonalTopWeightHugeOff(t *testing.T) {
	tr := rmt.SymTridiagonal{Diag: []float64{0, 0}, Off: []float64{0x1p1023}}
	if lam, w, err := TridiagonalTopWeight(tr); err != nil || lam != 0x1p1023 || math.Abs(w-0.5) > 0x1p-52 {
		t.Errorf("TridiagonalTopWeight = %v, %v, %v; want 2¹⁰²³, 1/2", lam, w, err)
	}
}

// TestTridiagonalTopWeightSubnormal: in units of u = 2⁻¹⁰⁷⁴ the matrix
// [[0, 2, 0], [2, 0, −512], [0, −512, 1]] has λ_max ≈ 513.0u, and its top
// eigenvector's first component squared is 7.6e-6 (Dsteqr on the integer
// matrix, 7.6069563119494644e-06). TridiagonalTopWeight evaluated
// the continued fraction at λ rounded to the subnormal grid (513u exactly,
// 9 significant bits) and returned 1/9 (found by FuzzTridiagonalTopWeight).
// The weight must be within 1e-12 of Dsteqr's.
func TestTridiagonalTopWeightSubnormal(t *testing.T) {
	u := math.Ldexp(1, -1074)
	tr := rmt.SymTridiagonal{Diag: []float64{0, 0, u}, Off: []float64{2 * u, -512 * u}}
	_, want, ok := dsteqrAll(rmt.SymTridiagonal{Diag: []float64{0, 0, 1}, Off: []float64{2, -512}})
	if !ok {
		t.Fatal("Dsteqr failed")
	}
	if lam, w, err := TridiagonalTopWeight(tr); err != nil || math.Abs(w-want) > 1e-12 {
		t.Errorf("TridiagonalTopWeight = %v, %v, %v; want weight %v", lam, w, err, want)
	}
}

// TestHermitianSubnormalExact: with u = 2⁻¹⁰⁷⁴, diag(3u, 5u) (and its
// quaternion form) has the eigenvalues 3u and 5u exactly. HermitianEigenvalues
// halved each entry before forming (a + a*)/2, and each pair of computed
// copies before averaging, and 0.5·3u rounds to 2u: it returned 4u for 3u
// (found by FuzzHermitianEigenvalues as an error of 4 subnormal ulps).
func TestHermitianSubnormalExact(t *testing.T) {
	u := math.Ldexp(1, -1074)
	h := mat.NewCDense(2, 2, []complex128{complex(3*u, 0), 0, 0, complex(5*u, 0)})
	if w, err := HermitianEigenvalues(h, nil); err != nil || w[0] != 3*u || w[1] != 5*u {
		t.Errorf("HermitianEigenvalues(diag(3u, 5u)) = %v, %v; want [%v %v]", w, err, 3*u, 5*u)
	}
	q := mat.NewCDense(4, 4, nil)
	for i, v := range []float64{3, 5, 3, 5} {
		q.Set(i, i, complex(v*u, 0))
	}
	if w, err := QuaternionEigenvalues(q, nil); err != nil || w[0] != 3*u || w[1] != 5*u {
		t.Errorf("QuaternionEigenvalues(diag(3u, 5u)) = %v, %v; want [%v %v]", w, err, 3*u, 5*u)
	}
}

// TestBidiagonalEigenvalueOverflow: a singular value above about 1.3e154
// squared to +Inf and BidiagonalEigenvalues returned it with a nil error,
// unlike the package's other eigensolvers; it must be errEigenOverflow, and
// 1e154 (squared 1e308, finite) must still be returned.
func TestBidiagonalEigenvalueOverflow(t *testing.T) {
	if _, err := BidiagonalEigenvalues(rmt.Bidiagonal{Diag: []float64{1e155, 1}, Sub: []float64{0}}, nil); !errors.Is(err, errEigenOverflow) {
		t.Errorf("singular value 1e155: err %v, want errEigenOverflow", err)
	}
	ev, err := BidiagonalEigenvalues(rmt.Bidiagonal{Diag: []float64{1e154, 1}, Sub: []float64{0}}, nil)
	if err != nil || math.Abs(ev[1]-1e308) > 1e294 || ev[0] != 1 {
		t.Errorf("singular value 1e154: %v, %v; want [1, 1e308]", ev, err)
	}
}
