package spectra

// This file derives the three coefficient tables of law_gaudin.go (gdL, gdJ
// and gdSeries) in exact rational arithmetic (math/big), independently of the
// stored numbers, and checks that every stored float64 is the derived value
// rounded to nearest. To regenerate the tables, run in this directory
//
//	go test -run TestGaudinCoefficients -gaudin.print
//
// (local directory mode: with a package argument, go test shows a passing
// test's output only with -v), which prints them as Go source, followed by
// go test's PASS and ok lines; law_gaudin.go holds that source verbatim
// (the test checks it). The whole derivation, to s^22 for the series, takes
// about 0.1–0.2 s.

import (
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

var gaudinPrint = flag.Bool("gaudin.print", false,
	"TestGaudinCoefficients: print the derived gdL, gdJ and gdSeries as Go source (run in ./spectra without a package argument)")

// ratSeries is a power series with rational coefficients, truncated to its
// length: s[k] is the coefficient of u^k.
type ratSeries []*big.Rat

func newRatSeries(n int) ratSeries {
	s := make(ratSeries, n)
	for i := range s {
		s[i] = new(big.Rat)
	}
	return s
}

// mul returns a·b truncated to the length of a.
func (a ratSeries) mul(b ratSeries) ratSeries {
	c := newRatSeries(len(a))
	var t big.Rat
	for i, x := range a {
		if x.Sign() == 0 {
			continue
		}
		for j := 0; i+j < len(c) && j < len(b); j++ {
			c[i+j].Add(c[i+j], t.Mul(x, b[j]))
		}
	}
	return c
}

// gdPainleveA returns a_1, …, a_n of the large-x solution
// σ(x) = −x²/4 − ¼ + Σ_k a_k x^{−2k} of the σ-form of Painlevé V,
//
//	(xσ″)² + 4(xσ′ − σ)(xσ′ − σ + σ′²) = 0
//
// (Jimbo, Miwa, Môri & Sato, Physica D 1 (1980) 80; σ(x) =
// x·d/dx log E₂(0; x/π)), solved term by term. With u = x^{−2},
// P = Σ 2k(2k+1)a_k u^k, Q = ¼ − Σ(2k+1)a_k u^k, R = Σ 2k a_k u^k and
// W = ¼ − Σ a_k u^k + uR², one has (xσ″)² = 1/(4u) − P + uP²,
// xσ′ − σ = −1/(4u) + Q and xσ′ − σ + σ′² = W, so the equation reads
//
//	Σ a_k u^{k−1} − R² − P + uP² + 4QW = 0,
//
// whose u^{n−1} coefficient is a_n plus terms in a_1, …, a_{n−1} only.
func gdPainleveA(n int) []*big.Rat {
	a := make([]*big.Rat, n+1) // a[0] unused (the ¼ is in Q and W)
	for k := range a {
		a[k] = new(big.Rat)
	}
	var t big.Rat
	for m := 1; m <= n; m++ {
		// The residual's u^{m−1} coefficient with a_m = 0; series to u^m.
		p, q, r, w := newRatSeries(m+1), newRatSeries(m+1), newRatSeries(m+1), newRatSeries(m+1)
		q[0].SetFrac64(1, 4)
		w[0].SetFrac64(1, 4)
		for k := 1; k <= m; k++ {
			p[k].Mul(a[k], big.NewRat(int64(2*k*(2*k+1)), 1))
			q[k].Mul(a[k], big.NewRat(int64(-(2*k+1)), 1))
			r[k].Mul(a[k], big.NewRat(int64(2*k), 1))
			w[k].Neg(a[k])
		}
		rr, pp := r.mul(r), p.mul(p)
		for k := 1; k <= m; k++ { // W += u·R²
			w[k].Add(w[k], rr[k-1])
		}
		qw := q.mul(w)
		res := new(big.Rat).Sub(a[m], rr[m-1]) // a_m = 0 here
		res.Sub(res, p[m-1])
		if m >= 2 {
			res.Add(res, pp[m-2])
		}
		res.Add(res, t.Mul(big.NewRat(4, 1), qw[m-1]))
		a[m].Neg(res)
	}
	return a[1:]
}

// gdLargeGap returns the exact coefficients c_k (gdL) and b_k (gdJ),
// k = 1…n, of the large-gap expansions of gaudinAsymptotic:
// c_k = −a_k/(2k) from σ = x·(log E₂)′ (gdPainleveA), and b_k from
// J′(x) = √(−(σ/x)′) = √(¼ + Σ_m d_m x^{−2m}), d_1 = −¼,
// d_m = (2m − 1)a_{m−1} (m ≥ 2), expanded as ½√(1 + 4D) = ½ + Σ g_m x^{−2m}
// (the square root of a series with constant term 1 by h_0 = 1,
// 2h_m = w_m − Σ_{0<i<m} h_i h_{m−i}) and integrated term by term:
// b_m = g_m/(1 − 2m).
func gdLargeGap(n int) (c, b []*big.Rat) {
	a := gdPainleveA(n)
	c = make([]*big.Rat, n)
	for k := 1; k <= n; k++ {
		c[k-1] = new(big.Rat).Mul(a[k-1], big.NewRat(-1, int64(2*k)))
	}
	w := newRatSeries(n + 1) // w = 4D
	w[1].SetInt64(-1)
	for m := 2; m <= n; m++ {
		w[m].Mul(a[m-2], big.NewRat(int64(4*(2*m-1)), 1))
	}
	h := newRatSeries(n + 1)
	h[0].SetInt64(1)
	var t big.Rat
	for m := 1; m <= n; m++ {
		h[m].Set(w[m])
		for i := 1; i < m; i++ {
			h[m].Sub(h[m], t.Mul(h[i], h[m-i]))
		}
		h[m].Quo(h[m], big.NewRat(2, 1))
	}
	b = make([]*big.Rat, n)
	for m := 1; m <= n; m++ {
		b[m-1] = new(big.Rat).Mul(h[m], big.NewRat(1, int64(2*(1-2*m)))) // g_m = h_m/2
	}
	return c, b
}

// gdOrder is the order N of the Taylor series gdSeries (coefficients of s^0
// to s^N) and gdQDeg bounds the degree in q = π² of their coefficients (the
// s^k coefficient has degree ≤ k/2).
const (
	gdOrder = 22
	gdQDeg  = gdOrder/2 + 1
)

// tqSeries is a power series in t, truncated at t^gdOrder, whose coefficients
// are polynomials in q = π² with rational coefficients: s[m][j] is the
// coefficient of t^m q^j.
type tqSeries [gdOrder + 1][gdQDeg]big.Rat

// mulSub sets d = d − a·b (truncated). d must not alias a or b.
func (d *tqSeries) mulSub(a, b *tqSeries) {
	var t big.Rat
	for m1 := range a {
		for j1 := range a[m1] {
			x := &a[m1][j1]
			if x.Sign() == 0 {
				continue
			}
			for m2 := 0; m1+m2 <= gdOrder; m2++ {
				for j2 := 0; j1+j2 < gdQDeg; j2++ {
					y := &b[m2][j2]
					if y.Sign() == 0 {
						continue
					}
					d[m1+m2][j1+j2].Sub(&d[m1+m2][j1+j2], t.Mul(x, y))
				}
			}
		}
	}
}

// mul returns a·b (truncated).
func (a *tqSeries) mul(b *tqSeries) *tqSeries {
	d := new(tqSeries)
	d.mulSub(a, b)
	for m := range d {
		for j := range d[m] {
			d[m][j].Neg(&d[m][j])
		}
	}
	return d
}

// inv returns 1/a for a series whose constant term is exactly 1, by
// r_0 = 1, r_m = −Σ_{0<i≤m} a_i r_{m−i}.
func (a *tqSeries) inv() *tqSeries {
	r := new(tqSeries)
	r[0][0].SetInt64(1)
	var t big.Rat
	for m := 1; m <= gdOrder; m++ {
		for i := 1; i <= m; i++ {
			for j1 := range a[i] {
				if a[i][j1].Sign() == 0 {
					continue
				}
				for j2 := 0; j1+j2 < gdQDeg; j2++ {
					if r[m-i][j2].Sign() == 0 {
						continue
					}
					r[m][j1+j2].Sub(&r[m][j1+j2], t.Mul(&a[i][j1], &r[m-i][j2]))
				}
			}
		}
	}
	return r
}

// gdFredholm returns det(I − K_±) on L²(0, t) (sign = ±1),
// K_±(x, y) = S(x − y) ± S(x + y), S(x) = sin(πx)/(πx), as a series in t
// exact to t^gdOrder. S(x ∓ y) = Σ_n (−1)^n q^n (x ∓ y)^{2n}/(2n + 1)!, so
//
//	K₊ = Σ_n 2(−1)^n q^n/(2n + 1)! Σ_{a even} C(2n, a) x^a y^{2n−a},
//	K₋ = −Σ_n 2(−1)^n q^n/(2n + 1)! Σ_{a odd} C(2n, a) x^a y^{2n−a}.
//
// A monomial x^a y^b of the kernel contributes to det(I − K) on (0, t) only
// at orders t^{a+b+1} and above (each of the k-fold integrals of the
// Fredholm series, det(I − K) = Σ_k (−1)^k/k! ∫_{(0,t)^k} det[K(x_i, x_j)],
// is a sum of monomials t^{Σ(a_i+b_i+1)}), so the kernel truncated at
// a + b ≤ gdOrder − 1 gives the determinant exactly to t^gdOrder. That
// kernel has finite rank, K = Σ C_ab x^a y^b = φ(x)ᵀCφ(y) with φ the
// monomials of one parity, and det(I − K) = det(I − C·G) with the moments
// G_bc = ∫₀^t x^{b+c} dx = t^{b+c+1}/(b + c + 1) (det(I − UV) = det(I − VU);
// I. Gohberg, S. Goldberg & N. Krupnik, Traces and Determinants of Linear
// Operators, Birkhäuser 2000, ch. I). The determinant of the matrix of
// series is taken by Gaussian elimination in the ring of truncated series:
// every pivot has constant term 1 (C·G = O(t)), so it is invertible there.
func gdFredholm(sign int) *tqSeries {
	par := 0
	if sign < 0 {
		par = 1
	}
	var idx []int // the monomial degrees of this parity
	for a := par; a <= gdOrder-1; a += 2 {
		idx = append(idx, a)
	}
	n := len(idx)
	// The kernel coefficients C_ab (a monomial in q: q^{(a+b)/2}).
	fact := new(big.Int).SetInt64(1) // (2n+1)!
	coef := map[[2]int]*big.Rat{}
	for k := 0; 2*k <= gdOrder-1; k++ {
		if k > 0 {
			fact.Mul(fact, big.NewInt(int64(2*k*(2*k+1))))
		}
		for a := par; a <= 2*k; a += 2 {
			v := new(big.Rat).SetFrac(new(big.Int).Binomial(int64(2*k), int64(a)), fact)
			v.Mul(v, big.NewRat(int64(2*sign), 1))
			if k%2 == 1 {
				v.Neg(v)
			}
			coef[[2]int{a, 2*k - a}] = v
		}
	}
	// B = I − C·G.
	b := make([][]*tqSeries, n)
	var t big.Rat
	for i, a := range idx {
		b[i] = make([]*tqSeries, n)
		for l, c := range idx {
			e := new(tqSeries)
			if i == l {
				e[0][0].SetInt64(1)
			}
			for _, bb := range idx {
				v, ok := coef[[2]int{a, bb}]
				m := bb + c + 1
				if !ok || m > gdOrder {
					continue
				}
				t.Mul(v, big.NewRat(1, int64(m)))
				e[m][(a+bb)/2].Sub(&e[m][(a+bb)/2], &t)
			}
			b[i][l] = e
		}
	}
	det := new(tqSeries)
	det[0][0].SetInt64(1)
	for k := range n {
		pinv := b[k][k].inv()
		det = det.mul(b[k][k])
		for l := k + 1; l < n; l++ {
			f := b[k][l].mul(pinv)
			for i := k + 1; i < n; i++ {
				b[i][l].mulSub(b[i][k], f)
			}
		}
	}
	return det
}

// gdSeriesExact returns the Taylor coefficients of E_β(0; s), β = 1, 2, 4,
// to s^gdOrder, as polynomials in q = π² (e[β][k][j]: coefficient of
// s^k q^j), from F_± = gdFredholm(±1), a series in the half-length t:
// E₁(0; s) = F₊(s/2), E₂(0; s) = F₊(s/2)·F₋(s/2) and
// E₄(0; s) = ½(F₊(s) + F₋(s)) (see GaudinSpacing).
func gdSeriesExact() [5]*tqSeries {
	fp, fm := gdFredholm(1), gdFredholm(-1)
	var e [5]*tqSeries
	e[1], e[2], e[4] = new(tqSeries), fp.mul(fm), new(tqSeries)
	for m := range e[1] {
		half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(m))) // 2^{−m}
		for j := range e[1][m] {
			e[1][m][j].Mul(&fp[m][j], half)
			e[2][m][j].Mul(&e[2][m][j], half)
			e[4][m][j].Add(&fp[m][j], &fm[m][j])
			e[4][m][j].Quo(&e[4][m][j], big.NewRat(2, 1))
		}
	}
	return e
}

