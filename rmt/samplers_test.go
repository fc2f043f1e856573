package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSamplerErrors checks that every sampler refuses bad parameters with an
// error naming the parameter, and never panics.
func TestSamplerErrors(t *testing.T) {
	r := Stream(1, "errors", 0)
	nan, inf := math.NaN(), math.Inf(1)
	id2 := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	notPD := mat.NewSymDense(2, []float64{1, 2, 2, 1})
	withNaN := mat.NewSymDense(2, []float64{1, nan, nan, 1})
	cases := []struct {
		name, want string
		call       func() error
	}{
		{"GOE n=0", "n = 0", func() error { _, err := GOE(r, 0); return err }},
		{"HaarOrthogonal n=0", "n = 0", func() error { _, err := HaarOrthogonal(r, 0); return err }},
		{"HaarOrthogonal nil r", "nil", func() error { _, err := HaarOrthogonal(nil, 3); return err }},
		{"HaarOrthogonal huge", "n = 1000000: a dense matrix would need", func() error { _, err := HaarOrthogonal(r, 1000000); return err }},
		{"GOE nil r", "nil", func() error { _, err := GOE(nil, 3); return err }},
		{"GOE huge", "n = 1000000: a dense matrix would need 8000 GB", func() error { _, err := GOE(r, 1000000); return err }},
		{"GOE overflow", "would need", func() error { _, err := GOE(r, math.MaxInt); return err }},
		{"GUE n=-1", "n = -1", func() error { _, err := GUE(r, -1); return err }},
		{"GUE huge", "would need", func() error { _, err := GUE(r, 100000); return err }},
		{"GSE n=0", "n = 0", func() error { _, err := GSE(r, 0); return err }},
		{"GSE huge", "would need", func() error { _, err := GSE(r, 20000); return err }},
		{"Wishart m=0", "m = 0", func() error { _, err := Wishart(r, 3, 0); return err }},
		{"Wishart n=0", "n = 0", func() error { _, err := Wishart(r, 0, 3); return err }},
		{"Wishart huge", "would need", func() error { _, err := Wishart(r, 100000, 100000); return err }},
		{"ComplexWishart m=-2", "m = -2", func() error { _, err := ComplexWishart(r, 3, -2); return err }},
		{"CorrelatedWishart nil", "sigma is nil", func() error { _, err := CorrelatedWishart(r, nil, 3); return err }},
		{"CorrelatedWishart notPD", "positive definite", func() error { _, err := CorrelatedWishart(r, notPD, 3); return err }},
		{"CorrelatedWishart NaN", "sigma[0][1] = NaN", func() error { _, err := CorrelatedWishart(r, withNaN, 3); return err }},
		{"CorrelatedWishart m=0", "m = 0", func() error { _, err := CorrelatedWishart(r, id2, 0); return err }},
		{"SpikedWishart θ=-1", "spikes[1] = -1", func() error { _, err := SpikedWishart(r, 3, 4, []float64{1, -1}); return err }},
		{"SpikedWishart θ=NaN", "spikes[0] = NaN", func() error { _, err := SpikedWishart(r, 3, 4, []float64{nan}); return err }},
		{"SpikedWishart too many", "len(spikes) = 3", func() error { _, err := SpikedWishart(r, 2, 4, []float64{1, 1, 1}); return err }},
		{"SpikedWigner θ=Inf", "theta = +Inf", func() error { _, err := SpikedWigner(r, 3, inf); return err }},
		{"SpikedWigner n=0", "n = 0", func() error { _, err := SpikedWigner(r, 0, 1); return err }},
		{"PSpinHessian p=1", "p = 1", func() error { _, err := PSpinHessian(r, 3, 1, -1); return err }},
		{"PSpinHessian E=NaN", "energy = NaN", func() error { _, err := PSpinHessian(r, 3, 3, nan); return err }},
		{"PSpinHessian n=0", "n = 0", func() error { _, err := PSpinHessian(r, 0, 3, -1); return err }},
		{"WishartPlusWigner σ=-1", "sigma = -1", func() error { _, err := WishartPlusWigner(r, 3, 4, -1); return err }},
		{"WishartPlusWigner σ=Inf", "sigma = +Inf", func() error { _, err := WishartPlusWigner(r, 3, 4, inf); return err }},
		{"WishartPlusWigner m=0", "m = 0", func() error { _, err := WishartPlusWigner(r, 3, 0, 1); return err }},
		{"BetaHermite β=0", "beta = 0", func() error { _, err := BetaHermite(r, 3, 0); return err }},
		{"BetaHermite β=NaN", "beta = NaN", func() error { _, err := BetaHermite(r, 3, nan); return err }},
		{"BetaHermite β=Inf", "beta = +Inf", func() error { _, err := BetaHermite(r, 3, inf); return err }},
		{"BetaHermite β·n=Inf", "beta = 1e+308", func() error { _, err := BetaHermite(r, 3, 1e308); return err }},
		{"BetaHermite β=5e-324", "beta = 5e-324", func() error { _, err := BetaHermite(r, 3, 5e-324); return err }},
		{"BetaLaguerre β=1e-310", "beta = 1e-310", func() error { _, err := BetaLaguerre(r, 3, 3, 1e-310); return err }},
		{"BetaHermite n=0", "n = 0", func() error { _, err := BetaHermite(r, 0, 1); return err }},
		{"BetaHermite huge", "a tridiagonal matrix would need", func() error { _, err := BetaHermite(r, 1<<40, 1); return err }},
		{"BetaHermite nil r", "nil", func() error { _, err := BetaHermite(nil, 3, 1); return err }},
		{"BetaLaguerre m=0", "m = 0", func() error { _, err := BetaLaguerre(r, 3, 0, 1); return err }},
		{"BetaLaguerre β=-2", "beta = -2", func() error { _, err := BetaLaguerre(r, 3, 4, -2); return err }},
		{"PSpinHessianTridiagonal p=0", "p = 0", func() error { _, err := PSpinHessianTridiagonal(r, 3, 0, -1); return err }},
		{"PSpinHessianTridiagonal E=-Inf", "energy = -Inf", func() error { _, err := PSpinHessianTridiagonal(r, 3, 3, -inf); return err }},
		{"GUE nil r", "nil", func() error { _, err := GUE(nil, 3); return err }},
		{"GSE nil r", "nil", func() error { _, err := GSE(nil, 3); return err }},
		{"Wishart nil r", "nil", func() error { _, err := Wishart(nil, 2, 3); return err }},
		{"ComplexWishart nil r", "nil", func() error { _, err := ComplexWishart(nil, 2, 3); return err }},
		{"CorrelatedWishart nil r", "nil", func() error { _, err := CorrelatedWishart(nil, id2, 3); return err }},
		{"SpikedWigner nil r", "nil", func() error { _, err := SpikedWigner(nil, 3, 1); return err }},
		{"SpikedWigner θ=NaN", "theta = NaN", func() error { _, err := SpikedWigner(r, 3, nan); return err }},
		{"SpikedWishart nil r", "nil", func() error { _, err := SpikedWishart(nil, 2, 4, []float64{1}); return err }},
		{"WishartPlusWigner nil r", "nil", func() error { _, err := WishartPlusWigner(nil, 3, 4, 1); return err }},
		{"WishartPlusWigner σ=NaN", "sigma = NaN", func() error { _, err := WishartPlusWigner(r, 3, 4, nan); return err }},
		{"PSpinHessian nil r", "nil", func() error { _, err := PSpinHessian(nil, 3, 3, -1); return err }},
		{"PSpinHessianTridiagonal nil r", "nil", func() error { _, err := PSpinHessianTridiagonal(nil, 3, 3, -1); return err }},
		{"BetaLaguerre nil r", "nil", func() error { _, err := BetaLaguerre(nil, 3, 4, 1); return err }},
		{"BetaLaguerre β=NaN", "beta = NaN", func() error { _, err := BetaLaguerre(r, 3, 4, nan); return err }},
		// Finite parameters whose matrices overflowed (±Inf entries with a
		// nil error before; the auditor's repros).
		{"WishartPlusWigner σ=MaxFloat64", "sigma = 1.7976931348623157e+308, want 0 ≤ sigma ≤ 7.484e+306", func() error {
			_, err := WishartPlusWigner(Stream(1, "zz", 0), 2, 3, math.MaxFloat64)
			return err
		}},
		{"SpikedWishart θ=1e308", "spikes[0] = 1e+308, want −1 < spikes[i] ≤ 2.077e+305", func() error {
			_, err := SpikedWishart(Stream(2, "zz", 0), 2, 3, []float64{1e308})
			return err
		}},
		{"SpikedWishart second θ=1e306", "spikes[1] = 1e+306", func() error { _, err := SpikedWishart(r, 2, 3, []float64{1, 1e306}); return err }},
		{"CorrelatedWishart Σ=1e308·I", "sigma[0][0] = 1e+308, want diagonal entries ≤ 1.039e+305", func() error {
			_, err := CorrelatedWishart(Stream(2, "zz", 0), mat.NewSymDense(2, []float64{1e308, 0, 0, 1e308}), 3)
			return err
		}},
		{"CorrelatedWishart Σ_11=1e306", "sigma[1][1] = 1e+306", func() error {
			_, err := CorrelatedWishart(r, mat.NewSymDense(2, []float64{1, 0, 0, 1e306}), 3)
			return err
		}},
	}
	for _, c := range cases {
		err := c.call()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not contain %q", c.name, err, c.want)
		}
	}
	// Extreme but valid β give finite matrices.
	for _, beta := range []float64{1e-300, 1e-8, 1e8, 1e300} {
		tr, err := BetaHermite(r, 4, beta)
		if err != nil {
			t.Fatalf("β = %g: %v", beta, err)
		}
		bd, err := BetaLaguerre(r, 4, 3, beta)
		if err != nil {
			t.Fatalf("β = %g: %v", beta, err)
		}
		for _, v := range append(append(append(tr.Diag, tr.Off...), bd.Diag...), bd.Sub...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("β = %g: non-finite entry %v", beta, v)
			}
		}
	}
	// n = 1 and m = 1 are valid everywhere.
	if _, err := GSE(r, 1); err != nil {
		t.Error(err)
	}
	if _, err := BetaLaguerre(r, 1, 1, 0.3); err != nil {
		t.Error(err)
	}
	if _, err := WishartPlusWigner(r, 1, 1, 0); err != nil {
		t.Error(err)
	}
}

