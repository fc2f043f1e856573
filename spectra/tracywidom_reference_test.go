package spectra

import (
	"math"
	"testing"
)

// twReference holds log F_β(x), log(1 − F_β(x)) and F_β′(x) computed
// independently with mpmath at 23–60 significant digits (review of
// 2026-12-03):
//   - x ≤ 14 (β = 1, 2) and x ≤ 10 (β = 4): Bornemann's Nyström method (Math.
//     Comp. 79 (2010) 871, §4–5) applied to det(I ∓ B_s), B_s with kernel
//     Ai(x + y + s) on (0, L), L where Ai has decayed below the working
//     precision, with 40–86 Gauss–Legendre nodes, every value checked against
//     12–16 more nodes (agreement 1e-18 relative or better), F₁ = det(I − B_s),
//     F₂ = det(I − B_s)·det(I + B_s), F₄(s/√2) = ½(det(I − B_s) + det(I + B_s));
//     the working precision is raised by the digits that 1 − F loses (and
//     by half those F loses), so 1 − F is formed directly as 1 − det; the
//     density is a five-point difference of the determinant with h = 1e-5.
//     At x = 0 the F₂ of det(I − K_Ai) on L²(0, ∞) (the Airy kernel itself)
//     agrees with det(I − B₀²) to 1e-24 and both with Bornemann's
//     F₂(0) = 0.96937282835526 and F₁(0) = 0.83190806620295.
//   - x ≥ 20 (β = 2, 4), x ≥ 30 (β = 1): the first order of the Fredholm
//     expansion, exact up to a relative O(1 − F): 1 − F₂(s) = tr K_Ai =
//     (2s²Ai(s)² − 2sAi′(s)² − Ai(s)Ai′(s))/3, 1 − F₁(s) = tr B_s =
//     ½∫_s^∞ Ai, 1 − F₄(s/√2) = −e₂(λ(B_s)) = ½(tr B_s² − (tr B_s)²) =
//     ½(tr K_Ai − (½∫_s^∞ Ai)²), with the densities from F₂′ = ∫_s^∞ Ai² =
//     Ai′² − sAi², F₁′ = ½Ai(s) (∫ Ai by 60-point Gauss–Laguerre in
//     u = √s(t − s)); they agree with the Nyström values at x = 14 (β = 1, 2)
//     and x = 8, 10 (β = 4) to 3e-20 in 1 − F and 2e-17 in the density.
//
// A density f of 0 marks one below the smallest float64.
var twReference = []struct {
	beta             int
	x, logF, logS, f float64
}{
	{1, -10.0, -49.506604525640644, -3.1590379031995637e-22, 4.3039208435080166e-21},
	{1, -8.0, -27.039448337859437, -1.806827921187049e-12, 1.6275153622250376e-11},
	{1, -7.0, -19.021638501652004, -5.4828626065905972e-9, 3.8758506347469553e-8},
	{1, -6.5, -15.708967716754314, -1.5055044269888393e-7, 9.3218970194545895e-7},
	{1, -6.0, -12.819551591487263, -2.7073229901003522e-6, 1.4554512265200474e-5},
	{1, -5.0, -8.1881853336676428, -0.00027795638121282745, 0.0010914855880013691},
	{1, -3.0, -2.6649890037787116, -0.072140805537116478, 0.12221341802126299},
	{1, -1.0, -0.53821412883158739, -0.87656508737336778, 0.30409878423015697},
	{1, 0.0, -0.18403334161843187, -1.7832442242694391, 0.18141957122133474},
	{1, 1.0, -0.04979837348455321, -3.024568817065124, 0.067876742957303463},
	{1, 3.0, -0.001707977413481474, -6.3732992748174705, 0.0032957406892151132},
	{1, 6.0, -1.9408159560282863e-6, -13.152403047831647, 4.9738473145200655e-6},
	{1, 10.0, -1.7082158695416969e-11, -24.792986548243375, 5.5237662764500171e-11},
	{1, 14.0, -1.3074930670366338e-17, -38.875834966413535, 4.9601027455961886e-17},
	{1, 30.0, -2.9155163467629899e-50, -114.05920771119074, 1.6041087957752478e-49},
	{1, 100.0, -1.3162555643809308e-292, -672.08005614235433, 1.3172410760440922e-291},
	{2, -10.0, -83.757649355127013, -4.2122590148328046e-37, 1.0535918835489869e-35},
	{2, -8.0, -43.063044340605608, -1.9859004257636575e-19, 3.180550617409375e-18},
	{2, -7.0, -28.96297322390965, -2.6396147672464106e-13, 3.2382576700257764e-12},
	{2, -6.75, -26.003983864110446, -5.088775601492347e-12, 5.8058929060186308e-11},
	{2, -6.5, -23.255757721651102, -7.9460766310430424e-11, 8.4083896816332971e-10},
	{2, -6.0, -18.360287043737965, -1.0622546797663761e-8, 9.5825443168525288e-8},
	{2, -5.0, -10.753991955511331, -2.1360197974815634e-5, 0.00013403917223477464},
	{2, -3.0, -2.521742189048549, -0.083729009427064004, 0.18424668382835947},
	{2, -1.0, -0.21416616639263137, -1.6461757688250611, 0.28555093823615432},
	{2, 0.0, -0.031105985306312354, -3.4858677017827354, 0.066975307132779313},
	{2, 1.0, -0.0024976784541430824, -5.9936421761777233, 0.0070238352922139944},
	{2, 3.0, -2.9940478745085564e-6, -12.718885778968424, 1.1589659893546149e-5},
	{2, 6.0, -3.8172326590167446e-12, -26.29149539065404, 1.9575412195257305e-11},
	{2, 10.0, -2.938427133604718e-22, -49.578997596245684, 1.9006393505261616e-21},
	{2, 14.0, -1.717098234081677e-34, -77.747257368891144, 1.3028711843405116e-33},
	{2, 20.0, -3.5284197403087461e-56, -127.68391510258844, 3.1819600730446553e-55},
	{2, 50.0, -1.0473918319454557e-209, -481.19398133133262, 1.4843650572518317e-208},
	{4, -8.0, -52.109181937275841, -2.340290815058924e-23, 4.9037490592362584e-22},
	{4, -7.0, -33.811901612540823, -2.0686056522675252e-15, 3.2601404302885858e-14},
	{4, -6.0, -20.35047920804163, -1.4517745411129938e-9, 1.6379212337863791e-8},
	{4, -5.3, -13.42109375726515, -1.4835198518999356e-6, 1.2720864381816852e-5},
	{4, -5.0, -11.008118237084746, -1.6566798535089644e-5, 0.00012462342716094323},
	{4, -3.0, -1.7855306792918558, -0.18357198409006935, 0.36867665546972887},
	{4, -1.0, -0.04003945031315636, -3.2378429808884002, 0.10725737594053989},
	{4, 0.0, -0.0014268200656302082, -6.5530203664058601, 0.0055268465466529407},
	{4, 1.0, -1.7603018368979602e-5, -10.947448973883106, 8.6116450122209771e-5},
	{4, 3.0, -1.6711952201360763e-10, -22.512311858906665, 1.1052424422382452e-9},
	{4, 6.0, -1.595671686527928e-20, -45.584407092210075, 1.3866583065971498e-19},
	{4, 10.0, -1.2644439639811044e-37, -84.961015969397591, 1.3809584125187172e-36},
	{4, 20.0, -8.3109746017492413e-95, -216.62800695184824, 1.2624001793481691e-93},
	{4, 100.0, 0, -2263.2459685593506, 0},
}

