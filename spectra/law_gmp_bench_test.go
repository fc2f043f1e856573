package spectra

import "testing"

// benchmarkGMP times one CDF value (quantile false) or one quantile of a
// GeneralizedMP, at 30% of its last support interval (CDF) or at p = 0.8,
// which lies in the last interval of every case below (Quantile).
func benchmarkGMP(b *testing.B, c float64, pop, w []float64, quantile bool) {
	g, err := NewGeneralizedMP(c, pop, w)
	if err != nil {
		b.Fatal(err)
	}
	iv := g.Intervals()
	last := iv[len(iv)-1]
	x := last[0] + 0.3*(last[1]-last[0])
	var s float64
	for b.Loop() {
		if quantile {
			s += g.Quantile(0.8)
		} else {
			s += g.CDF(x)
		}
	}
	_ = s
}

var (
	gmpWidePop  = []float64{1, 1e12}
	gmpWideW    = []float64{0.5, 0.5}
	gmpFourPop  = []float64{1, 1e4, 1e8, 1e12}
	gmpFourW    = []float64{0.25, 0.25, 0.25, 0.25}
	gmpPlainPop = []float64{1, 4}
)

// The formerly slow regime: the smallest ratio and a population spread
// over 1e12.
func BenchmarkGMPCDFSmallRatioWide(b *testing.B) { benchmarkGMP(b, 1e-8, gmpWidePop, gmpWideW, false) }
func BenchmarkGMPCDFSmallRatioFour(b *testing.B) { benchmarkGMP(b, 1e-8, gmpFourPop, gmpFourW, false) }
func BenchmarkGMPQuantileSmallRatioWide(b *testing.B) {
	benchmarkGMP(b, 1e-8, gmpWidePop, gmpWideW, true)
}

// Ordinary cases.
func BenchmarkGMPCDFRatio1e7Wide(b *testing.B) { benchmarkGMP(b, 1e-7, gmpWidePop, gmpWideW, false) }
func BenchmarkGMPCDFSmallRatioPlain(b *testing.B) {
	benchmarkGMP(b, 1e-8, gmpPlainPop, gmpWideW, false)
}
func BenchmarkGMPCDFTwoBulks(b *testing.B) {
	benchmarkGMP(b, 0.05, []float64{1, 10}, gmpWideW, false)
}
func BenchmarkGMPCDFOneBulk(b *testing.B)      { benchmarkGMP(b, 0.5, gmpPlainPop, gmpWideW, false) }
func BenchmarkGMPQuantileOneBulk(b *testing.B) { benchmarkGMP(b, 0.5, gmpPlainPop, gmpWideW, true) }

// benchmarkGMPShifted times one CDF value in the gap above, or the median
// quantile of, the shifted cluster of weight 1e-10 of gmpShiftedCases[0]
// (c = 1e-8, pop {1, 10}: the cluster lies below 1, off its population
// eigenvalue).
func benchmarkGMPShifted(b *testing.B, quantile bool) {
	tc := gmpShiftedCases[0]
	g, err := NewGeneralizedMP(1e-8, tc.t, tc.w)
	if err != nil {
		b.Fatal(err)
	}
	iv := g.Intervals()
	x := (iv[0][1] + iv[1][0]) / 2
	var s float64
	for b.Loop() {
		if quantile {
			s += g.Quantile(tc.w[0] / 2)
		} else {
			s += g.CDF(x)
		}
	}
	_ = s
}

func BenchmarkGMPCDFShiftedCluster(b *testing.B)      { benchmarkGMPShifted(b, false) }
func BenchmarkGMPQuantileShiftedCluster(b *testing.B) { benchmarkGMPShifted(b, true) }