// TestSamplerScaleBounds: at the largest σ, θ and Σ_ii the samplers accept
// (bounds derived from |Normal| ≤ 12.01) their matrices are finite, for
// several sizes and streams; just above, an error names the parameter.
func TestSamplerScaleBounds(t *testing.T) {
	for _, nm := range [][2]int{{1, 1}, {2, 3}, {5, 2}, {4, 40}} {
		n, m := nm[0], nm[1]
		spike := maxGramScale(float64(m)) - 1
		diag := maxGramScale(float64(n) * float64(m))
		for seed := range uint64(20) {
			r := Stream(seed, "scale-bounds", uint64(n))
			a, err := WishartPlusWigner(r, n, m, maxSigma)
			if err != nil || !finiteSym(a) {
				t.Fatalf("WishartPlusWigner(n %d, m %d, σ = %v): err %v, finite %v", n, m, maxSigma, err, err == nil && finiteSym(a))
			}
			spikes := make([]float64, n)
			for i := range spikes {
				spikes[i] = spike
			}
			a, err = SpikedWishart(r, n, m, spikes)
			if err != nil || !finiteSym(a) {
				t.Fatalf("SpikedWishart(n %d, m %d, θ = %v): err %v, finite %v", n, m, spike, err, err == nil && finiteSym(a))
			}
			sigma := mat.NewSymDense(n, nil)
			for i := range n {
				sigma.SetSym(i, i, diag)
			}
			a, err = CorrelatedWishart(r, sigma, m)
			if err != nil || !finiteSym(a) {
				t.Fatalf("CorrelatedWishart(n %d, m %d, Σ = %v·I): err %v, finite %v", n, m, diag, err, err == nil && finiteSym(a))
			}
		}
		r := Stream(0, "scale-bounds", 0)
		if _, err := WishartPlusWigner(r, n, m, math.Nextafter(maxSigma, math.Inf(1))); err == nil || !strings.Contains(err.Error(), "sigma = ") {
			t.Errorf("WishartPlusWigner just above the bound: err %v", err)
		}
		if _, err := SpikedWishart(r, n, m, []float64{math.Nextafter(spike, math.Inf(1))}); err == nil || !strings.Contains(err.Error(), "spikes[0] = ") {
			t.Errorf("SpikedWishart just above the bound: err %v", err)
		}
		sigma := mat.NewSymDense(n, nil)
		for i := range n {
			sigma.SetSym(i, i, 1)
		}
		sigma.SetSym(n-1, n-1, math.Nextafter(diag, math.Inf(1)))
		if _, err := CorrelatedWishart(r, sigma, m); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("sigma[%d][%d] = ", n-1, n-1)) {
			t.Errorf("CorrelatedWishart just above the bound: err %v", err)
		}
	}
}

