package rmt

import (
	"math"
	"math/big"
	"testing"
)

// fuzzEps is the machine epsilon 2⁻⁵².
const fuzzEps = 0x1p-52

// FuzzSpikedModels feeds SpikedBetaHermite and SpikedBetaLaguerre fuzzed
// n, m ≤ 40, β and θ (any float64: NaN, ±Inf, θ ≤ −1, extremes). Each must
// return an error exactly when a parameter is invalid (n, m < 1, β rejected
// by CheckBeta, θ not finite, θ ≤ −1 for the Laguerre model), and otherwise a
// well-formed matrix of finite entries with the documented relation to the
// unspiked model drawn from the same stream:
//
//   - SpikedBetaHermite is BetaHermite with θ added to Diag[0], bit for bit;
//   - SpikedBetaLaguerre for n ≤ m is BetaLaguerre with Diag[0] multiplied by
//     √(1 + θ), bit for bit;
//   - for n > m its entries are ≥ 0, zero beyond the leading m×m block
//     (Diag[i] = 0 for i ≥ m, Sub[i] = 0 for i ≥ m − 1), and the trace of
//     B·Bᵀ (the sum of the m nonzero eigenvalues) equals that of the
//     unreduced (m+1)×m lower bidiagonal L rebuilt from the same stream by
//     the frozen draw order, Σd_i² + Σs_i² = tr LᵀL, within 4(m + 2)ε of it
//     (each of the m Givens rotations preserves the trace of the rows it
//     touches to a few ε), computed exactly in big.Float so that no square
//     overflows.
func FuzzSpikedModels(f *testing.F) {
	for _, c := range []struct {
		n, m        uint8
		beta, theta float64
	}{
		{5, 8, 1, 2}, {8, 5, 1, 2}, {40, 1, 2, 0.5}, {1, 40, 4, -0.5}, {2, 1, 2.5, 0},
		{10, 3, 1, math.MaxFloat64}, {10, 3, 1e-300, 1e300}, {10, 30, 1e300, -1 + 1e-16},
		{7, 3, 1, -1}, {7, 3, 1, math.Inf(1)}, {7, 3, math.NaN(), 1}, {0, 3, 1, 1}, {3, 0, 1, 1},
		{7, 3, 1, math.NaN()}, {12, 4, math.Inf(1), 1}, {12, 4, 5e-324, 1},
	} {
		f.Add(uint64(1), c.n, c.m, c.beta, c.theta)
	}
	f.Fuzz(func(t *testing.T, seed uint64, n8, m8 uint8, beta, theta float64) {
		n, m := int(n8%41), int(m8%41)

		// Hermite.
		h, err := SpikedBetaHermite(Stream(seed, "fuzz-spiked", 0), n, beta, theta)
		validH := n >= 1 && CheckBeta(beta, n) == nil && !math.IsNaN(theta) && !math.IsInf(theta, 0)
		if (err == nil) != validH {
			t.Fatalf("SpikedBetaHermite(n = %d, β = %v, θ = %v): err = %v, want an error iff invalid", n, beta, theta, err)
		}
		if err == nil {
			g, err := BetaHermite(Stream(seed, "fuzz-spiked", 0), n, beta)
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Diag) != n || len(h.Off) != n-1 {
				t.Fatalf("SpikedBetaHermite: len = %d, %d, want %d, %d", len(h.Diag), len(h.Off), n, n-1)
			}
			for i, v := range h.Diag {
				want := g.Diag[i]
				if i == 0 {
					want += theta
				}
				if v != want || math.IsInf(v, 0) {
					t.Fatalf("SpikedBetaHermite(n = %d, β = %v, θ = %v): Diag[%d] = %v, want %v (finite)", n, beta, theta, i, v, want)
				}
			}
			for i, v := range h.Off {
				if v != g.Off[i] || math.IsInf(v, 0) || math.IsNaN(v) {
					t.Fatalf("SpikedBetaHermite: Off[%d] = %v, want %v (finite)", i, v, g.Off[i])
				}
			}
		}

		// Laguerre.
		b, err := SpikedBetaLaguerre(Stream(seed, "fuzz-spiked", 1), n, m, beta, theta)
		validL := n >= 1 && m >= 1 && CheckBeta(beta, max(n, m)) == nil && theta > -1 && !math.IsInf(theta, 1) &&
			1+theta <= maxGramScale(float64(max(n, m))/float64(m)+10/(beta*float64(m)))
		if (err == nil) != validL {
			t.Fatalf("SpikedBetaLaguerre(n = %d, m = %d, β = %v, θ = %v): err = %v, want an error iff invalid", n, m, beta, theta, err)
		}
		if err != nil {
			return
		}
		if len(b.Diag) != n || len(b.Sub) != n-1 {
			t.Fatalf("SpikedBetaLaguerre: len = %d, %d, want %d, %d", len(b.Diag), len(b.Sub), n, n-1)
		}
		for i, v := range append(append([]float64(nil), b.Diag...), b.Sub...) {
			if !(v >= 0) || math.IsInf(v, 0) {
				t.Fatalf("SpikedBetaLaguerre(n = %d, m = %d, β = %v, θ = %v): entry %d = %v, want finite ≥ 0", n, m, beta, theta, i, v)
			}
		}
		gram := b.Gram(SymTridiagonal{})
		for i, v := range append(append([]float64(nil), gram.Diag...), gram.Off...) {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				t.Fatalf("SpikedBetaLaguerre(n = %d, m = %d, β = %v, θ = %v): B·Bᵀ entry %d = %v, want finite", n, m, beta, theta, i, v)
			}
		}
		if n <= m {
			g, err := BetaLaguerre(Stream(seed, "fuzz-spiked", 1), n, m, beta)
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range b.Diag {
				want := g.Diag[i]
				if i == 0 {
					want *= math.Sqrt(1 + theta)
				}
				if v != want {
					t.Fatalf("SpikedBetaLaguerre(n = %d ≤ m = %d): Diag[%d] = %v, want %v", n, m, i, v, want)
				}
			}
			for i, v := range b.Sub {
				if v != g.Sub[i] {
					t.Fatalf("SpikedBetaLaguerre(n = %d ≤ m = %d): Sub[%d] = %v, want %v", n, m, i, v, g.Sub[i])
				}
			}
			return
		}
		for i := m; i < n; i++ {
			if b.Diag[i] != 0 || (i-1 < n-1 && b.Sub[i-1] != 0) {
				t.Fatalf("SpikedBetaLaguerre(n = %d > m = %d): Diag[%d] = %v, Sub[%d] = %v, want 0", n, m, i, b.Diag[i], i-1, b.Sub[i-1])
			}
		}
		// The unreduced L from the same stream (frozen draw order).
		r := Stream(seed, "fuzz-spiked", 1)
		s := 1 / math.Sqrt(beta*float64(m))
		d := make([]float64, m)
		for i := range d {
			d[i] = s * Chi(r, beta*float64(m-i))
		}
		d[0] *= math.Sqrt(1 + theta)
		sub := make([]float64, m)
		for i := range sub {
			sub[i] = s * Chi(r, beta*float64(n-1-i))
		}
		want := sumSquares(d, sub)
		got := sumSquares(b.Diag[:m], b.Sub[:m-1])
		diff := new(big.Float).Sub(got, want)
		diff.Abs(diff)
		tol := new(big.Float).Mul(want, big.NewFloat(4*float64(m+2)*fuzzEps))
		tol.Add(tol, big.NewFloat(float64(4*m)*0x1p-1074*math.Max(1, maxAbs(d, sub))))
		if diff.Cmp(tol) > 0 {
			t.Fatalf("SpikedBetaLaguerre(n = %d > m = %d, β = %v, θ = %v): tr B·Bᵀ = %.17g, tr LᵀL of the unreduced form = %.17g", n, m, beta, theta, got, want)
		}
	})
}

