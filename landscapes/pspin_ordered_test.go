package landscapes

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// pspinOrdered is an independent reference for the spherical p-spin: the
// full ordered coupling tensors J^{(p)} (iid N(0, 1): one rmt.NormalFill of
// n^p values per degree with c_p > 0, in increasing p, the documented draw
// order), never symmetrised, and
//
//	H = Σ_p s_p Σ_{i1…ip} J_{i1…ip} x_{i1}⋯x_{ip},   s_p = c_p N^{−(p−1)/2},
//
// with ∇H and ∇²H by the product rule over the positions of each ordered
// tuple, O(N^p p²) terms accumulated in 256-bit floats. abs* hold the sums
// of the absolute values of the terms, the scale of the rounding error of
// any float64 evaluation.
type pspinOrdered struct {
	v, absV float64
	g, absG []float64
	h, absH [][]float64
}

func pspinOrderedReference(r *rand.Rand, n int, coeffs map[int]float64, x []float64) pspinOrdered {
	var ps []int
	for p, c := range coeffs {
		if c > 0 {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	nb := func() *big.Float { return new(big.Float).SetPrec(256) }
	bv, bg, bh := nb(), make([]*big.Float, n), make([][]*big.Float, n)
	out := pspinOrdered{g: make([]float64, n), absG: make([]float64, n),
		h: make([][]float64, n), absH: make([][]float64, n)}
	for i := range bg {
		bg[i], bh[i] = nb(), make([]*big.Float, n)
		out.h[i], out.absH[i] = make([]float64, n), make([]float64, n)
		for j := range bh[i] {
			bh[i][j] = nb()
		}
	}
	// term returns c·Π x over the positions other than skip1, skip2.
	term := func(c float64, idx []int, skip1, skip2 int) (*big.Float, float64) {
		z := nb().SetFloat64(c)
		for m, i := range idx {
			if m != skip1 && m != skip2 {
				z.Mul(z, nb().SetFloat64(x[i]))
			}
		}
		f, _ := z.Float64()
		return z, math.Abs(f)
	}
	for _, p := range ps {
		s := coeffs[p] * math.Pow(float64(n), -float64(p-1)/2)
		J := pspinDrawOrdered(r, n, p)
		idx := make([]int, p)
		for o, jv := range J {
			pspinTuple(o, n, idx)
			c := s * jv
			z, a := term(c, idx, -1, -1)
			bv.Add(bv, z)
			out.absV += a
			for m, i := range idx {
				z, a := term(c, idx, m, -1)
				bg[i].Add(bg[i], z)
				out.absG[i] += a
				for m2, j := range idx {
					if m2 != m {
						z, a := term(c, idx, m, m2)
						bh[i][j].Add(bh[i][j], z)
						out.absH[i][j] += a
					}
				}
			}
		}
	}
	out.v, _ = bv.Float64()
	for i := range bg {
		out.g[i], _ = bg[i].Float64()
		for j := range bh[i] {
			out.h[i][j], _ = bh[i][j].Float64()
		}
	}
	return out
}

// TestPSpinOrderedReference checks Value, Gradient, Hessian and HessVec of
// pure (p = 2…5) and mixed models (degrees up to 6) at N = 2…5, and of
// larger degrees (p = 7, 11) at N = 2 and 3, at points on the sphere, off it and with a zero coordinate, against
// the unsymmetrised reference above (same seed, so the same couplings): the
// packed storage, its multiplicities p!/Π m_v! and every contraction must
// reproduce the definition H = N^{−(p−1)/2} Σ J σ⋯σ over ordered tuples, and
// with it E[H(σ)H(σ′)] = N ξ(σ·σ′/N). Tolerance: 8 ulps of the sum of the
// absolute values of the terms (measured: 1.2 ulps).
func TestPSpinOrderedReference(t *testing.T) {
	type model struct {
		coeffs map[int]float64
		n      int
	}
	var models []model
	for _, c := range []map[int]float64{{2: 1}, {3: 1}, {4: 1}, {5: 1}, {2: 0.7, 3: 1.3},
		{2: 1, 4: 0.5, 5: 0.25}, {3: 0, 4: 2}, {2: 0.3, 3: 0.4, 4: 0.5, 5: 0.6, 6: 0.2}} {
		for n := 2; n <= 5; n++ {
			if len(c) < 5 || n < 5 {
				models = append(models, model{c, n})
			}
		}
	}
	models = append(models, model{map[int]float64{11: 1}, 2}, model{map[int]float64{7: 1}, 3},
		model{map[int]float64{2: 1, 6: 0.5}, 3})
	const eps = 8 * 0x1p-52
	var worst float64
	for mi, m := range models {
		n := m.n
		for xi := 0; xi < 3; xi++ {
			key := uint64(10*mi + xi)
			h, err := NewMixedPSpin(rmt.Stream(11, "pspin-ordered", key), n, m.coeffs)
			if err != nil {
				t.Fatal(err)
			}
			x := make([]float64, n)
			rmt.NormalFill(rmt.Stream(11, "pspin-ordered-x", key), x)
			switch xi {
			case 0: // on the sphere |x|² = n
				s := math.Sqrt(float64(n) / lsDot(x, x))
				for i := range x {
					x[i] *= s
				}
			case 2:
				x[0] = 0
			}
			v := make([]float64, n)
			rmt.NormalFill(rmt.Stream(11, "pspin-ordered-v", key), v)
			ref := pspinOrderedReference(rmt.Stream(11, "pspin-ordered", key), n, m.coeffs, x)
			name := fmt.Sprintf("coeffs %v, n = %d, point %d", m.coeffs, n, xi)
			check := func(what string, got, want, scale float64) {
				d := math.Abs(got - want)
				if scale > 0 {
					worst = math.Max(worst, d/scale)
				}
				if !(d <= eps*scale) {
					t.Errorf("%s: %s = %.17g, reference %.17g (|diff| %.3g, scale %.3g)", name, what, got, want, d, scale)
				}
			}
			check("Value", h.Value(x), ref.v, ref.absV)
			g := h.Gradient(x, nil)
			for i := range g {
				check(fmt.Sprintf("Gradient[%d]", i), g[i], ref.g[i], ref.absG[i])
			}
			H := h.Hessian(x, nil)
			hv := h.HessVec(x, v, nil)
			for i := 0; i < n; i++ {
				var want, scale float64
				for j := 0; j < n; j++ {
					check(fmt.Sprintf("Hessian[%d][%d]", i, j), H.At(i, j), ref.h[i][j], ref.absH[i][j])
					want += ref.h[i][j] * v[j]
					scale += ref.absH[i][j] * math.Abs(v[j])
				}
				check(fmt.Sprintf("HessVec[%d]", i), hv[i], want, scale)
			}
		}
	}
	t.Logf("largest |diff| / scale: %.3g (%.2f ulps)", worst, worst/0x1p-52)
}
