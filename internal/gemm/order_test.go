package gemm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// innerDim returns the inner dimension k of op(A)·op(B): A's columns, or
// its rows when transposed.
func innerDim(tA blas.Transpose, a blas64.General) int {
	if tA != blas.NoTrans {
		return a.Rows
	}
	return a.Cols
}

// opEntry returns op(g)[i, j], g's entry (i, j), or (j, i) when transposed.
func opEntry(g blas64.General, tr blas.Transpose, i, j int) float64 {
	if tr != blas.NoTrans {
		i, j = j, i
	}
	return g.Data[i*g.Stride+j]
}

// gemmLiteral is a literal transcription of the operation sequence of the
// package documentation, entry by entry and independent of gemm.go's
// packing, tiles and update: for each block of 256 consecutive l from
// acc = +0, acc = fma(op(A)[i,l], op(B)[l,j], acc), then c = α·acc (first
// block, β = 0), fma(α, acc, β·c) (first block, β ≠ 0) or fma(α, acc, c)
// (later blocks); with α = 0 or k = 0, C = β·C, zeros if β = 0 (the
// semantics of gonum's Dgemm).
func gemmLiteral(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	const kc = 256 // the documented block length, not kcBlock
	k := innerDim(tA, a)
	for i := range c.Rows {
		for j := range c.Cols {
			cij := &c.Data[i*c.Stride+j]
			if alpha == 0 || k == 0 {
				switch beta {
				case 0:
					*cij = 0
				case 1:
				default:
					*cij *= beta
				}
				continue
			}
			for l0 := 0; l0 < k; l0 += kc {
				acc := 0.0
				for l := l0; l < min(k, l0+kc); l++ {
					acc = math.FMA(opEntry(a, tA, i, l), opEntry(b, tB, l, j), acc)
				}
				switch {
				case l0 == 0 && beta == 0:
					*cij = alpha * acc
				case l0 == 0:
					*cij = math.FMA(alpha, acc, float64(beta**cij))
				default:
					*cij = math.FMA(alpha, acc, *cij)
				}
			}
		}
	}
}

// fillOrderTest overwrites the entries (not the padding) of g: mode 0
// keeps the uniform entries of randGeneral; mode 1 makes about one in eight
// a signed zero, one in eight a subnormal and one in four of magnitude
// 1e±200 (products that overflow to ±Inf or underflow to subnormals or
// zero); mode 2 makes every entry a signed zero (the signs of zero results);
// mode 3 makes one in ten +Inf, one in ten −Inf and three in ten about
// 1.7e308 (sums that overflow, Inf − Inf = NaN).
func fillOrderTest(rng *rand.Rand, g blas64.General, mode int) {
	for idx := range g.Data {
		if idx%g.Stride >= g.Cols {
			continue
		}
		v := g.Data[idx]
		switch mode {
		case 1:
			switch rng.IntN(8) {
			case 0:
				v = math.Copysign(0, v)
			case 1:
				v *= 0x1p-1050
			case 2:
				v *= 1e200
			case 3:
				v *= 1e-200
			}
		case 2:
			v = math.Copysign(0, v)
		case 3:
			switch rng.IntN(10) {
			case 0:
				v = math.Inf(1)
			case 1:
				v = math.Inf(-1)
			case 2, 3, 4:
				v *= 1.7e308
			}
		}
		g.Data[idx] = v
	}
}

// TestGemmOrder checks every micro-kernel the CPU supports (on amd64 with
// AVX-512 that is the AVX-512, the AVX2 and the Go kernel), on one and on
// three goroutines, against gemmLiteral bit for bit (NaN against NaN of any
// payload): every transpose combination; m, n around the tiles 4×4, 6×8 and
// 12×16; k at and around 256; α, β ∈ {0, 1, −1, 0.5, −0.37, 3 + 2⁻⁵¹};
// signed zeros, subnormals, overflow and Inf; and NaN in every entry of C
// when β = 0, which must not be read.
func TestGemmOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 19))
	min0, band0 := parallelMin, bandMin
	defer func() { parallelMin, bandMin = min0, band0 }()
	parallelMin, bandMin = 0, 1
	scalars := []float64{0, 1, -1, 0.5, -0.37, 3 + 0x1p-51}
	ms := []int{1, 2, 5, 6, 7, 11, 12, 13, 25}
	ns := []int{1, 3, 4, 7, 8, 9, 15, 16, 17, 33}
	ks := []int{1, 2, 3, 255, 256, 257, 513}
	count := 0
	for _, tA := range transposes {
		for _, tB := range transposes {
			for _, m := range ms {
				for _, n := range ns {
					for _, k := range ks {
						count++
						if k > 3 && count%7 != 0 {
							continue // a seventh of the long products suffices
						}
						alpha, beta := scalars[count%6], scalars[(count/6)%6]
						mode := (count / 36) % 4
						a, b, c := operands(rng, tA, tB, m, n, k, count%3)
						fillOrderTest(rng, a, mode)
						fillOrderTest(rng, b, mode)
						fillOrderTest(rng, c, mode%2)
						if beta == 0 {
							for idx := range c.Data {
								c.Data[idx] = math.NaN()
							}
						}
						want := clone(c)
						gemmLiteral(tA, tB, alpha, a, b, beta, want)
						for _, kern := range supportedKernels() {
							for _, workers := range []int{1, 3} {
								got := clone(c)
								gemmWith(kern, workers, tA, tB, alpha, a, b, beta, got)
								if idx := firstDiff(got.Data, want.Data); idx >= 0 {
									t.Fatalf("kernel %d×%d, %d goroutines, tA=%c tB=%c m=%d n=%d k=%d alpha=%v beta=%v mode %d: C.Data[%d] = %v (%#x), documented order %v (%#x)",
										kern.mr, kern.nr, workers, tA, tB, m, n, k, alpha, beta, mode, idx,
										got.Data[idx], math.Float64bits(got.Data[idx]), want.Data[idx], math.Float64bits(want.Data[idx]))
								}
							}
						}
					}
				}
			}
		}
	}
}
