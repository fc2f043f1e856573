package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestMixHugeCoefficient: a mixed p-spin coefficient beyond
// landscapes.MaxScale (1e150), or nonzero below its reciprocal, is refused with exit 2 by every command that
// builds the landscape, naming -mix and the range. Until 2026-11-30 the
// commands accepted it and printed wrong results with exit 0: at c_p = 1e300
// `critical` counted 400 points at N = 5 where 10 are expected (squared
// gradients and eigenvalues overflow), and `hessian` printed an empty
// grad_norm. At the largest accepted scale the enumeration is that of c_p = 1
// (the same couplings, energies scaled): counts by index equal; before the
// Levenberg–Marquardt cap was tested as a ratio (critical.Find) this run
// never ended.
func TestMixHugeCoefficient(t *testing.T) {
	for _, cmd := range []string{"hessian", "critical", "indexloss", "escape"} {
		code, out, stderr := runCmd(t, cmd, "-landscape", "mixed", "-mix", "2:1e308,3:1", "-n", "4", "-quiet")
		if code != 2 || out != "" || !strings.Contains(stderr, "-mix") || !strings.Contains(stderr, "1e+150") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, output %q, stderr %q; want exit 2, one line naming -mix and 1e+150", cmd, code, out, stderr)
		}
	}
	counts := func(mix string) []string {
		code, out, stderr := runCmd(t, "critical", "-landscape", "mixed", "-mix", mix, "-n", "4",
			"-realizations", "2", "-starts", "100", "-workers", "1", "-quiet", "-format", "csv")
		if code != 0 {
			t.Fatalf("-mix %s: exit %d, stderr %q", mix, code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var c []string
		for _, r := range recs[1:] {
			if len(r) > 1 && r[0] != "" && r[0][0] >= '0' && r[0][0] <= '9' {
				c = append(c, r[0]+":"+r[1])
			}
		}
		return c
	}
	one, huge := counts("2:1,3:1"), counts("2:1e150,3:1e150")
	if len(one) == 0 || strings.Join(one, " ") != strings.Join(huge, " ") {
		t.Errorf("counts by index: %v at c_p = 1, %v at c_p = 1e150; want equal", one, huge)
	}
	// Symmetrically, a nonzero coefficient below 1/MaxScale is refused
	// (before, `hessian` at c_3 = 1e-310 failed with a non-finite Lanczos
	// product, `critical` at 1e-160 asked to rescale the landscape), and
	// at the smallest accepted scale the enumeration is that of c_p = 1.
	for _, cmd := range []string{"hessian", "critical", "indexloss", "escape"} {
		code, out, stderr := runCmd(t, cmd, "-landscape", "mixed", "-mix", "2:1,3:1e-310", "-n", "4", "-quiet")
		if code != 2 || out != "" || !strings.Contains(stderr, "-mix") || !strings.Contains(stderr, "1e-150") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, output %q, stderr %q; want exit 2, one line naming -mix and 1e-150", cmd, code, out, stderr)
		}
	}
	if tiny := counts("2:1e-150,3:1e-150"); strings.Join(one, " ") != strings.Join(tiny, " ") {
		t.Errorf("counts by index: %v at c_p = 1, %v at c_p = 1e-150; want equal", one, tiny)
	}
}

// TestHessianTinyCurvature: a landscape whose Hessian has a norm near
// 1e-140 (mixed p-spin c_2 = 1e-140; a field with μ = 0 and ℓ = 1e70) is
// analysed; before, the eigenvalues panicked in gonum's Dsterf ("lapack:
// insufficient length of a", see spectra's dsterf) and the command crashed
// with a trace.
func TestHessianTinyCurvature(t *testing.T) {
	for _, args := range [][]string{
		{"-landscape", "mixed", "-n", "4", "-mix", "2:1e-140"},
		{"-landscape", "field", "-n", "4", "-mu", "0", "-length", "1e70"},
	} {
		code, _, stderr := runCmd(t, append([]string{"hessian", "-quiet", "-format", "json"}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
