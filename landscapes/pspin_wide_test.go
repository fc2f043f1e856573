package landscapes

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// pspinWideModels are the (n, mixture) combinations of the packed-storage
// tests below: n = 2 and 3 for every p from 2 to 8 (runs of length 1 and 2,
// the last index n − 1 everywhere), odd and even n at moderate p, and
// mixtures whose degrees leave gaps ({2, 5}, {3, 7}, {4, 8}), so that the
// layout serves degrees no term has, and whose odd draw counts make the next
// degree continue the stream after a discarded polar pair.
func pspinWideModels() []struct {
	n int
	c map[int]float64
} {
	var ms []struct {
		n int
		c map[int]float64
	}
	add := func(n int, c map[int]float64) {
		ms = append(ms, struct {
			n int
			c map[int]float64
		}{n, c})
	}
	for _, n := range []int{2, 3} {
		for p := 2; p <= 8; p++ {
			add(n, map[int]float64{p: 1})
		}
	}
	add(4, map[int]float64{5: 1})
	add(4, map[int]float64{6: 1})
	add(5, map[int]float64{5: 1})
	add(6, map[int]float64{4: 1})
	add(7, map[int]float64{3: 1})
	add(8, map[int]float64{3: 1})
	add(3, map[int]float64{2: 0.6, 5: 1})
	add(4, map[int]float64{2: 0.6, 5: 1})
	add(2, map[int]float64{3: 1, 7: 0.3})
	add(3, map[int]float64{3: 1, 7: 0.3})
	add(2, map[int]float64{4: 0.8, 8: 0.5})
	add(3, map[int]float64{2: 0.2, 3: 0.9, 4: 0.5, 5: 0.3, 6: 0.1})
	add(5, map[int]float64{2: 0.5, 3: 1, 4: 0, 6: 0.2}) // a zero coefficient: degree 4 dropped
	return ms
}

// pspinContractLastFull contracts the last index of the full row-major
// tensor b (n^q values) with x: out[o] = Σ_k b[o·n + k] x_k.
func pspinContractLastFull(b []float64, n int, x []float64) []float64 {
	out := make([]float64, len(b)/n)
	for o := range out {
		var s float64
		for k := 0; k < n; k++ {
			s += b[o*n+k] * x[k]
		}
		out[o] = s
	}
	return out
}

// pspinWideRef holds, for one model at one point x, the derivatives computed
// from the full symmetrised tensors of the old algorithm (pspinReference,
// independent of the packed layout), and A, the same forms with |T| and |x|
// (the scale of the rounding errors).
type pspinWideRef struct {
	val, valAbs   float64
	terms         map[int]float64 // H_p(x), each with c_p folded in
	grad, gradAbs []float64
	hess, hessAbs []float64 // n×n row-major
}

func pspinWideReference(full map[int][]float64, n int, x []float64) pspinWideRef {
	ref := pspinWideRef{
		terms: map[int]float64{},
		grad:  make([]float64, n), gradAbs: make([]float64, n),
		hess: make([]float64, n*n), hessAbs: make([]float64, n*n),
	}
	ax := make([]float64, n)
	for i, v := range x {
		ax[i] = math.Abs(v)
	}
	for p, b := range full {
		ab := make([]float64, len(b))
		for i, v := range b {
			ab[i] = math.Abs(v)
		}
		m, mAbs := b, ab
		for range p - 2 {
			m, mAbs = pspinContractLastFull(m, n, x), pspinContractLastFull(mAbs, n, ax)
		}
		g, gAbs := pspinContractLastFull(m, n, x), pspinContractLastFull(mAbs, n, ax)
		hp := lsDot(x, g)
		ref.terms[p] = hp
		ref.val += hp
		ref.valAbs += lsDot(ax, gAbs)
		pf, hf := float64(p), float64(p*(p-1))
		for i := range g {
			ref.grad[i] += pf * g[i]
			ref.gradAbs[i] += pf * gAbs[i]
		}
		for i := range m {
			ref.hess[i] += hf * m[i]
			ref.hessAbs[i] += hf * mAbs[i]
		}
	}
	return ref
}