// gdEval returns Σ_j p[j]·π^{2j} rounded to the nearest float64, summed in
// big.Float with π to 256 bits (bigPi). The sums cancel little (Σ|terms| is
// at most 29 times the result, for E₁'s s^17 coefficient π¹⁴/1143664968600000
// − π¹⁶/12093372555264000), so the sum is good to about 2^{−245} relative
// and its rounding to float64 is the correct one.
func gdEval(p *[gdQDeg]big.Rat) float64 {
	const prec = 256
	pi2 := bigPi(prec)
	pi2.Mul(pi2, pi2)
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range p {
		if p[j].Sign() != 0 {
			v := new(big.Float).SetPrec(prec).SetRat(&p[j])
			sum.Add(sum, v.Mul(v, pow))
		}
		pow.Mul(pow, pi2)
	}
	f, _ := sum.Float64()
	return f
}

// gdCompare counts how many of the stored values equal the derived ones
// rounded to nearest, and reports every other as an error with its distance
// in ulps.
func gdCompare(t *testing.T, name string, stored, derived []float64) (same int) {
	t.Helper()
	if len(stored) != len(derived) {
		t.Errorf("%s: %d stored values, %d derived", name, len(stored), len(derived))
	}
	for i := range min(len(stored), len(derived)) {
		s, d := stored[i], derived[i]
		if s == d {
			same++
			continue
		}
		ulps := (s - d) / (math.Nextafter(math.Abs(d), math.Inf(1)) - math.Abs(d))
		t.Errorf("%s[%d] = %v, derived %v (%+.3g ulp)", name, i, s, d, ulps)
	}
	return same
}