// sumSquares returns Σx_i² over all its arguments, exactly.
func sumSquares(xs ...[]float64) *big.Float {
	sum := new(big.Float).SetPrec(4096)
	for _, x := range xs {
		for _, v := range x {
			f := new(big.Float).SetPrec(4096).SetFloat64(v)
			sum.Add(sum, f.Mul(f, f))
		}
	}
	return sum
}

// maxAbs returns max|x_i| over all its arguments.
func maxAbs(xs ...[]float64) float64 {
	var m float64
	for _, x := range xs {
		for _, v := range x {
			m = max(m, math.Abs(v))
		}
	}
	return m
}

// FuzzGivensUpper checks givensUpper on a fuzzed (m+1)×m lower bidiagonal
// (m ≤ 40; entries decoded from eight-byte float64s, those beyond 1e300 in
// magnitude or not finite replaced by 0, so zeros, subnormals and 1e±300 all
// occur): R must be finite, R_ii ≥ 0, sup[m−1] = 0, the same whether sup
// aliases s or not, and RᵀR = LᵀL entry by entry — diagonal
// R_ii² + R_{i−1,i}² = d_i² + s_i² and off-diagonal R_ii·R_{i,i+1} =
// s_i·d_{i+1} — within 8ε·max((LᵀL)_ii, (LᵀL)_jj) (the bound of
// TestGivensUpper) plus the absolute effect of underflow (rounding to the
// subnormal grid, 2⁻¹⁰⁷⁴, of entries up to max|L|: 16·m·2⁻¹⁰⁷⁴·max|L|),
// both sides computed exactly in big.Float.
func FuzzGivensUpper(f *testing.F) {
	enc := func(xs ...float64) []byte {
		var b []byte
		for _, x := range xs {
			u := math.Float64bits(x)
			for k := 7; k >= 0; k-- {
				b = append(b, byte(u>>(8*k)))
			}
		}
		return b
	}
	f.Add(uint8(3), enc(1, 2, 3, 4, 5, 6))
	f.Add(uint8(4), enc(1e300, 1e-300, 0, 1e300, 1e-300, 1e300, 5e-324, 1e300))
	f.Add(uint8(2), enc(0, 0, 0, 0))
	f.Add(uint8(3), enc(1e-300, 1e300, 1e-300, 1e300, 1e-300, 1e300))
	f.Add(uint8(40), enc(1e200, 3, 1e-200, 0, 2.2e-308, 1e-310))
	f.Fuzz(func(t *testing.T, m8 uint8, data []byte) {
		m := 1 + int(m8)%40
		d := make([]float64, m)
		s := make([]float64, m)
		for i := 0; i < 2*m; i++ {
			var u uint64
			for k := 0; k < 8; k++ {
				if j := 8*i + k; j < len(data) {
					u = u<<8 | uint64(data[j])
				} else {
					u <<= 8
				}
			}
			v := math.Float64frombits(u)
			if !(math.Abs(v) <= 1e300) {
				v = 0
			}
			if i < m {
				d[i] = v
			} else {
				s[i-m] = v
			}
		}
		diag := make([]float64, m)
		sup := make([]float64, m)
		givensUpper(d, s, diag, sup)
		diag2 := make([]float64, m)
		sup2 := append([]float64(nil), s...)
		givensUpper(d, sup2, diag2, sup2)
		if sup[m-1] != 0 {
			t.Fatalf("m = %d: sup[m−1] = %v, want 0", m, sup[m-1])
		}
		for i := range diag {
			if diag[i] != diag2[i] || sup[i] != sup2[i] {
				t.Fatalf("m = %d: in place (sup = s) differs at %d: (%v, %v) vs (%v, %v)", m, i, diag2[i], sup2[i], diag[i], sup[i])
			}
			if !(diag[i] >= 0) || math.IsInf(diag[i], 0) || math.IsNaN(sup[i]) || math.IsInf(sup[i], 0) {
				t.Fatalf("m = %d: R[%d][%d] = %v, R[%d][%d] = %v, want finite, diagonal ≥ 0", m, i, i, diag[i], i, i+1, sup[i])
			}
		}
		prec := uint(4096)
		bf := func(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
		mul := func(x, y float64) *big.Float { return new(big.Float).SetPrec(prec).Mul(bf(x), bf(y)) }
		floor := bf(16 * float64(m) * 0x1p-1074 * math.Max(1, maxAbs(d, s)))
		for i := 0; i < m; i++ {
			lii := new(big.Float).SetPrec(prec).Add(mul(d[i], d[i]), mul(s[i], s[i]))
			rii := mul(diag[i], diag[i])
			if i > 0 {
				rii.Add(rii, mul(sup[i-1], sup[i-1]))
			}
			scale := lii
			var loff, roff *big.Float
			if i+1 < m {
				ljj := new(big.Float).SetPrec(prec).Add(mul(d[i+1], d[i+1]), mul(s[i+1], s[i+1]))
				if ljj.Cmp(scale) > 0 {
					scale = ljj
				}
				loff, roff = mul(s[i], d[i+1]), mul(diag[i], sup[i])
			}
			tol := new(big.Float).SetPrec(prec).Mul(scale, bf(8*fuzzEps))
			tol.Add(tol, floor)
			for _, pair := range [][2]*big.Float{{rii, lii}, {roff, loff}} {
				if pair[0] == nil {
					continue
				}
				diff := new(big.Float).SetPrec(prec).Sub(pair[0], pair[1])
				if diff.Abs(diff).Cmp(tol) > 0 {
					t.Fatalf("m = %d, row %d: RᵀR entry %.17g, LᵀL %.17g (|Δ| = %.3g > %.3g); d = %v, s = %v", m, i, pair[0], pair[1], diff, tol, d, s)
				}
			}
		}
	})
}

// TestGivensUpperSubnormal: with d_0 and s_0 subnormal (2.6e-310), the
// rotation's c and s were computed from ρ = hypot(d_0, s_0) rounded to the
// subnormal grid (about 45 significant bits), and (RᵀR)_11 = d_1² failed by
// 35 ulps (found by FuzzGivensUpper). The bound of FuzzGivensUpper must
// hold: 8ε relative.
func TestGivensUpperSubnormal(t *testing.T) {
	const big = 1.398043286095289e-76
	d := []float64{2.61773395118493e-310, big, big, big}
	s := []float64{2.60750842793813e-310, 0, 0, 0}
	diag := make([]float64, 4)
	sup := make([]float64, 4)
	givensUpper(d, s, diag, sup)
	// (RᵀR)_11 = R_11² + R_01² in units of big² (no underflow).
	got := (diag[1]/big)*(diag[1]/big) + (sup[0]/big)*(sup[0]/big)
	if math.Abs(got-1) > 8*fuzzEps {
		t.Errorf("(RᵀR)_11/d_1² = %.17g, want 1 within 8ε", got)
	}
}