// TestPSpinPackedWide checks the packed p-spin against the full symmetrised
// tensors of the old algorithm (pspinReference, drawn from the same stream)
// for every model of pspinWideModels, at points on and off the sphere: the
// couplings bit for bit; Value, Gradient, Hessian and HessVec within twice
// the a priori rounding bound γ_m·A of a sum of products (Higham, Accuracy
// and Stability of Numerical Algorithms, 2nd ed., 2002, §3.1), A the same
// form with |T| and |x| and m = (p+1)(n+2) operations in the longest chain
// of either evaluation; x·∇H = Σ_p p c_p H_p (Euler's theorem for the
// homogeneous terms); the prepared operator bit for bit HessVec; and for
// pure models H(−x) = (−1)^p H(x), ∇H(−x) = (−1)^{p−1}∇H(x) and
// ∇²H(−x) = (−1)^p ∇²H(x) bit for bit (every intermediate quantity is a
// homogeneous polynomial in x, and rounding to nearest is odd-symmetric).
func TestPSpinPackedWide(t *testing.T) {
	for mi, mdl := range pspinWideModels() {
		n := mdl.n
		name := fmt.Sprintf("n=%d %v", n, mdl.c)
		seed := uint64(mi)
		h, err := NewMixedPSpin(rmt.Stream(21, "wide", seed), n, mdl.c)
		if err != nil {
			t.Fatal(err)
		}
		// The full tensors, drawn in the frozen order from the same stream.
		r := rmt.Stream(21, "wide", seed)
		full := map[int][]float64{}
		maxP := 0
		for _, p := range slices.Sorted(maps.Keys(mdl.c)) {
			c := mdl.c[p]
			if c == 0 {
				continue
			}
			full[p] = pspinReference(r, n, p, c*math.Pow(float64(n), -float64(p-1)/2))
			maxP = max(maxP, p)
		}
		if len(h.terms) != len(full) {
			t.Fatalf("%s: %d terms, want %d", name, len(h.terms), len(full))
		}
		for _, term := range h.terms {
			if !lmSameBits(h.expand(term), full[term.p]) {
				t.Errorf("%s: the packed degree-%d couplings differ from the full symmetrised tensor", name, term.p)
			}
		}
		tol := func(abs float64) float64 { return 2 * float64((maxP+1)*(n+2)) * lsEps * abs }
		rx := rmt.Stream(21, "wide/x", seed)
		for k := 0; k < 3; k++ {
			x := Sphere{N: n}.Random(rx, nil)
			if k == 1 {
				for i := range x {
					x[i] *= 1.9 // off the sphere: the formula extends H to R^N
				}
			}
			if k == 2 {
				x[n-1] = 0 // an exact zero at the last index
			}
			v := Euclidean{N: n}.Random(rx, nil)
			ref := pspinWideReference(full, n, x)
			if got := h.Value(x); math.Abs(got-ref.val) > tol(ref.valAbs) {
				t.Errorf("%s point %d: Value %v, full tensor %v (tolerance %.3g)", name, k, got, ref.val, tol(ref.valAbs))
			}
			g := h.Gradient(x, nil)
			for i := range g {
				if math.Abs(g[i]-ref.grad[i]) > tol(ref.gradAbs[i]) {
					t.Errorf("%s point %d: ∇H_%d = %v, full tensor %v", name, k, i, g[i], ref.grad[i])
				}
			}
			hs := h.Hessian(x, nil)
			hv := h.HessVec(x, v, nil)
			for i := 0; i < n; i++ {
				var want, abs float64
				for j := 0; j < n; j++ {
					w := ref.hess[i*n+j]
					if got := hs.At(i, j); math.Abs(got-w) > tol(ref.hessAbs[i*n+j]) {
						t.Errorf("%s point %d: ∇²H_%d%d = %v, full tensor %v", name, k, i, j, got, w)
					}
					want += w * v[j]
					abs += ref.hessAbs[i*n+j] * math.Abs(v[j])
				}
				if math.Abs(hv[i]-want) > tol(abs) {
					t.Errorf("%s point %d: (∇²H v)_%d = %v, full tensor %v", name, k, i, hv[i], want)
				}
			}
			var euler float64
			for p, hp := range ref.terms {
				euler += float64(p) * hp
			}
			if d := lsDot(x, g) - euler; math.Abs(d) > tol(float64(maxP)*ref.valAbs) {
				t.Errorf("%s point %d: x·∇H − Σ p c_p H_p = %v", name, k, d)
			}
			op, err := h.PrepareHessian(x)
			if err != nil {
				t.Fatal(err)
			}
			ov := make([]float64, n)
			op.MulVec(ov, v)
			if !lmSameBits(ov, hv) {
				t.Errorf("%s point %d: prepared MulVec %v, HessVec %v (bits differ)", name, k, ov, hv)
			}
			if len(h.terms) != 1 {
				continue
			}
			p := h.terms[0].p
			sign := float64(1 - 2*(p%2)) // (−1)^p
			mx := slices.Clone(x)
			for i := range mx {
				mx[i] = -mx[i]
			}
			if got, want := h.Value(mx), sign*h.Value(x); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%s point %d: H(−x) = %v, (−1)^p H(x) = %v", name, k, got, want)
			}
			gm := h.Gradient(mx, nil)
			hm := h.Hessian(mx, nil)
			hvm := h.HessVec(mx, v, nil)
			for i := 0; i < n; i++ {
				if math.Float64bits(gm[i]) != math.Float64bits(-sign*g[i]) {
					t.Errorf("%s point %d: ∇H(−x)_%d = %v, (−1)^{p−1}∇H(x)_%d = %v", name, k, i, gm[i], i, -sign*g[i])
				}
				if math.Float64bits(hvm[i]) != math.Float64bits(sign*hv[i]) {
					t.Errorf("%s point %d: (∇²H(−x)v)_%d = %v, (−1)^p (∇²H(x)v)_%d = %v", name, k, i, hvm[i], i, sign*hv[i])
				}
				for j := 0; j < n; j++ {
					if math.Float64bits(hm.At(i, j)) != math.Float64bits(sign*hs.At(i, j)) {
						t.Errorf("%s point %d: ∇²H(−x)_%d%d = %v, (−1)^p ∇²H(x)_%d%d = %v", name, k, i, j, hm.At(i, j), i, j, sign*hs.At(i, j))
					}
				}
			}
		}
	}
}

