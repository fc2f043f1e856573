package spectra

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// WignerSurmise is Wigner's surmise for the nearest-neighbour spacing s of
// unfolded eigenvalues (unit mean spacing) of the Gaussian ensemble with Dyson
// index Beta ∈ {1, 2, 4}:
//
//	P_β(s) = a_β s^β exp(−b_β s²),  s ≥ 0,
//
// with (a, b) = (π/2, π/4) for β = 1, (32/π², 4/π) for β = 2 and
// (2¹⁸/(3⁶π³), 64/(9π)) for β = 4 (THEORY.md; Mehta, Random Matrices, 3rd ed.
// 2004, §1.5 and eq. (1.5.5)–(1.5.7)). It is exact for 2×2 matrices and a close
// approximation for large ones, whose exact law is [GaudinSpacing] (the
// surmise is off it by up to 0.0066, 0.0016, 0.0005 in CDF for β = 1, 2, 4,
// which 10⁵–10⁶ pooled spacings resolve).
type WignerSurmise struct {
	Beta int // Dyson index: 1 (GOE), 2 (GUE) or 4 (GSE)
}

// NewWignerSurmise returns the Wigner surmise for β ∈ {1, 2, 4}, or an error.
func NewWignerSurmise(beta int) (WignerSurmise, error) {
	w := WignerSurmise{Beta: beta}
	if err := w.validate(); err != nil {
		return WignerSurmise{}, err
	}
	return w, nil
}

func (w WignerSurmise) validate() error {
	switch w.Beta {
	case 1, 2, 4:
		return nil
	}
	return fmt.Errorf("spectra: Wigner surmise beta = %d, want beta ∈ {1, 2, 4}", w.Beta)
}

// constants returns (a_β, b_β) and ok = false for an invalid β.
func (w WignerSurmise) constants() (a, b float64, ok bool) {
	switch w.Beta {
	case 1:
		return math.Pi / 2, math.Pi / 4, true
	case 2:
		return 32 / (math.Pi * math.Pi), 4 / math.Pi, true
	case 4:
		return 262144 / (729 * math.Pi * math.Pi * math.Pi), 64 / (9 * math.Pi), true
	}
	return 0, 0, false
}

// Prob returns P_β(s) = a_β s^β exp(−b_β s²) (0 for s < 0).
func (w WignerSurmise) Prob(s float64) float64 {
	a, b, ok := w.constants()
	if !ok || math.IsNaN(s) {
		return math.NaN()
	}
	if s <= 0 || math.IsInf(s, 1) {
		return 0
	}
	e := math.Exp(-b * s * s)
	if e == 0 {
		return 0 // s^β may overflow there (s ≳ 1e77 for β = 4): Inf·0 was NaN
	}
	return a * math.Pow(s, float64(w.Beta)) * e
}

// CDF returns P(S ≤ s) = P((β + 1)/2, b_β s²), the regularised lower
// incomplete gamma function (substitute u = b_β t² in ∫₀^s P_β(t) dt; the
// normalisation a_β = 2 b_β^{(β+1)/2}/Γ((β + 1)/2) makes the total mass 1).
func (w WignerSurmise) CDF(s float64) float64 {
	_, b, ok := w.constants()
	if !ok || math.IsNaN(s) {
		return math.NaN()
	}
	if s <= 0 {
		return 0
	}
	if math.IsInf(s, 1) {
		return 1
	}
	h, x := float64(w.Beta+1)/2, b*s*s
	if x < 0x1p-1022 {
		// P(h, x) = x^h/Γ(h + 1)·(1 + O(x)): gonum's GammaIncReg takes
		// the logarithm of a subnormal x with math.Log, which is wrong
		// there on amd64 (golang/go#56600; P(1, 1e-310) came out 1.1e-308,
		// and Quantile(1e-310) for β = 1 was 1.8e-162 with that CDF).
		lg, _ := math.Lgamma(h + 1)
		return math.Exp(h*xmath.Log(x) - lg)
	}
	return mathext.GammaIncReg(h, x)
}

// Quantile returns s with CDF(s) = p, from gonum's inverse regularised
// incomplete gamma function (for p < 1e-100, the inverse of the leading term
// of its series) polished by safeguarded Newton steps on the CDF; NaN for p
// outside [0, 1], +Inf for p = 1.
func (w WignerSurmise) Quantile(p float64) float64 {
	_, b, ok := w.constants()
	if !ok || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	switch p {
	case 0:
		return 0
	case 1:
		return math.Inf(1)
	}
	h := float64(w.Beta+1) / 2
	// Starting point: the inverse of the regularised incomplete gamma
	// function. For p < 1e-100 it is the inverse of the leading term of the
	// series P(h, x) = x^h/Γ(h+1)·(1 + O(x)) (DLMF 8.7.1) instead: gonum's
	// GammaIncRegInv panics for h = 1 and p below about 1e-165.
	var x0 float64
	if p < 1e-100 {
		lg, _ := math.Lgamma(h + 1)
		x0 = math.Exp((xmath.Log(p) + lg) / h)
	} else {
		x0 = mathext.GammaIncRegInv(h, p)
	}
	s0 := math.Sqrt(x0 / b)
	if p > 0.5 {
		q := 1 - p
		g := func(s float64) float64 { return q - mathext.GammaIncRegComp(h, b*s*s) }
		return solveMonotone(g, w.Prob, 0, 20, s0, 1e-300)
	}
	g := func(s float64) float64 { return w.CDF(s) - p }
	return solveMonotone(g, w.Prob, 0, 20, s0, 1e-300)
}

// Mean returns 1 (unit mean spacing): E S = Γ(β/2 + 1)/(Γ((β + 1)/2)√b_β) = 1.
func (w WignerSurmise) Mean() float64 {
	if _, _, ok := w.constants(); !ok {
		return math.NaN()
	}
	return 1
}

// Variance returns E S² − 1 = (β + 1)/(2b_β) − 1: 4/π − 1, 3π/8 − 1 and
// 45π/128 − 1 for β = 1, 2, 4.
func (w WignerSurmise) Variance() float64 {
	_, b, ok := w.constants()
	if !ok {
		return math.NaN()
	}
	return float64(w.Beta+1)/(2*b) - 1
}

// Support returns [0, +Inf).
func (w WignerSurmise) Support() (lo, hi float64) {
	if _, _, ok := w.constants(); !ok {
		return math.NaN(), math.NaN()
	}
	return 0, math.Inf(1)
}
