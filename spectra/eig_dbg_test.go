package spectra

import "testing"

func TestDqdsStats(t *testing.T) {
	for _, k := range []float64{2.1, 1.5, 1.2, 1.1, 1.05, 1.02} {
		aggK = k
		statIter, statFail, statElems = 0, 0, 0
		statBranch = [4]int{}
		tr := goeTridiagonal(1, 1000, 1)
		dqdsStats = true
		TridiagonalEigenvalues(tr, nil)
		dqdsStats = false
		t.Logf("k=%v branches %v transforms %d failures %d elements %d (n²=%d)", k, statBranch, statIter, statFail, statElems, 1000*1000)
	}
}
