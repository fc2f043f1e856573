package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode (n = 100, 10 matrices per row) and
// checks its tables against theory: every KS distance to spectra.ProductMP
// below ks_noise + 2/n (the bound of spectra's TestSpectrumStudyGOE: the 1%
// Kolmogorov point for independent points plus the O(1/n) finite-size
// distortion of the mean density), while the Marchenko–Pastur law of the same
// variance is rejected for L ≥ 2 (its distance above three times that bound);
// the second moment and the spacing ratio within five standard errors of their
// theory; the right edges of the square laws (L+1)^{L+1}/L^L; and the share of
// zero eigenvalues equal to the law's atom 1 − min_l n_l/n exactly (rank).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	const n = 100
	sq := tabs["square"]
	if sq == nil || len(sq.Rows) != 4 {
		t.Fatalf("square table: %v", sq)
	}
	for i := range sq.Rows {
		L, _ := sq.Float(i, "layers")
		ks, _ := sq.Float(i, "ks")
		noise, _ := sq.Float(i, "ks_noise")
		wrong, _ := sq.Float(i, "ks_mp_same_variance")
		bound := noise + 2.0/n
		if !(ks < bound) {
			t.Errorf("L = %v: KS %v to ProductMP, want < %v", L, ks, bound)
		}
		if L >= 2 && !(wrong > 3*bound) {
			t.Errorf("L = %v: KS %v to the MP law of the same variance, want it rejected (> %v)", L, wrong, 3*bound)
		}
		for _, col := range []string{"z_m2", "z_r"} {
			if z, _ := sq.Float(i, col); !(math.Abs(z) < 5) {
				t.Errorf("L = %v: %s = %v", L, col, z)
			}
		}
		edge, _ := sq.Float(i, "right_edge")
		if want := math.Pow(L+1, L+1) / math.Pow(L, L); math.Abs(edge-want) > 1e-5*want {
			t.Errorf("L = %v: right edge %v, want %v", L, edge, want)
		}
	}
	rect := tabs["rect"]
	if rect == nil || len(rect.Rows) != 4 {
		t.Fatalf("rect table: %v", rect)
	}
	for i := range rect.Rows {
		ks, _ := rect.Float(i, "ks")
		noise, _ := rect.Float(i, "ks_noise")
		if !(ks < noise+2.0/n) {
			t.Errorf("row %d: KS %v, want < %v", i, ks, noise+2.0/n)
		}
		atom, _ := rect.Float(i, "atom")
		zeros, _ := rect.Float(i, "zeros_measured")
		if math.Abs(atom-zeros) > 1e-12 {
			t.Errorf("row %d: zero share %v, atom %v", i, zeros, atom)
		}
		if z, _ := rect.Float(i, "z_m2"); !(math.Abs(z) < 5) {
			t.Errorf("row %d: z_m2 = %v", i, z)
		}
	}
}