// TestTracyWidomReference compares LogCDF, LogSurvival and Prob with
// twReference. The tolerances are the accuracy the Nyström method reaches in
// float64 (see TracyWidom's doc): 1e-12 relative in F and 1 − F and 5e-12 in
// the density for s ≥ −3.5 (s = x, or √2x for β = 4; errors measured at
// most 7e-14 for F and 1 − F, 1.1e-12 for the density); 5e-11 for
// −5.4 ≤ s < −3.5, where the determinant's rounding noise grows to 1.3e-11
// (2.2e-12 measured in the density at x = −5); 2e-9 in the band
// −7.6 ≤ s < −5.4 around the switch to the left-tail expansion (measured
// 6.5e-10 in F and 9.9e-10 in the density at x = −6.75, β = 2: the
// optimally truncated expansion's remainder; noise up to 3e-10 on the
// Nyström side, see twSwitch); 3e-11 beyond (measured 8.5e-12 at x = −8,
// β = 2). log(1 − F) is allowed another 1e-15 of its own size (rounding of
// the exponent −(4/3)s^{3/2}).
func TestTracyWidomReference(t *testing.T) {
	for _, r := range twReference {
		tw := TracyWidom{r.beta}
		s := r.x
		if r.beta == 4 {
			s *= math.Sqrt2
		}
		tol, tolPdf := 1e-12, 5e-12
		switch {
		case s < -7.6:
			tol, tolPdf = 3e-11, 3e-11
		case s < -5.4:
			tol, tolPdf = 2e-9, 2e-9
		case s < -3.5:
			tol, tolPdf = 5e-11, 5e-11
		}
		lf, ls, f := tw.LogCDF(r.x), tw.LogSurvival(r.x), tw.Prob(r.x)
		if d := math.Abs(lf - r.logF); !(d <= tol) {
			t.Errorf("β=%d x=%g: LogCDF = %.17g, reference %.17g (relative error of F %.2e > %.0e)", r.beta, r.x, lf, r.logF, d, tol)
		}
		if d := math.Abs(ls - r.logS); !(d <= tol+1e-15*math.Abs(r.logS)) {
			t.Errorf("β=%d x=%g: LogSurvival = %.17g, reference %.17g (relative error of 1 − F %.2e > %.0e)", r.beta, r.x, ls, r.logS, d, tol)
		}
		if r.f == 0 {
			if f != 0 {
				t.Errorf("β=%d x=%g: Prob = %g, want 0 (underflow)", r.beta, r.x, f)
			}
			continue
		}
		if e := math.Abs(f/r.f - 1); !(e <= tolPdf) {
			t.Errorf("β=%d x=%g: Prob = %.17g, reference %.17g (relative error %.2e > %.0e)", r.beta, r.x, f, r.f, e, tolPdf)
		}
	}
}