// TestMaxNormal checks the bound |Normal| ≤ maxNormal at the extreme of the
// polar method: the smallest nonzero s = u² + v² is 2⁻¹⁰⁴ (u = ±2⁻⁵², v = 0),
// where the deviate u·√(−2 ln s/s) has its largest magnitude √(−2 ln s), the
// formula of Normal and NormalFill evaluated in the same operations.
func TestMaxNormal(t *testing.T) {
	for _, uv := range [][2]float64{{0x1p-52, 0}, {0, 0x1p-52}, {0x1p-52, 0x1p-52}, {-0x1p-52, 0x1p-52}} {
		u, v := uv[0], uv[1]
		s := float64(u*u) + float64(v*v)
		f := math.Sqrt(-2 * math.Log(s) / s)
		x := math.Max(math.Abs(u*f), math.Abs(v*f))
		if !(x <= maxNormal) || (u*v == 0 && x < 12) {
			t.Errorf("u = %v, v = %v: deviate %v, want |x| ≤ maxNormal = %v (and ≥ 12 when u·v = 0)", u, v, x, maxNormal)
		}
	}
	// u and v are multiples of 2⁻⁵² (2·Float64() − 1, Float64 a multiple of 2⁻⁵³).
	r := Stream(1, "max-normal", 0)
	for range 1000 {
		u := 2*r.Float64() - 1
		if u != math.Round(u*0x1p52)*0x1p-52 {
			t.Fatalf("2·Float64() − 1 = %v is not a multiple of 2⁻⁵²", u)
		}
	}
}

