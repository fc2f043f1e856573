package spectra

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// FuzzTridiagonalEigen feeds TridiagonalEigen tridiagonal matrices of order
// n = 1…64 (past the leaf size 25, so that divide and conquer runs, with
// zeros in Off, ties, and entries of every magnitude from fuzzReader) and
// checks: an error exactly when an entry is not finite, or errEigenOverflow
// only when ‖T‖ may exceed MaxFloat64; otherwise, on t scaled exactly by the
// power of two s of pow2Scale, the residual, orthogonality and eigenvalue
// bounds of dcAccuracy with C = dcC, plus the rounding of eigenvalues that
// underflow to subnormals (1/2 unit 2⁻¹⁰⁷⁴ of the unscaled values, s·2⁻¹⁰⁷⁵
// after scaling).
func FuzzTridiagonalEigen(f *testing.F) {
	// Unreduced matrices of order 40 and 64 with small-integer entries
	// (divide and conquer with ties: diagonal cycling through 1…4 or
	// constant 2, off-diagonal 1 or cycling through 1…3).
	// (fuzzReader's code 8(8+k)+5 is the integer k times 2^e; base byte 134
	// is e = −2.)
	integer := func(k int) byte { return byte(8*(8+k) + 5) }
	dc := func(n int, diag, off func(i int) int) []byte {
		b := []byte{byte(n - 1), 134}
		for i := 0; i < n; i++ {
			b = append(b, integer(diag(i)))
			if i < n-1 {
				b = append(b, integer(off(i)))
			}
		}
		return b
	}
	fuzzSymSeeds(f,
		// n = 8: diagonal 0, off-diagonal (−1.6e-176, 0, 0.5, 0, …), the
		// matrix on which gonum's Dsteqr returns ±2.1e121 for ±0.5 (it
		// rescales the first block and keeps that scaling for the next):
		// this fails if the QL/QR leaves are not solved one unreduced block
		// per Dsteqr call.
		[]byte{7, 134, 0, 0x84, 1, 233, 77, 0, 0, 0, integer(2)},
		dc(40, func(i int) int { return 1 + i%4 }, func(int) int { return 1 }),
		dc(64, func(int) int { return 2 }, func(i int) int { return 1 + i%3 }),
	)
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		tr := fuzzTridiagonal(data, 64)
		n := len(tr.Diag)
		var vecs mat.Dense
		vals, err := TridiagonalEigen(tr, nil, &vecs)
		if checkTridiagonal(tr) != nil {
			if err == nil {
				t.Fatal("non-finite entry: no error")
			}
			return
		}
		var amax float64
		for _, v := range tr.Diag {
			amax = max(amax, math.Abs(v))
		}
		for _, v := range tr.Off {
			amax = max(amax, math.Abs(v))
		}
		if amax == 0 {
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		s := pow2Scale(amax)
		ts := scaled(tr, s)
		if errors.Is(err, errEigenOverflow) {
			if normOf(ts) < math.MaxFloat64*s {
				t.Fatalf("n = %d: %v, but ‖T‖ ≤ %g ×2^%d", n, err, normOf(ts), -math.Ilogb(s))
			}
			return
		}
		if err != nil {
			t.Fatalf("n = %d: %v", n, err)
		}
		vs := make([]float64, n)
		for i, v := range vals {
			vs[i] = v * s
		}
		res, orth, eig := dcAccuracy(t, ts, vs, &vecs)
		grid := math.Ldexp(s, -1075) / (float64(n) * eigEps * normOf(ts))
		if !(res <= dcC+grid && orth <= dcC && eig <= dcC+grid) {
			t.Fatalf("n = %d: residual %.3g nε‖T‖, orthogonality %.3g nε, eigenvalues %.3g nε‖T‖ (subnormal rounding %.3g), want ≤ %v", n, res, orth, eig, grid, float64(dcC))
		}
	})
}