// TestGaudinCoefficients derives the large-gap coefficients gdL and gdJ
// (gdLargeGap) and the Taylor coefficients gdSeries (gdSeriesExact) of
// GaudinSpacing exactly and checks that every stored float64 is the derived
// value rounded to nearest. It also checks the exact first terms quoted in
// law_gaudin.go (Mehta, Random Matrices, 3rd ed., Elsevier 2004, ch. 6–7, for
// the series), that the series solve the Painlevé V equations at small s
// (gdCheckPainleveSeries: a check of the Fredholm derivation by the
// independent Painlevé route), and that law_gaudin.go holds the generated
// source verbatim. With -gaudin.print it prints the three tables as Go
// source.
func TestGaudinCoefficients(t *testing.T) {
	c, b := gdLargeGap(len(gdL))
	// The exact first terms quoted in the doc comments of gdL, gdJ and
	// gaudinAsymptotic.
	for _, q := range []struct {
		name string
		got  []*big.Rat
		want []string
	}{
		{"a_k", gdPainleveA(4), []string{"-1/4", "-5/2", "-131/2", "-6575/2"}},
		{"c_k (gdL)", c, []string{"1/8", "5/8", "131/12", "6575/16", "1080091/40"}},
		{"b_k (gdJ)", b, []string{"1/4", "13/48", "413/160", "119197/1792", "15278735/4608"}},
	} {
		for i, w := range q.want {
			if q.got[i].RatString() != w {
				t.Errorf("%s: term %d = %s, want %s", q.name, i+1, q.got[i].RatString(), w)
			}
		}
	}
	// J′ = ½ − 1/(4x²) − 13/(16x⁴) − …: g_m = (1 − 2m)·b_m.
	if g := new(big.Rat).Mul(b[1], big.NewRat(-3, 1)); g.RatString() != "-13/16" {
		t.Errorf("J′: x^{-4} coefficient %s, want -13/16", g.RatString())
	}

	ratFloats := func(r []*big.Rat) []float64 {
		f := make([]float64, len(r))
		for i, x := range r {
			f[i], _ = x.Float64() // nearest float64
		}
		return f
	}
	dl, dj := ratFloats(c), ratFloats(b)
	nl := gdCompare(t, "gdL", gdL[:], dl)
	nj := gdCompare(t, "gdJ", gdJ[:], dj)
	t.Logf("gdL: %d of %d bit-identical; gdJ: %d of %d", nl, len(gdL), nj, len(gdJ))

	e := gdSeriesExact()
	// The classical first terms (law_gaudin.go, gdSeries; Mehta ch. 6–7):
	// {β, power of s, power of π² (q), the rational}.
	for _, q := range []struct {
		beta, k, j int
		want       string
	}{
		{1, 3, 1, "1/36"}, {1, 5, 2, "-1/1200"}, {1, 6, 2, "1/8100"}, {1, 7, 3, "1/70560"},
		{2, 4, 1, "1/36"}, {2, 6, 2, "-1/675"}, {2, 8, 3, "1/17640"}, {2, 9, 3, "-1/291600"},
		{4, 6, 2, "8/2025"}, {4, 8, 3, "-16/33075"}, {4, 10, 4, "256/7441875"},
	} {
		p := &e[q.beta][q.k]
		for j := range p {
			want := "0"
			if j == q.j {
				want = q.want
			}
			if got := p[j].RatString(); got != want {
				t.Errorf("E%d: s^%d π^%d coefficient %s, want %s", q.beta, q.k, 2*j, got, want)
			}
		}
	}
	// e_0 = 1, e_1 = −1, and the orders that vanish (E_β = 1 − s + O(s^{β+2})).
	for _, beta := range gaudinBetas {
		for k := 0; k < beta+2; k++ {
			want := map[int]string{0: "1", 1: "-1"}[k]
			if want == "" {
				want = "0"
			}
			got := e[beta][k][0].RatString()
			for j := 1; j < gdQDeg; j++ {
				if e[beta][k][j].Sign() != 0 {
					got = "a polynomial in π²"
				}
			}
			if got != want {
				t.Errorf("E%d: s^%d coefficient %s, want %s", beta, k, got, want)
			}
		}
	}
	gdCheckPainleveSeries(t, e[1], e[2])

	var ds [5][]float64
	for _, beta := range gaudinBetas {
		ds[beta] = make([]float64, gdOrder+1)
		for k := range ds[beta] {
			ds[beta][k] = gdEval(&e[beta][k])
		}
		n := gdCompare(t, fmt.Sprintf("gdSeries[%d]", beta), gdSeries[beta][:], ds[beta])
		t.Logf("gdSeries[%d]: %d of %d bit-identical", beta, n, len(gdSeries[beta]))
	}

	// The generated source is what law_gaudin.go holds, so that the output
	// of -gaudin.print can replace it with no other change.
	src := gdSource(dl, dj, ds)
	file, err := os.ReadFile("law_gaudin.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range strings.SplitAfter(src, ")\n\n") {
		if !strings.Contains(string(file), strings.TrimSuffix(part, "\n")) {
			t.Errorf("law_gaudin.go does not hold the generated source verbatim:\n%s", part)
		}
	}
	if *gaudinPrint {
		fmt.Print(src)
	}
}

