package main

import (
	"strings"
	"testing"
)

// TestAutomaticStartsBeyondFind: -starts 0 (the default) resolves to 20 ×
// the Kac–Rice expected count, which at N = 14, P = 7 (28589928 starts) is
// more than Find accepts in dimension 14 (24403223). That is a usage error
// naming -starts = 0 (automatic) and the number it resolves to. Before, the
// message read "-starts = 28589928 …", a value the user never gave, and the
// p-spins drew the first realization's couplings before refusing (at
// N = 20 with degree 7, 38 s for the pure and 42 s for the mixed p-spin;
// now 0.4–0.5 s).
func TestAutomaticStartsBeyondFind(t *testing.T) {
	for _, args := range [][]string{
		{"critical", "-landscape", "pspin", "-n", "14", "-p", "7", "-realizations", "1"},
		{"indexloss", "-landscape", "pspin", "-n", "14", "-p", "7", "-realizations", "1"},
		{"critical", "-landscape", "pspin", "-n", "14", "-p", "7", "-realizations", "2", "-shards", "2", "-shard", "1"},
		{"critical", "-landscape", "mixed", "-n", "14", "-mix", "7:1", "-realizations", "1"},
	} {
		code, _, stderr := runCmd(t, args...)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "-starts = 0 (automatic) resolves to") || !strings.Contains(stderr, "28589928 starts") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line naming -starts = 0 (automatic) and its 28589928 starts", args, code, stderr)
		}
	}
	// A degree whose couplings exceed the p-spin budget is refused for
	// that, not for the starts it would need (no -starts helps there).
	for _, args := range [][]string{
		{"critical", "-landscape", "mixed", "-n", "20", "-mix", "30:1", "-realizations", "1"},
		{"critical", "-landscape", "pspin", "-n", "20", "-p", "30", "-realizations", "1"},
	} {
		code, _, stderr := runCmd(t, args...)
		if code != 2 || !strings.Contains(stderr, "PSpinMemoryBudget") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming landscapes.PSpinMemoryBudget", args, code, stderr)
		}
	}
}