// TestPSpinWideFiniteDifferences: the gradient is the derivative of Value
// and HessVec that of Gradient (CheckDerivatives: central differences, whose
// relative error is of order ε^{2/3}·p² ≈ 3e-9 at p = 8 on the sphere; a
// wrong derivative gives order 1), and the Hessian is symmetric and its
// columns are the finite-difference Jacobian of the gradient (step
// ε^{1/3}|x|, tolerance 1e-6 of the column's norm), for every model of
// pspinWideModels.
func TestPSpinWideFiniteDifferences(t *testing.T) {
	for mi, mdl := range pspinWideModels() {
		n := mdl.n
		name := fmt.Sprintf("n=%d %v", n, mdl.c)
		h, err := NewMixedPSpin(rmt.Stream(22, "widefd", uint64(mi)), n, mdl.c)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(22, "widefd/x", uint64(mi))
		x := Sphere{N: n}.Random(r, nil)
		if ge, he := CheckDerivatives(h, x, r); ge > 1e-6 || he > 1e-6 {
			t.Errorf("%s: gradErr %g, hvpErr %g", name, ge, he)
		}
		hs := h.Hessian(x, nil)
		step := math.Cbrt(lsEps) * math.Sqrt(float64(n))
		for j := 0; j < n; j++ {
			xp, xm := slices.Clone(x), slices.Clone(x)
			xp[j] += step
			xm[j] -= step
			gp, gm := h.Gradient(xp, nil), h.Gradient(xm, nil)
			var num, den float64
			for i := 0; i < n; i++ {
				if hs.At(i, j) != hs.At(j, i) {
					t.Errorf("%s: ∇²H_%d%d = %v ≠ ∇²H_%d%d = %v", name, i, j, hs.At(i, j), j, i, hs.At(j, i))
				}
				d := (gp[i]-gm[i])/(2*step) - hs.At(i, j)
				num += d * d
				den += hs.At(i, j) * hs.At(i, j)
			}
			if math.Sqrt(num) > 1e-6*math.Max(math.Sqrt(den), 1) {
				t.Errorf("%s: column %d of ∇²H is %g away from the Jacobian of ∇H (norm %g)", name, j, math.Sqrt(num), math.Sqrt(den))
			}
		}
	}
}

