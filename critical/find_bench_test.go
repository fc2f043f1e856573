package critical

import "testing"

// BenchmarkFindPSpin3N8 enumerates the critical points of one pure 3-spin
// realization at N = 8 (3200 starts, symmetric closure; the Morse check
// holds and every point is found at least twice).
func BenchmarkFindPSpin3N8(b *testing.B) { fdBench(b, 8, 3200) }

// BenchmarkFindPSpin3N12 is the same at N = 12 (12000 starts).
func BenchmarkFindPSpin3N12(b *testing.B) { fdBench(b, 12, 12000) }

func fdBench(b *testing.B, n, starts int) {
	h := fdPSpin(b, 1, n, 3)
	var r *FindResult
	for b.Loop() {
		var err error
		r, err = Find(h, FindOptions{Starts: starts, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.Observed), "points")
	b.ReportMetric(r.Chao1, "chao1")
	if !r.MorseOK {
		b.Logf("Morse check failed: %d, want %d", r.MorseSum, r.MorseWant)
	}
}
