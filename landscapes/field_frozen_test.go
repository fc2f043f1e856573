package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// frozenClose compares got with a frozen table to 1e-12 relative (room for
// fused multiply-adds on other architectures, none for a changed draw order).
func frozenClose(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s[%d] = %.17g, frozen %.17g: the draw order or a sampler changed", name, i, got[i], want[i])
		}
	}
}

// TestFrozenDraws freezes seed → first draws of the field and MLP
// constructors (DESIGN.md, Randomness), so a change of draw order or of a
// dependency cannot silently change every result.
func TestFrozenDraws(t *testing.T) {
	g, err := NewGaussianField(rmt.Stream(1, "frozen-field", 0), 3, 0, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	frozenClose(t, "field w", g.w, []float64{0.082364321098092302, 0.6993151895903652, 0.12885957869972911,
		-0.68215320233391485, -0.61789353565311345, 0.02428532208969943})
	frozenClose(t, "field b", g.b, []float64{1.6732293744828701, 5.2574757474071658})
	q, err := NewRationalQuadraticField(rmt.Stream(1, "frozen-field", 0), 3, 0, 1, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	frozenClose(t, "rational quadratic w", q.w, []float64{0.046286996715075628, 0.39300026336429611, 0.072416342616081361,
		0.10963225597054366, -0.10349761751303609, 0.29215746326733538})
	m, err := NewMLP(rmt.Stream(1, "frozen-mlp", 0), 2, 2, 2, 2, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	frozenClose(t, "MLP inputs", m.x, []float64{-0.53319760178072129, -0.0094840450728965846, 0.26256015094011365, 0.5608932909220804})
	frozenClose(t, "MLP labels", m.y, []float64{-1.2193965998655685, -1.4177275330978132})
	frozenClose(t, "MLP teacher", m.teacher, []float64{-0.54019085385398824, -0.23201225975084364, -1.2545566006968079,
		0.95808290126975315, -0.29917362447772489, -0.67537010019820276, 0.06441949751564148, -0.12955191882579734,
		-0.72188973517040211})
}