// TestPSpinConcurrentUse: one PSpin (and one prepared operator) used from
// many goroutines at once gives bit for bit the serial results: Value,
// Gradient, HessVec, Hessian and PrepareHessian/MulVec, for p = 3 (its
// fused kernels) and a mixture with p = 4 and 5 (two pooled buffers alive at
// once in each contraction). Run it with -race: a scratch buffer given back
// to the pool while still in use (checked by moving termApply's Put before
// applyHessian locally) is reported there as a data race, while without
// -race sync.Pool's per-P caches hide it (the results still agreed).
func TestPSpinConcurrentUse(t *testing.T) {
	models := []struct {
		n int
		c map[int]float64
	}{
		{9, map[int]float64{3: 1}},
		{6, map[int]float64{2: 0.5, 4: 1, 5: 0.3}},
	}
	type result struct {
		val     float64
		g, hv   []float64
		hess    []float64
		prepHv  []float64
		sharedV []float64
	}
	for _, mdl := range models {
		h, err := NewMixedPSpin(rmt.Stream(23, "conc", uint64(mdl.n)), mdl.n, mdl.c)
		if err != nil {
			t.Fatal(err)
		}
		n := h.N()
		const points = 6
		xs := make([][]float64, points)
		vs := make([][]float64, points)
		r := rmt.Stream(23, "conc/x", uint64(n))
		for k := range xs {
			xs[k] = Sphere{N: n}.Random(r, nil)
			vs[k] = Euclidean{N: n}.Random(r, nil)
		}
		shared, err := h.PrepareHessian(xs[0])
		if err != nil {
			t.Fatal(err)
		}
		eval := func(k int) result {
			var res result
			res.val = h.Value(xs[k])
			res.g = h.Gradient(xs[k], nil)
			res.hv = h.HessVec(xs[k], vs[k], nil)
			res.hess = slices.Clone(h.Hessian(xs[k], nil).RawSymmetric().Data)
			op, err := h.PrepareHessian(xs[k])
			if err != nil {
				panic(err) // xs[k] is valid: a failure here is a bug
			}
			res.prepHv = make([]float64, n)
			op.MulVec(res.prepHv, vs[k])
			res.sharedV = make([]float64, n)
			shared.MulVec(res.sharedV, vs[k])
			return res
		}
		want := make([]result, points)
		for k := range want {
			want[k] = eval(k)
		}
		const workers = 8
		got := make([][]result, workers)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			got[w] = make([]result, points)
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for rep := 0; rep < 3; rep++ {
					for k := range points {
						kk := (k + w) % points // different goroutines at different points
						got[w][kk] = eval(kk)
					}
				}
			}(w)
		}
		wg.Wait()
		for w := range got {
			for k := range got[w] {
				g, e := got[w][k], want[k]
				if math.Float64bits(g.val) != math.Float64bits(e.val) || !lmSameBits(g.g, e.g) || !lmSameBits(g.hv, e.hv) ||
					!lmSameBits(g.hess, e.hess) || !lmSameBits(g.prepHv, e.prepHv) || !lmSameBits(g.sharedV, e.sharedV) {
					t.Errorf("n=%d %v: goroutine %d, point %d: results differ from the serial ones", n, mdl.c, w, k)
				}
			}
		}
	}
}

