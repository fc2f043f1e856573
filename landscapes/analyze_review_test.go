package landscapes

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestAnalyzeOptionErrors checks that a bad option of Analyze is refused
// with an error naming the field and its value (DESIGN.md: errors name the
// parameter, the value and the valid range).
func TestAnalyzeOptionErrors(t *testing.T) {
	r := rmt.Stream(1, "analyze-option-errors", 0)
	q, err := NewSaddle2D(1)
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{0.1, 0.2}
	for _, c := range []struct {
		opts AnalyzeOptions
		want string
	}{
		{AnalyzeOptions{GradTol: math.NaN()}, "GradTol = NaN"},
		{AnalyzeOptions{ZeroTol: -1}, "ZeroTol = -1"},
		{AnalyzeOptions{LanczosTol: math.Inf(1)}, "LanczosTol = +Inf"},
		{AnalyzeOptions{Probes: -1}, "Probes = -1"},
		{AnalyzeOptions{Steps: -2}, "Steps = -2"},
		{AnalyzeOptions{TraceProbes: 1}, "TraceProbes = 1"},
		{AnalyzeOptions{LanczosSteps: -3}, "AnalyzeOptions.LanczosSteps = -3"},
		{AnalyzeOptions{Density: "lanczos"}, "Density = \"lanczos\""},
	} {
		_, err := Analyze(q, x, c.opts, r)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Analyze(%+v): error %v, want one containing %q", c.opts, err, c.want)
		}
	}
}

// TestAnalyzeGradNormLarge checks that a finite gradient whose squared norm
// overflows gets its finite norm (it was +Inf): A = Q diag(1e200, −1e200)Qᵀ
// at x = (0.3, 0.4) has |∇f| = |Ax| = 1e200·|x| = 5e199 for any orthogonal Q.
func TestAnalyzeGradNormLarge(t *testing.T) {
	r := rmt.Stream(1, "analyze-gradnorm", 0)
	q, err := NewQuadraticSaddle(r, []float64{1e200, -1e200}, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(q, []float64{0.3, 0.4}, AnalyzeOptions{}, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := 5e199; math.Abs(rep.GradNorm-want) > 1e-12*want || rep.Class != "not-critical" {
		t.Errorf("GradNorm = %v, class %q; want %v, not-critical", rep.GradNorm, rep.Class, want)
	}
}
