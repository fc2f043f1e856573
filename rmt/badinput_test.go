package rmt

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/robust"
)

// TestBadInputNoPanic calls every exported sampler with bad parameters.
func TestBadInputNoPanic(t *testing.T) {
	r := Stream(1, "rmt/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	e := func(_ any, err error) error { return err }
	cases := []struct {
		name string
		f    func() error
	}{
		{"GOE n=-1", func() error { return e(GOE(r, -1)) }},
		{"GOE nil r", func() error { return e(GOE(nil, 3)) }},
		{"GUE n=-1", func() error { return e(GUE(r, -1)) }},
		{"GUE nil r", func() error { return e(GUE(nil, 3)) }},
		{"GSE n=-1", func() error { return e(GSE(r, -1)) }},
		{"GSE nil r", func() error { return e(GSE(nil, 3)) }},
		{"Wishart m=0", func() error { return e(Wishart(r, 3, 0)) }},
		{"Wishart n=-2", func() error { return e(Wishart(r, -2, 3)) }},
		{"Wishart nil r", func() error { return e(Wishart(nil, 2, 3)) }},
		{"ComplexWishart m=-1", func() error { return e(ComplexWishart(r, 3, -1)) }},
		{"ComplexWishart nil r", func() error { return e(ComplexWishart(nil, 2, 3)) }},
		{"CorrelatedWishart nil sigma", func() error { return e(CorrelatedWishart(r, nil, 3)) }},
		{"CorrelatedWishart NaN sigma", func() error {
			return e(CorrelatedWishart(r, mat.NewSymDense(2, []float64{1, nan, nan, 1}), 3))
		}},
		{"CorrelatedWishart not PSD", func() error {
			return e(CorrelatedWishart(r, mat.NewSymDense(2, []float64{1, 2, 2, 1}), 3))
		}},
		{"CorrelatedWishart m=0", func() error { return e(CorrelatedWishart(r, mat.NewSymDense(2, []float64{1, 0, 0, 1}), 0)) }},
		{"CorrelatedWishart nil r", func() error { return e(CorrelatedWishart(nil, mat.NewSymDense(2, []float64{1, 0, 0, 1}), 3)) }},
		{"SpikedWigner NaN", func() error { return e(SpikedWigner(r, 3, nan)) }},
		{"SpikedWigner Inf", func() error { return e(SpikedWigner(r, 3, inf)) }},
		{"SpikedWigner n=0", func() error { return e(SpikedWigner(r, 0, 1)) }},
		{"SpikedWigner nil r", func() error { return e(SpikedWigner(nil, 3, 1)) }},
		{"SpikedWishart NaN spike", func() error { return e(SpikedWishart(r, 3, 4, []float64{nan})) }},
		{"SpikedWishart spike < -1", func() error { return e(SpikedWishart(r, 3, 4, []float64{-2})) }},
		{"SpikedWishart too many spikes", func() error { return e(SpikedWishart(r, 2, 4, []float64{1, 1, 1})) }},
		{"SpikedWishart nil r", func() error { return e(SpikedWishart(nil, 2, 4, []float64{1})) }},
		{"WishartPlusWigner NaN", func() error { return e(WishartPlusWigner(r, 3, 4, nan)) }},
		{"WishartPlusWigner sigma<0", func() error { return e(WishartPlusWigner(r, 3, 4, -1)) }},
		{"WishartPlusWigner m=0", func() error { return e(WishartPlusWigner(r, 3, 0, 1)) }},
		{"WishartPlusWigner nil r", func() error { return e(WishartPlusWigner(nil, 3, 4, 1)) }},
		{"PSpinHessian NaN", func() error { return e(PSpinHessian(r, 3, 3, nan)) }},
		{"PSpinHessian p=1", func() error { return e(PSpinHessian(r, 3, 1, -1)) }},
		{"PSpinHessian n=0", func() error { return e(PSpinHessian(r, 0, 3, -1)) }},
		{"PSpinHessian nil r", func() error { return e(PSpinHessian(nil, 3, 3, -1)) }},
		{"PSpinHessianTridiagonal Inf", func() error { return e(PSpinHessianTridiagonal(r, 3, 3, inf)) }},
		{"PSpinHessianTridiagonal p=0", func() error { return e(PSpinHessianTridiagonal(r, 3, 0, -1)) }},
		{"PSpinHessianTridiagonal nil r", func() error { return e(PSpinHessianTridiagonal(nil, 3, 3, -1)) }},
		{"BetaHermite beta NaN", func() error { return e(BetaHermite(r, 3, nan)) }},
		{"BetaHermite beta<0", func() error { return e(BetaHermite(r, 3, -1)) }},
		{"BetaHermite beta Inf", func() error { return e(BetaHermite(r, 3, inf)) }},
		{"BetaHermite n=-1", func() error { return e(BetaHermite(r, -1, 1)) }},
		{"BetaHermite nil r", func() error { return e(BetaHermite(nil, 3, 1)) }},
		{"BetaLaguerre beta NaN", func() error { return e(BetaLaguerre(r, 3, 4, nan)) }},
		{"BetaLaguerre m=0", func() error { return e(BetaLaguerre(r, 3, 0, 1)) }},
		{"BetaLaguerre nil r", func() error { return e(BetaLaguerre(nil, 3, 4, 1)) }},
	}
	for _, c := range cases {
		robust.Fails(t, c.name, c.f)
	}
}