// TestPSpinSteadyStateAllocs: Value, Gradient and HessVec (with a dst of
// length N) allocate nothing once the scratch pool is warm, for p = 2, 3,
// 4, 5, a mixture with a gap (p ≥ 4 holds two pooled buffers at once) and
// the high degrees p = 12 (N = 3) and p = 20 (N = 2), as LocalModel's doc
// states for every degree.
func TestPSpinSteadyStateAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	for _, m := range []struct {
		n int
		c map[int]float64
	}{{6, map[int]float64{2: 1}}, {6, map[int]float64{3: 1}}, {6, map[int]float64{4: 1}}, {6, map[int]float64{5: 1}},
		{6, map[int]float64{2: 0.5, 3: 1, 6: 0.2}}, {3, map[int]float64{12: 1}}, {2, map[int]float64{20: 1}}} {
		c, n := m.c, m.n
		h, err := NewMixedPSpin(rmt.Stream(25, "allocs", 0), n, c)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(25, "allocs/x", 0)
		x := Sphere{N: n}.Random(r, nil)
		v := Euclidean{N: n}.Random(r, nil)
		dst := make([]float64, n)
		calls := map[string]func(){
			"Value":    func() { h.Value(x) },
			"Gradient": func() { h.Gradient(x, dst) },
			"HessVec":  func() { h.HessVec(x, v, dst) },
		}
		for name, f := range calls {
			for range 10 { // warm the pool: its buffers grow to the largest size asked
				f()
			}
			if a := testing.AllocsPerRun(50, f); a != 0 {
				t.Errorf("%v: %s allocates %v times per call, want 0", c, name, a)
			}
		}
	}
}

// TestPSpinAliasedDst: Gradient and HessVec return the same bits when dst is
// x (or v) itself as with a fresh dst, as PSpin did before its packed
// storage (it accumulates in scratch and copies at the end).
func TestPSpinAliasedDst(t *testing.T) {
	for _, c := range []map[int]float64{{2: 1}, {3: 1}, {4: 1}, {2: 0.5, 3: 1, 5: 0.2}} {
		h, err := NewMixedPSpin(rmt.Stream(24, "alias", 0), 5, c)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(24, "alias/x", 0)
		x := Sphere{N: 5}.Random(r, nil)
		v := Euclidean{N: 5}.Random(r, nil)
		want := h.Gradient(x, nil)
		if got := h.Gradient(slices.Clone(x), nil); !lmSameBits(got, want) {
			t.Fatalf("%v: Gradient not deterministic", c)
		}
		xx := slices.Clone(x)
		if got := h.Gradient(xx, xx); !lmSameBits(got, want) {
			t.Errorf("%v: Gradient(x, x) = %v, Gradient(x, nil) = %v", c, got, want)
		}
		wantHv := h.HessVec(x, v, nil)
		vv := slices.Clone(v)
		if got := h.HessVec(x, vv, vv); !lmSameBits(got, wantHv) {
			t.Errorf("%v: HessVec(x, v, v) = %v, HessVec(x, v, nil) = %v", c, got, wantHv)
		}
		xx = slices.Clone(x)
		if got := h.HessVec(xx, v, xx); !lmSameBits(got, wantHv) {
			t.Errorf("%v: HessVec(x, v, x) = %v, HessVec(x, v, nil) = %v", c, got, wantHv)
		}
	}
}