// deriv returns a′ (its t^gdOrder coefficient, which would need a's
// t^{gdOrder+1}, is left 0).
func (a *tqSeries) deriv() *tqSeries {
	d := new(tqSeries)
	for k := 1; k <= gdOrder; k++ {
		for j := range d[k-1] {
			d[k-1][j].Mul(&a[k][j], big.NewRat(int64(k), 1))
		}
	}
	return d
}

// gdZeroTo reports as errors the nonzero coefficients of r up to t^n.
func gdZeroTo(t *testing.T, what string, r *tqSeries, n int) {
	t.Helper()
	for k := 0; k <= n; k++ {
		for j := range r[k] {
			if r[k][j].Sign() != 0 {
				t.Errorf("%s: s^%d π^%d coefficient %s, want 0", what, k, 2*j, r[k][j].RatString())
			}
		}
	}
}

// gdCheckPainleveSeries checks the derived series of E_±(0; s) (e1 = E₊,
// e2 = E₊E₋) against the Painlevé V description of Jimbo, Miwa, Môri & Sato
// (Physica D 1 (1980) 80), a route independent of the Fredholm
// expansion that gave them:
//
//   - σ(s) = s·d/ds log E₂(0; s) solves the σ-form of Painlevé V in
//     x = πs: with d/dx = π⁻¹ d/ds, (xσ″)² + 4(xσ′ − σ)(xσ′ − σ + σ′²) = 0
//     reads (sσ_ss)² + 4(sσ_s − σ)(q(sσ_s − σ) + σ_s²) = 0, q = π²;
//   - the even/odd split log E_± = ½ log E₂ ∓ ½ J, J′(x) = √(−(σ/x)′)
//     (Mehta, Random Matrices, 3rd ed., ch. 6–7; Forrester & Witte,
//     Nonlinearity 15 (2002) 937), which with ℓ_± = d/ds log E_± reads
//     (ℓ₋ − ℓ₊)² = −(ℓ₊ + ℓ₋)′ in s (σ/x = ℓ₊ + ℓ₋ over π, J′ = (ℓ₋ − ℓ₊)/π).
//
// Both hold exactly in every order the series determine.
func gdCheckPainleveSeries(t *testing.T, e1, e2 *tqSeries) {
	t.Helper()
	// σ = s·E₂′/E₂, exact to s^gdOrder.
	e2inv := e2.inv()
	sigma := new(tqSeries)
	for k, c := range e2.deriv().mul(e2inv)[:gdOrder] {
		sigma[k+1] = c
	}
	if sigma[1][0].RatString() != "-1" {
		t.Errorf("σ(s) = %s·s + …, want −s", sigma[1][0].RatString())
	}
	d := sigma.deriv()  // σ_s, exact to s^{gdOrder−1}
	ds := new(tqSeries) // sσ_s − σ, exact to s^gdOrder
	for k := range ds {
		for j := range ds[k] {
			ds[k][j].Mul(&sigma[k][j], big.NewRat(int64(k-1), 1))
		}
	}
	dd := new(tqSeries) // sσ_ss, exact to s^{gdOrder−1}
	for k, c := range d.deriv()[:gdOrder] {
		dd[k+1] = c
	}
	w := d.mul(d) // q(sσ_s − σ) + σ_s²
	for k := range w {
		for j := 0; j+1 < gdQDeg; j++ {
			w[k][j+1].Add(&w[k][j+1], &ds[k][j])
		}
	}
	res, p := dd.mul(dd), ds.mul(w)
	for k := range res {
		for j := range res[k] {
			res[k][j].Add(&res[k][j], p[k][j].Mul(&p[k][j], big.NewRat(4, 1)))
		}
	}
	// sσ_ss = O(s) and sσ_s − σ = O(s²): the residual is exact to s^gdOrder.
	gdZeroTo(t, "Painlevé V residual of the E₂ series", res, gdOrder)

	// ℓ₊ and ℓ₋ = ℓ₂ − ℓ₊, exact to s^{gdOrder−1}.
	lp := e1.deriv().mul(e1.inv())
	l2 := e2.deriv().mul(e2inv)
	diff := new(tqSeries) // ℓ₋ − ℓ₊ = ℓ₂ − 2ℓ₊
	for k := range diff {
		for j := range diff[k] {
			diff[k][j].Sub(&l2[k][j], &lp[k][j])
			diff[k][j].Sub(&diff[k][j], &lp[k][j])
		}
	}
	sum := l2.deriv() // (ℓ₊ + ℓ₋)′ = ℓ₂′, exact to s^{gdOrder−2}
	res = diff.mul(diff)
	for k := range res {
		for j := range res[k] {
			res[k][j].Add(&res[k][j], &sum[k][j])
		}
	}
	gdZeroTo(t, "(ℓ₋ − ℓ₊)² + (ℓ₊ + ℓ₋)′ of the E_± series", res, gdOrder-2)
}

