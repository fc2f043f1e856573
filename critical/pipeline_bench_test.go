package critical

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// BenchmarkStudyMixedN8 runs the whole pipeline on one realization of the
// mixed p-spin ξ = q² + q³ at N = 8 with 1600 starts.
func BenchmarkStudyMixedN8(b *testing.B) {
	stBench(b, func(r *rand.Rand) (landscapes.Landscape, error) {
		return landscapes.NewMixedPSpin(r, 8, map[int]float64{2: 1, 3: 1})
	}, 1600, 1, false)
}

// BenchmarkStudyFieldN6 runs it on one Bray–Dean field at N = 6 (μ = 1/2,
// ℓ = 1, 200 random features) with 600 starts at scale 1/(μℓ).
func BenchmarkStudyFieldN6(b *testing.B) {
	stBench(b, func(r *rand.Rand) (landscapes.Landscape, error) {
		return landscapes.NewGaussianField(r, 6, 0.5, 1, 200)
	}, 600, 2, false)
}

// BenchmarkStudyMLP runs it on one tanh network (d = 2, h = 2, 30 samples,
// 9 parameters) with 900 starts (most points found are degenerate: see
// TestMLPCritical).
func BenchmarkStudyMLP(b *testing.B) {
	stBench(b, func(r *rand.Rand) (landscapes.Landscape, error) {
		return landscapes.NewMLP(r, 2, 2, 30, 2, 0.1)
	}, 900, 1, true)
}

func stBench(b *testing.B, build func(*rand.Rand) (landscapes.Landscape, error), starts int, scale float64, noMorse bool) {
	s := Study{Build: build, Realizations: 1, Starts: starts, Seed: 1, Bins: 4, Find: FindOptions{StartScale: scale}, NoMorse: noMorse}
	var rep *Report
	for b.Loop() {
		var err error
		if rep, err = s.Analyze(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(rep.Counts.Total, "points")
	if !noMorse {
		b.ReportMetric(rep.Counts.MorseOK, "morse_ok")
	}
}