// TestPSpinDrawLimitsNearInt: with PSpinMaxDraws raised to its largest
// value, a request whose n^p does not fit in an int (here 2^63, or a sum of
// degrees reaching it) is an error naming landscapes.PSpinMaxDraws, not a
// panic (also for n near the int range, where n + p − 1 overflows); and
// with the default limit, 2^32 + 4 draws are refused.
func TestPSpinDrawLimitsNearInt(t *testing.T) {
	old := PSpinMaxDraws
	t.Cleanup(func() { PSpinMaxDraws = old })
	PSpinMaxDraws = math.MaxInt64
	try := func(name string, f func() error) error {
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v, want an error", name, p)
					err = nil
				}
			}()
			err = f()
		}()
		return err
	}
	r := rmt.Stream(26, "limits", 0)
	for _, c := range []struct {
		name string
		f    func() error
	}{
		{"n=2 p=63", func() error { _, err := NewPSpin(r, 2, 63); return err }},
		{"n=2 p=64", func() error { _, err := NewPSpin(r, 2, 64); return err }},
		{"n=2 {2, 63}", func() error { _, err := NewMixedPSpin(r, 2, map[int]float64{2: 1, 63: 1}); return err }},
		{"n=3 p=40", func() error { _, err := NewPSpin(r, 3, 40); return err }},
		{"n=MaxInt p=2", func() error { _, err := NewPSpin(r, math.MaxInt, 2); return err }},
		{"n=MaxInt−1 p=3", func() error { _, err := NewPSpin(r, math.MaxInt-1, 3); return err }},
	} {
		err := try(c.name, c.f)
		if err == nil {
			if !t.Failed() {
				t.Errorf("%s: no error", c.name)
			}
			continue
		}
		if !strings.Contains(err.Error(), "landscapes.PSpin") {
			t.Errorf("%s: error %q names neither landscapes.PSpinMaxDraws nor landscapes.PSpinMemoryBudget", c.name, err)
		}
		t.Logf("%s: %v", c.name, err)
	}
	PSpinMaxDraws = old
	// With the default limit 2^32: n = 2, p = 32 would draw exactly 2^32
	// (allowed); with a degree 2 added, 2^32 + 4 (refused before any draw).
	if _, err := NewMixedPSpin(r, 2, map[int]float64{2: 1, 32: 1}); err == nil || !strings.Contains(err.Error(), "landscapes.PSpinMaxDraws") {
		t.Errorf("n = 2, degrees {2, 32}: err = %v, want one naming landscapes.PSpinMaxDraws", err)
	}
}

// TestPSpinArrangements: the number of arrangements of a sorted tuple is the
// multinomial coefficient p!/Π m_v!, computed exactly (math/big) for tuples
// of every degree up to 64, including those whose multinomial is near the
// int range (32 + 31 values: C(63, 31) ≈ 9.2·10^17), where an intermediate
// product of the binomial loop must not overflow.
func TestPSpinArrangements(t *testing.T) {
	multinomial := func(tau []int) *big.Int {
		m := new(big.Int).MulRange(1, int64(len(tau)))
		for i := 0; i < len(tau); {
			j := i
			for j < len(tau) && tau[j] == tau[i] {
				j++
			}
			m.Quo(m, new(big.Int).MulRange(1, int64(j-i)))
			i = j
		}
		return m
	}
	check := func(tau []int) {
		want := multinomial(tau)
		if !want.IsInt64() || want.Int64() > math.MaxInt {
			return // not an arrangement count PSpin can meet
		}
		if got := pspinArrangements(tau); int64(got) != want.Int64() {
			t.Errorf("tuple %v: %d arrangements, want %v", tau, got, want)
		}
	}
	for _, split := range [][2]int{{31, 31}, {32, 31}, {31, 32}, {20, 40}, {1, 62}, {62, 1}} {
		tau := append(make([]int, split[0]), slices.Repeat([]int{1}, split[1])...)
		check(tau)
	}
	r := rand.New(rand.NewPCG(27, 0))
	for range 2000 {
		p := 1 + r.IntN(64)
		n := 1 + r.IntN(6)
		tau := make([]int, p)
		for i := range tau {
			tau[i] = r.IntN(n)
		}
		slices.Sort(tau)
		check(tau)
	}
}
