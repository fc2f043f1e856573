package spectra

import "testing"

func TestDqdsStats(t *testing.T) {
	for _, db := range []bool{false, true} {
		useDouble = db
		statIter, statFail, statElems = 0, 0, 0
		statBranch = [4]int{}
		tr := goeTridiagonal(1, 1000, 1)
		dqdsStats = true
		TridiagonalEigenvalues(tr, nil)
		dqdsStats = false
		t.Logf("double=%v branches %v transforms %d failures %d sweeps-elements %d (n²=%d)", db, statBranch, statIter, statFail, statElems, 1000*1000)
	}
	useDouble = true
}