// gdRepr formats v as law_gaudin.go does: the shortest representation that
// rounds back to v, in positional notation with at least one decimal for
// 1e-4 ≤ |v| < 1e16 and with an exponent otherwise; 0 as 0.
func gdRepr(v float64) string {
	if v == 0 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e-4 && a < 1e16 {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	return strconv.FormatFloat(v, 'e', -1, 64)
}

// gdSource returns the Go source of gdL, gdJ and gdSeries in the layout of
// law_gaudin.go (lines filled to gdLine columns, a tab counting 4).
func gdSource(l, j []float64, e [5][]float64) string {
	const gdLine = 110
	var sb strings.Builder
	fill := func(head string, indent string, v []float64, tail string) {
		line := head
		for i, x := range v {
			item := gdRepr(x) + ","
			if i == len(v)-1 && tail != "" {
				item = gdRepr(x) + tail
			}
			width := len([]rune(strings.ReplaceAll(line, "\t", "    ")))
			switch {
			case line == head && strings.HasSuffix(head, "{"):
				line += item
			case line == indent:
				line += item
			case width+1+len(item) > gdLine:
				sb.WriteString(line + "\n")
				line = indent + item
			default:
				line += " " + item
			}
		}
		sb.WriteString(line + "\n")
	}
	sb.WriteString("var (\n")
	fill("\tgdL = [...]float64{", "\t\t", l, "}")
	fill("\tgdJ = [...]float64{", "\t\t", j, "}")
	sb.WriteString(")\n\n")
	sb.WriteString(fmt.Sprintf("var gdSeries = [5][%d]float64{\n", gdOrder+1))
	for _, beta := range gaudinBetas {
		sb.WriteString(fmt.Sprintf("\t%d: {\n", beta))
		fill("\t\t", "\t\t", e[beta], "")
		sb.WriteString("\t},\n")
	}
	sb.WriteString("}\n")
	return sb.String()
}
