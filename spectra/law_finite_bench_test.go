package spectra

import "testing"

func benchmarkFiniteGaussianCDF(b *testing.B, n, beta int) {
	f, err := NewFiniteGaussian(n, beta)
	if err != nil {
		b.Fatal(err)
	}
	var s float64
	for b.Loop() {
		s += f.CDF(-0.7)
	}
	_ = s
}

func BenchmarkFiniteGaussianCDFGOE100(b *testing.B)  { benchmarkFiniteGaussianCDF(b, 100, 1) }
func BenchmarkFiniteGaussianCDFGOE1000(b *testing.B) { benchmarkFiniteGaussianCDF(b, 1000, 1) }
func BenchmarkFiniteGaussianCDFGUE1000(b *testing.B) { benchmarkFiniteGaussianCDF(b, 1000, 2) }

func BenchmarkFiniteGaussianProb1000(b *testing.B) {
	f, err := NewFiniteGaussian(1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	var s float64
	for b.Loop() {
		s += f.Prob(-0.7)
	}
	_ = s
}