// upper returns the upper triangle (row by row) of a real symmetric matrix.
func upper(a mat.Symmetric) []float64 {
	n := a.SymmetricDim()
	var out []float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			out = append(out, a.At(i, j))
		}
	}
	return out
}

// cupper returns Re, Im of the upper triangle of a complex matrix.
func cupper(a *mat.CDense) []float64 {
	n, _ := a.Dims()
	var out []float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			z := a.At(i, j)
			out = append(out, real(z), imag(z))
		}
	}
	return out
}

// TestFrozenSamplerDraws freezes the first entries of every sampler at seed 1,
// realization 0, stream label = sampler name (testdata/samplers.golden).
func TestFrozenSamplerDraws(t *testing.T) {
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := func(label string) *rand.Rand { return Stream(1, label, 0) }
	sym := func(a *mat.SymDense, err error) []float64 { must(err); return upper(a) }
	cpx := func(a *mat.CDense, err error) []float64 { must(err); return cupper(a) }
	tri := func(a SymTridiagonal, err error) []float64 {
		must(err)
		return append(append([]float64{}, a.Diag...), a.Off...)
	}
	bid := func(a Bidiagonal, err error) []float64 {
		must(err)
		return append(append([]float64{}, a.Diag...), a.Sub...)
	}
	sig := mat.NewSymDense(3, []float64{2, 0.5, 0, 0.5, 1, 0.25, 0, 0.25, 1.5})
	checkFrozen(t, "samplers.golden", []frozenDraws{
		{"GOE", func() []float64 { return sym(GOE(s("GOE"), 3)) }},
		{"GUE", func() []float64 { return cpx(GUE(s("GUE"), 3)) }},
		{"GSE", func() []float64 { return cpx(GSE(s("GSE"), 2)) }},
		{"Wishart", func() []float64 { return sym(Wishart(s("Wishart"), 3, 4)) }},
		{"ComplexWishart", func() []float64 { return cpx(ComplexWishart(s("ComplexWishart"), 2, 3)) }},
		{"CorrelatedWishart", func() []float64 { return sym(CorrelatedWishart(s("CorrelatedWishart"), sig, 4)) }},
		{"SpikedWishart", func() []float64 { return sym(SpikedWishart(s("SpikedWishart"), 3, 4, []float64{2})) }},
		{"SpikedWigner", func() []float64 { return sym(SpikedWigner(s("SpikedWigner"), 3, 3)) }},
		{"PSpinHessian", func() []float64 { return sym(PSpinHessian(s("PSpinHessian"), 3, 3, -1.5)) }},
		{"WishartPlusWigner", func() []float64 { return sym(WishartPlusWigner(s("WishartPlusWigner"), 3, 4, 0.5)) }},
		{"BetaHermite", func() []float64 { return tri(BetaHermite(s("BetaHermite"), 4, 2.5)) }},
		{"BetaLaguerre", func() []float64 { return bid(BetaLaguerre(s("BetaLaguerre"), 3, 5, 1.5)) }},
		{"BetaLaguerre-dual", func() []float64 { return bid(BetaLaguerre(s("BetaLaguerre"), 4, 2, 1.5)) }},
		{"PSpinHessianTridiagonal", func() []float64 { return tri(PSpinHessianTridiagonal(s("PSpinHessianTridiagonal"), 4, 3, -1.5)) }},
		{"HaarOrthogonal", func() []float64 {
			q, err := HaarOrthogonal(s("HaarOrthogonal"), 3)
			must(err)
			return q.RawMatrix().Data
		}},
	})
}

