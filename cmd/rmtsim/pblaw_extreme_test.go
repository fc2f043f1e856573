package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
)

// TestIndexLossHessianModelHugeLoss: -emax accepts any loss whose GOE scale
// √(2ε) is finite, but critical.PenningtonBahriLaw computes the free
// convolution only up to ε ≈ 1.8e102 (its support's discriminant, of degree 6
// in σ, overflows beyond). At -emax 1e100 the theory column must be the
// law's index, close to 1/2 (a semicircle of radius 2σ ≈ 3e50 centred at 1:
// α ≈ 1/2 − 1/(πσ)); at -emax 1e200 it must be absent (JSON null, "—" in the
// table), never a number, the sampled index must still be reported, and the
// summary must say why the theory is missing (theory_missing, naming the
// largest loss the law takes).
func TestIndexLossHessianModelHugeLoss(t *testing.T) {
	law := critical.PenningtonBahriLaw{Ratio: 0.3}
	for _, c := range []struct {
		emax   string
		theory bool
	}{{"1e100", true}, {"1e200", false}} {
		code, out, stderr := runCmd(t, "indexloss", "-landscape", "hessian-model", "-n", "10", "-samples", "2", "-bins", "2", "-emax", c.emax, "-format", "json")
		if code != 0 {
			t.Fatalf("-emax %s: exit %d: %s", c.emax, code, stderr)
		}
		var doc indexLossDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if note, _ := doc.Summary["theory_missing"].(string); c.theory == (note != "") || (!c.theory && !strings.Contains(note, "want 0 ≤ ε ≤ 1.77")) {
			t.Errorf("-emax %s: theory_missing %q, want it exactly when the theory is missing, naming the largest loss", c.emax, note)
		}
		if len(doc.Rows) != 2 {
			t.Fatalf("-emax %s: %d rows, want 2", c.emax, len(doc.Rows))
		}
		for _, r := range doc.Rows {
			if r.Alpha == nil || !(*r.Alpha >= 0 && *r.Alpha <= 1) {
				t.Errorf("-emax %s: loss [%v, %v): sampled α %v, want in [0, 1]", c.emax, r.Lo, r.Hi, r.Alpha)
			}
			if !c.theory {
				if r.Theory != nil {
					t.Errorf("-emax %s: loss [%v, %v): theory %v, want none (beyond the law's range)", c.emax, r.Lo, r.Hi, *r.Theory)
				}
				continue
			}
			th := law.Fraction((r.Lo + r.Hi) / 2)
			if r.Theory == nil || *r.Theory != th || math.Abs(th-0.5) > 1e-9 {
				t.Errorf("-emax %s: loss [%v, %v): theory %v, law %v, want equal and within 1e-9 of 1/2", c.emax, r.Lo, r.Hi, r.Theory, th)
			}
		}
	}
}