// TestSharedDraws checks the documented draw-order identities between samplers.
func TestSharedDraws(t *testing.T) {
	g, _ := GOE(Stream(3, "x", 0), 5)
	sw, _ := SpikedWigner(Stream(3, "x", 0), 5, 2.5)
	ph, _ := PSpinHessian(Stream(3, "x", 0), 5, 3, -1)
	sc := math.Sqrt(6 * 5.0 / 6)
	for i := 0; i < 5; i++ {
		for j := 0; j < 5; j++ {
			d := 0.0
			if i == 0 && j == 0 {
				d = 2.5
			}
			if sw.At(i, j) != g.At(i, j)+d {
				t.Fatalf("SpikedWigner − GOE at (%d,%d) = %g", i, j, sw.At(i, j)-g.At(i, j))
			}
			e := sc * g.At(i, j)
			if i == j {
				e += 3
			}
			if math.Abs(ph.At(i, j)-e) > 1e-14 {
				t.Fatalf("PSpinHessian(%d,%d) = %g, want %g", i, j, ph.At(i, j), e)
			}
		}
	}
	w, _ := Wishart(Stream(3, "y", 0), 4, 6)
	w0, _ := SpikedWishart(Stream(3, "y", 0), 4, 6, nil)
	id := mat.NewSymDense(4, []float64{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1})
	wc, _ := CorrelatedWishart(Stream(3, "y", 0), id, 6)
	for i := 0; i < 4; i++ {
		for j := i; j < 4; j++ {
			if w.At(i, j) != w0.At(i, j) {
				t.Fatal("SpikedWishart without spikes differs from Wishart")
			}
			if math.Abs(w.At(i, j)-wc.At(i, j)) > 1e-14 {
				t.Fatal("CorrelatedWishart with Σ = I differs from Wishart")
			}
		}
	}
}
