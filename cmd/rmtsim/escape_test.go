package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/critical/escape"
)

// TestEscapeBadInput checks that every bad flag of `rmtsim escape` exits 2
// with one line naming the flag, and writes no output file.
func TestEscapeBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-step", "0"}, "-step = 0"},
		{[]string{"-step", "-0.1"}, "-step = -0.1"},
		{[]string{"-step", "NaN"}, "-step = NaN"},
		{[]string{"-step", "fast"}, "-step"},
		{[]string{"-beta", "1"}, "-beta = 1"},
		{[]string{"-sigma", "0"}, "-sigma = 0"},
		{[]string{"-epsilon", "-1"}, "-epsilon = -1"},
		{[]string{"-damping", "0"}, "-damping = 0"},
		{[]string{"-grad-tol", "0"}, "-grad-tol = 0"},
		{[]string{"-iters", "0"}, "-iters = 0"},
		{[]string{"-trials", "0"}, "-trials = 0"},
		{[]string{"-krylov", "0"}, "-krylov = 0"},
		{[]string{"-find-starts", "0"}, "-find-starts = 0"},
		{[]string{"-find-scale", "-1"}, "-find-scale = -1"},
		{[]string{"-landscape", "monkey"}, "-landscape = \"monkey\""},
		{[]string{"-trials", "2", "-shards", "3", "-shard", "0", "-format", "table"}, "which holds no realization of -trials = 2"},
		{[]string{"-delta", "-1e-3"}, "-delta = -0.001"},
		{[]string{"-delta", "NaN"}, "-delta = NaN"},
		{[]string{"-radius", "-1"}, "-radius = -1"},
		{[]string{"-drop", "Inf"}, "-drop = +Inf"},
		{[]string{"-radius", "0", "-drop", "0"}, "-radius = 0 and -drop = 0"},
		{[]string{"-methods", "gd,sgd"}, "-methods = \"gd,sgd\""},
		{[]string{"-methods", "gd,gd"}, "gd twice"},
		{[]string{"-landscape", "nope"}, "-landscape = \"nope\""},
		{[]string{"-landscape", "quadratic", "-index", "0"}, "-index = 0"},
		{[]string{"-landscape", "octopus", "-tau", "0"}, "tau = 0"},
		{[]string{"-landscape", "octopus", "-d", "0"}, "d = 0"},
		{[]string{"-landscape", "octopus", "-gamma", "NaN"}, "gamma = NaN"},
		// Found by the R2 review: makeslice panics and an out-of-memory crash.
		{[]string{"-landscape", "saddle2d", "-trials", "4611686018427387904"}, "-trials = 4611686018427387904"},
		{[]string{"-landscape", "pspin", "-n", "10", "-find-starts", "4611686018427387904"}, "-find-starts = 4611686018427387904"},
		{[]string{"-landscape", "octopus", "-d", "4611686018427387904"}, "d = 4611686018427387904"},
		{[]string{"-landscape", "octopus", "-d", "100000000"}, "-d: the octopus landscape has dimension 100000000"},
		{[]string{"-checkpoint-every", "-1s"}, "-checkpoint-every"},
		// Found by the R3 sweep: an iteration budget no run could spend.
		{[]string{"-iters", "4611686018427387904"}, "-iters = 4611686018427387904 would take"},
		// Found by the R3 sweep: values that failed late, in the smoothness
		// estimate or in the first trial (exit 1).
		{[]string{"-radius", "1e308"}, "-radius = 1e+308: the smoothness estimate"},
		{[]string{"-epsilon", "1e308"}, "-methods pgd with -epsilon = 1e+308"},
		{[]string{"-delta", "1e308"}, "-delta = 1e+308 with -radius = 1"},
		{[]string{"-kappa", "1e308"}, "-kappa = 1e+308"},
		{[]string{"-landscape", "octopus", "-tau", "1e308"}, "-tau = 1e+308"},
		{[]string{"-landscape", "octopus", "-gamma", "1e308"}, "-gamma = 1e+308"},
		{[]string{"-landscape", "octopus", "-delta", "1e308"}, "-delta = 1e+308: the loss at that distance"},
		// The figure's recorded trajectories (one sample per iteration)
		// were not counted against memory, and failed after the table.
		{[]string{"-iters", "100000000", "-plot", filepath.Join(dir, "e.svg")}, "-plot with -iters = 100000000: escape: Compare: Budget.Record with MaxIters = 100000000"},
		// A model flag the landscape does not read was ignored.
		{[]string{"-landscape", "saddle2d", "-n", "4"}, "-n does not apply to -landscape saddle2d, which reads -kappa"},
		{[]string{"-tau", "2"}, "-tau does not apply to -landscape quadratic, which reads -n, -index, -kappa"},
	}
	for _, c := range cases {
		base := []string{"escape", "-landscape", "quadratic", "-n", "4"}
		if slices.Contains(c.args, "-landscape") {
			base = base[:1] // -n is the quadratic's
		}
		args := append(append(base, c.args...), "-o", out)
		code, _, stderr := runCmd(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, code, stderr)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q, want one line containing %q", c.args, stderr, c.want)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("files left behind: %v", ents)
	}
}

// escapeCSV runs `rmtsim escape -format csv` and returns the rows by method.
func escapeCSV(t *testing.T, args ...string) map[string]map[string]float64 {
	t.Helper()
	code, out, stderr := runCmd(t, append([]string{"escape", "-format", "csv"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]float64{}
	for _, rec := range recs[1:] {
		row := map[string]float64{}
		for j, col := range recs[0][1:] {
			v := math.NaN() // an empty cell is a non-finite value
			if rec[j+1] != "" {
				if v, err = strconv.ParseFloat(rec[j+1], 64); err != nil {
					t.Fatalf("cell %q: %v", rec[j+1], err)
				}
			}
			row[col] = v
		}
		rows[rec[0]] = row
	}
	return rows
}

// TestEscapeJSONWorkers checks the JSON document (DESIGN.md), that the
// output does not depend on -workers (on a known and on a found saddle),
// and that it depends on -seed.
func TestEscapeJSONWorkers(t *testing.T) {
	// The field's saddle search takes 5 rounds of 2 starts at seed 1.
	for _, land := range [][]string{{"-landscape", "quadratic", "-n", "8", "-index", "2"}, {"-landscape", "pspin", "-n", "8", "-find-starts", "4"},
		{"-landscape", "field", "-n", "10", "-find-starts", "2"}} {
		args := append([]string{"escape", "-format", "json", "-trials", "5", "-iters", "300"}, land...)
		code, out1, stderr := runCmd(t, append(args, "-workers", "1")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", land, code, stderr)
		}
		_, out3, _ := runCmd(t, append(args, "-workers", "3")...)
		if out1 != out3 {
			t.Errorf("%v: output depends on -workers", land)
		}
		_, other, _ := runCmd(t, append(args, "-seed", "2")...)
		if other == out1 {
			t.Errorf("%v: output does not depend on -seed", land)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(out1), &doc); err != nil {
			t.Fatalf("bad JSON: %v\n%s", err, out1)
		}
		if doc["command"] != "escape" {
			t.Errorf("command = %v", doc["command"])
		}
		params := doc["params"].(map[string]any)
		for _, k := range []string{"workers", "o", "shard", "shards", "quiet", "at"} {
			if _, ok := params[k]; ok {
				t.Errorf("params must not hold %q", k)
			}
		}
		for _, k := range []string{"landscape", "n", "methods", "trials", "delta", "radius", "drop", "iters", "step", "krylov"} {
			if _, ok := params[k]; !ok {
				t.Errorf("params lack %q", k)
			}
		}
		rows := doc["rows"].([]any)
		if len(rows) != 8 {
			t.Errorf("%d rows, want one per method (8)", len(rows))
		}
		for _, r := range rows {
			row := r.(map[string]any)
			for _, k := range []string{"method", "escaped", "diverged", "iters_median", "grad_evals_median", "hvps_median", "hessians_median", "final_loss_median", "iters_theory"} {
				if _, ok := row[k]; !ok {
					t.Errorf("row %v lacks %q", row, k)
				}
			}
			if _, ok := row["seconds_median"]; ok {
				t.Error("seconds_median without -timings")
			}
		}
		sum := doc["summary"].(map[string]any)
		if idx, _ := sum["saddle_index"].(float64); idx < 1 {
			t.Errorf("%v: saddle index %v, want ≥ 1", land, sum["saddle_index"])
		}
	}
	rows := escapeCSV(t, "-landscape", "saddle2d", "-trials", "3", "-methods", "gd", "-timings")
	if s := rows["gd"]["seconds_median"]; !(s >= 0) {
		t.Errorf("-timings: seconds_median = %v", s)
	}
}

// TestEscapeDiverged checks a step-size sweep's too-large step: on the
// default quadratic (N = 50, κ = 0.5, ℓ = 1.1) -step 3 > 2/ℓ makes gd,
// momentum and noisy overflow in some trials before they escape. The
// command exited 1 with no table ("gd, trial 2: … f = +Inf"); it now prints
// every method's row, the diverged share next to escaped (diverged runs
// count as not escaped: the shares add up to at most 1), in the table, CSV
// and JSON, and shards holding diverged runs merge into the same bytes.
func TestEscapeDiverged(t *testing.T) {
	args := []string{"escape", "-landscape", "quadratic", "-step", "3", "-trials", "8"}
	code, out, stderr := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	if hdr := strings.Split(out, "\n")[2]; !strings.Contains(hdr, "│ escaped │ diverged │") {
		t.Errorf("table header %q, want a diverged column after escaped", hdr)
	}
	rows := escapeCSV(t, args[1:]...)
	if len(rows) != len(escape.Methods) {
		t.Fatalf("%d rows, want one per method (%d)", len(rows), len(escape.Methods))
	}
	for m, row := range rows {
		esc, div := row["escaped"], row["diverged"]
		if !(div >= 0 && esc+div <= 1+1e-12) {
			t.Errorf("%s: escaped %v, diverged %v; want shares adding up to at most 1", m, esc, div)
		}
		switch m {
		case "gd", "momentum", "noisy": // the methods -step sets
			if !(div > 0) {
				t.Errorf("%s with -step 3: diverged %v, want > 0", m, div)
			}
		default:
			if div != 0 {
				t.Errorf("%s: diverged %v, want 0 (its step does not depend on -step)", m, div)
			}
		}
	}
	var doc struct{ Rows []map[string]any }
	code, js, stderr := runCmd(t, append(args, "-format", "json")...)
	if err := json.Unmarshal([]byte(js), &doc); code != 0 || err != nil {
		t.Fatalf("JSON: exit %d, %v: %s", code, err, stderr)
	}
	for _, r := range doc.Rows {
		if d, ok := r["diverged"].(float64); !ok || d != rows[r["method"].(string)]["diverged"] {
			t.Errorf("JSON row %v: diverged %v, want the CSV's %v", r["method"], r["diverged"], rows[r["method"].(string)]["diverged"])
		}
	}
	checkMergeIdentical(t, []int{2, 3}, args...)
}

// TestEscapeQuadraticTheory checks the behaviour issue 5 asks for on a
// quadratic saddle of index 1 (κ = 0, N = 20, eigenvalues −1 and
// 1/19, …, 1): GD's median escape time matches the linear law
// ln(R/δ')/ln(1 + η|λ_min|) (THEORY.md, Escape), δ' = δ|⟨u, v_min⟩| the
// start's component along the unstable direction: each trial escapes at
// the first whole iteration past its theory (the stable components, at most
// δ ≪ R, cannot bring the escape a step earlier), so 0 ≤ median − theory
// median ≤ 1; GD's time grows like
// ln(1/δ) (the difference between δ = 1e-3 and 1e-7 is ln(1e4)/ln(1 + η)
// within 1, the two medians' ceilings); Newton converges to the
// saddle (escapes in no trial); SFN and NCE escape in every trial in fewer
// iterations than GD.
func TestEscapeQuadraticTheory(t *testing.T) {
	base := []string{"-landscape", "quadratic", "-n", "20", "-index", "1", "-kappa", "0", "-trials", "21"}
	r3 := escapeCSV(t, append(base, "-delta", "1e-3")...)
	r7 := escapeCSV(t, append(base, "-delta", "1e-7")...)
	for _, rows := range []map[string]map[string]float64{r3, r7} {
		gd := rows["gd"]
		if gd["escaped"] != 1 {
			t.Fatalf("gd escaped %v, want 1", gd["escaped"])
		}
		if d := gd["iters_median"] - gd["iters_theory"]; !(d >= -1e-9 && d <= 1) {
			t.Errorf("gd: median %v iterations, theory %v: want 0 ≤ median − theory ≤ 1", gd["iters_median"], gd["iters_theory"])
		}
		if rows["newton"]["escaped"] != 0 {
			t.Errorf("newton escaped in %v of the trials, want 0 (it converges to the saddle)", rows["newton"]["escaped"])
		}
		if rows["newton"]["final_loss_median"] != 0 && math.Abs(rows["newton"]["final_loss_median"]) > 1e-12 {
			t.Errorf("newton final loss %v, want the saddle's 0", rows["newton"]["final_loss_median"])
		}
		for _, m := range []string{"sfn", "nce"} {
			if rows[m]["escaped"] != 1 || !(rows[m]["iters_median"] < gd["iters_median"]) {
				t.Errorf("%s: escaped %v in %v iterations, want every trial in fewer than gd's %v", m, rows[m]["escaped"], rows[m]["iters_median"], gd["iters_median"])
			}
		}
	}
	// Both runs use the same directions (same seed) and the same η, so the
	// theory medians differ by exactly ln(1e4)/ln(1 + η|λ_min|).
	want := r7["gd"]["iters_theory"] - r3["gd"]["iters_theory"]
	dMeas := r7["gd"]["iters_median"] - r3["gd"]["iters_median"]
	if !(math.Abs(dMeas-want) <= 1+1e-9) {
		t.Errorf("gd: δ 1e-3 → 1e-7 adds %v iterations, want ln(1e4)/ln(1+η|λ_min|) = %.1f", dMeas, want)
	}
}

// TestEscapeOctopus checks Du et al. (NIPS 2017) through the command: from
// the octopus's first saddle, GD needs a number of iterations to pass its
// last saddle that grows by a factor of about 1 + ln(1/(1−2ηL))/ln(1+2ηγ)
// per dimension (≈ 4.0 with η = 1/ℓ, ℓ = 34.7 for τ = L = e, γ = 1; see
// TestOctopusGDExponential in landscapes), asserted ≥ 3 from d = 2 to 3 to
// 4, and fails within 100000 iterations at d = 6 (predicted ≈ 2·10⁵; in
// float64 the coordinate x_6 even underflows), while perturbed GD escapes in
// every trial at every d = 2…6.
func TestEscapeOctopus(t *testing.T) {
	var prev float64
	for d := 2; d <= 6; d++ {
		rows := escapeCSV(t, "-landscape", "octopus", "-d", strconv.Itoa(d), "-methods", "gd,pgd", "-trials", "3", "-iters", "100000")
		gd, pgd := rows["gd"], rows["pgd"]
		t.Logf("d=%d: gd escaped %v in %v iterations; pgd escaped %v in %v", d, gd["escaped"], gd["iters_median"], pgd["escaped"], pgd["iters_median"])
		if pgd["escaped"] != 1 {
			t.Errorf("d=%d: pgd escaped in %v of the trials, want all", d, pgd["escaped"])
		}
		switch {
		case d <= 4 && gd["escaped"] != 1:
			t.Errorf("d=%d: gd escaped in %v of the trials within 100000 iterations, want all", d, gd["escaped"])
		case d <= 4 && d > 2 && gd["iters_median"] < 3*prev:
			t.Errorf("d=%d: gd needs %v iterations, < 3 × %v at d−1", d, gd["iters_median"], prev)
		case d == 6 && gd["escaped"] != 0:
			t.Errorf("d=6: gd escaped in %v of the trials, want none within 100000 iterations", gd["escaped"])
		}
		prev = gd["iters_median"]
	}
}

// TestEscapePSpin runs every method from a saddle of a small 3-spin found by
// the saddle search: Newton is attracted by the saddle (Dauphin et al., NIPS
// 2014), every other method escapes in every trial; and a small network's
// saddle.
func TestEscapePSpin(t *testing.T) {
	rows := escapeCSV(t, "-landscape", "pspin", "-n", "12", "-trials", "6", "-find-starts", "6", "-radius", "0.5")
	for _, m := range []string{"gd", "pgd", "sfn", "sfn-krylov", "nce", "momentum", "noisy"} {
		if rows[m]["escaped"] != 1 {
			t.Errorf("%s escaped in %v of the trials, want all", m, rows[m]["escaped"])
		}
	}
	if rows["newton"]["escaped"] != 0 {
		t.Errorf("newton escaped in %v of the trials, want none", rows["newton"]["escaped"])
	}
	if rows["sfn-krylov"]["hvps_median"] == 0 || rows["gd"]["hvps_median"] != 0 {
		t.Errorf("HVPs: sfn-krylov %v (want > 0), gd %v (want 0)", rows["sfn-krylov"]["hvps_median"], rows["gd"]["hvps_median"])
	}
	// Dense Hessians: one per iteration of sfn and newton (so at least
	// sfn's iterations), none for the methods that use only products.
	if h, it := rows["sfn"]["hessians_median"], rows["sfn"]["iters_median"]; !(h >= it && it > 0) {
		t.Errorf("sfn formed %v dense Hessians in a median of %v iterations, want at least one per iteration", h, it)
	}
	for _, m := range []string{"gd", "sfn-krylov", "nce", "momentum"} {
		if rows[m]["hessians_median"] != 0 {
			t.Errorf("%s formed %v dense Hessians, want 0 (it uses gradients or products only)", m, rows[m]["hessians_median"])
		}
	}
	// A small network's saddle with the escape defaults but the iteration
	// budget (degenerate, as network saddles usually are): GD and SFN
	// escape, Newton does not. Which saddle the search returns depends on
	// the rounding of its Newton iterations (since the eigensolver changed
	// it is one of index 2 with λ_min = −0.0038, where GD's escape-time law
	// gives 8642 iterations and the trials took 11 523 in the median, above
	// the default budget of 10 000), so the budget is 10⁵.
	rows = escapeCSV(t, "-landscape", "mlp", "-trials", "3", "-methods", "gd,sfn,newton", "-iters", "100000")
	if rows["gd"]["escaped"] != 1 || rows["sfn"]["escaped"] != 1 || rows["newton"]["escaped"] != 0 {
		t.Errorf("mlp: escaped gd %v, sfn %v, newton %v; want 1, 1, 0", rows["gd"]["escaped"], rows["sfn"]["escaped"], rows["newton"]["escaped"])
	}
}

// TestEscapeDefaults runs every landscape with every method and the
// command's defaults (only -landscape and -trials 3 given): issue 5 asks that
// every method runs on every landscape. It checks exit 0, a saddle of index
// ≥ 1 (index 1 for the p-spins and the field, the smallest index the search
// looks for, which it finds in its first round at seed 1), one row per
// method, that every method but Newton escapes in some trial, and that
// Newton, attracted by saddles (Dauphin et al. 2014), escapes in no trial
// from the non-degenerate known saddles (quadratic, saddle2d), where the
// starts lie in its quadratic basin. On the found saddles Newton may or may
// not escape, so its share is not asserted there.
func TestEscapeDefaults(t *testing.T) {
	for _, land := range escapeKinds {
		code, out, stderr := runCmd(t, "escape", "-landscape", land, "-trials", "3", "-quiet", "-format", "json")
		if code != 0 {
			t.Errorf("%s: exit %d: %s", land, code, stderr)
			continue
		}
		var doc struct {
			Summary map[string]any   `json:"summary"`
			Rows    []map[string]any `json:"rows"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v", land, err)
		}
		idx, _ := doc.Summary["saddle_index"].(float64)
		if idx < 1 || (land == "pspin" || land == "mixed" || land == "field") && idx != 1 {
			t.Errorf("%s: saddle index %v, want ≥ 1 (1 for pspin, mixed, field)", land, doc.Summary["saddle_index"])
		}
		rows := map[string]map[string]any{}
		for _, r := range doc.Rows {
			rows[r["method"].(string)] = r
		}
		if len(doc.Rows) != len(escape.Methods) {
			t.Errorf("%s: %d rows, want one per method (%d)", land, len(doc.Rows), len(escape.Methods))
		}
		for _, m := range escape.Methods {
			row, ok := rows[m]
			if !ok {
				t.Errorf("%s: no row for %s", land, m)
				continue
			}
			esc, _ := row["escaped"].(float64)
			switch {
			case m == "newton":
				if (land == "quadratic" || land == "saddle2d") && esc != 0 {
					t.Errorf("%s: newton escaped in %v of the trials, want none", land, esc)
				}
			case !(esc > 0):
				t.Errorf("%s: %s escaped in %v of the trials, want some", land, m, row["escaped"])
			}
		}
	}
}

// TestEscapeSearchFails checks that a saddle search that ends at minima only
// after its 8 rounds (the field at N = 20 from 2 starts per round, seed 4;
// seed 1 did before EstimateSmoothness's ρ took the power iteration, whose
// larger ρ caps the search's Newton steps more) exits 1 with one line saying
// so.
func TestEscapeSearchFails(t *testing.T) {
	code, _, stderr := runCmd(t, "escape", "-landscape", "field", "-n", "20", "-find-starts", "2", "-trials", "1", "-methods", "gd", "-seed", "4")
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "no critical point of index ≥ 1 in 8 rounds of 2 starts") {
		t.Errorf("exit %d, stderr %q; want 1 and one line on the failed search", code, stderr)
	}
}

// TestEscapeSmallDefaults checks the escape-specific defaults: the mlp's
// and the octopus's smaller sizes and the mlp's start scale apply when the
// flags are not given, are recorded in the params, and yield to the flags.
func TestEscapeSmallDefaults(t *testing.T) {
	cases := []struct {
		args []string
		want map[string]float64
	}{
		{[]string{"-landscape", "mlp"}, map[string]float64{"d": 4, "hidden": 4, "data": 100, "find_scale": 0.1}},
		{[]string{"-landscape", "mlp", "-d", "3", "-data", "60", "-find-scale", "0.2"}, map[string]float64{"d": 3, "hidden": 4, "data": 60, "find_scale": 0.2}},
		{[]string{"-landscape", "octopus"}, map[string]float64{"d": 3}},
		{[]string{"-landscape", "octopus", "-d", "2"}, map[string]float64{"d": 2}},
		{[]string{"-landscape", "field", "-n", "10"}, map[string]float64{"n": 10, "find_scale": 1}},
	}
	for _, c := range cases {
		code, out, stderr := runCmd(t, append([]string{"escape", "-methods", "gd", "-trials", "1", "-quiet", "-format", "json"}, c.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
			continue
		}
		var doc struct {
			Params map[string]any `json:"params"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		for k, w := range c.want {
			if got, _ := doc.Params[k].(float64); got != w {
				t.Errorf("%v: params %s = %v, want %v", c.args, k, doc.Params[k], w)
			}
		}
	}
}

// TestEscapePlot checks that -plot writes an SVG and a PNG atomically.
func TestEscapePlot(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"loss.svg", "loss.png"} {
		path := filepath.Join(dir, name)
		code, _, stderr := runCmd(t, "escape", "-landscape", "saddle2d", "-trials", "2", "-iters", "200", "-plot", path, "-o", filepath.Join(dir, "out.txt"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 1000 {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
		if name == "loss.svg" && !bytes.Contains(b, []byte("sfn-krylov")) {
			t.Error("the SVG has no legend entry for sfn-krylov")
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("files %v, want the two plots and the output", ents)
	}
}

// BenchmarkEscapePSpin is a small version of the speed target of issue 5
// (`rmtsim escape -landscape pspin -p 3 -n 50 -trials 100`, all methods).
func BenchmarkEscapePSpin(b *testing.B) {
	benchEscape(b, "-landscape", "pspin", "-n", "20", "-trials", "10", "-workers", "2")
}

// BenchmarkEscapePSpinTarget is the speed target of issue 5 itself, on two
// workers: under 60 s per operation (run with -benchtime 1x).
func BenchmarkEscapePSpinTarget(b *testing.B) {
	benchEscape(b, "-landscape", "pspin", "-p", "3", "-n", "50", "-trials", "100", "-workers", "2")
}

// benchEscape runs `rmtsim escape` with args b.N times.
func benchEscape(b *testing.B, args ...string) {
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		if code := run(context.Background(), append([]string{"escape", "-quiet"}, args...), &out, &errb); code != 0 {
			b.Fatal(errb.String())
		}
	}
}

// TestHessianOctopus checks that `rmtsim hessian` takes the octopus flags:
// at the origin, its first saddle, the Hessian is diag(−2γ, 2L, …, 2L).
func TestHessianOctopus(t *testing.T) {
	code, out, stderr := runCmd(t, "hessian", "-landscape", "octopus", "-d", "5", "-gamma", "1.5", "-L", "2", "-at", "origin", "-format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"lambda_min": -3, "lambda_max": 4, "index": 1}
	for _, rec := range recs[1:] {
		if w, ok := want[rec[0]]; ok {
			if got, err := strconv.ParseFloat(rec[2], 64); err != nil || math.Abs(got-w) > 1e-12 {
				t.Errorf("%s: exact %q, want %v", rec[0], rec[2], w)
			}
		}
	}
}

// TestEscapeSaddleMemo: a saddle is searched once per key (what `rmtsim run`
// relies on to validate an escape run and then run it without a second
// search), the memo hands out copies, and a failed search is not
// remembered.
func TestEscapeSaddleMemo(t *testing.T) {
	var m escapeSaddleMemo
	calls := 0
	search := func() ([]float64, string, error) {
		calls++
		return []float64{1, 2}, "found", nil
	}
	x, how, err := m.find("a", search)
	if err != nil || how != "found" || len(x) != 2 {
		t.Fatalf("first find: %v %q %v", x, how, err)
	}
	x[0] = 99 // the caller's copy
	y, _, _ := m.find("a", search)
	if calls != 1 || y[0] != 1 {
		t.Errorf("second find: %d searches, x = %v; want 1 search and x[0] = 1", calls, y)
	}
	if _, _, err := m.find("b", func() ([]float64, string, error) { return nil, "", errors.New("cancelled") }); err == nil {
		t.Error("failed search: no error")
	}
	if _, _, err := m.find("b", search); err != nil || calls != 2 {
		t.Errorf("after a failed search: %d searches, err %v; want a new search", calls, err)
	}
}

// TestEscapeTheoryApplicability: iters_theory, the linearised escape time
// ln(R/δ′)/ln(1 + η|λ_min|) of gradient descent (THEORY.md, Escape), is the
// time for the start's λ_min component to reach distance R, so it is shown
// only when that component is the one the linearised iteration amplifies
// fastest and the distance test alone decides the escape. (1) With -step
// 0.5 on the 3-spin at N = 20 (ℓ = 8.55, λ_min = −0.216: η(λ_max − |λ_min|)
// = 3.8 > 2, the stable components grow by |1 − ηλ_max| = 2.9 per step
// against 1 + η|λ_min| = 1.11) gd escaped in none of 20 trials while the
// table printed iters_theory 85; the law does not apply: "—"/NaN. (At
// N = 12, η(λ_max − |λ_min|) = 3.7, the runs bounce about the sphere and
// 20 of 20 "escape" after 29 iterations, and at -step 0.3 after 66 against
// the law's 50: not the linear mechanism either.) (2) With -drop on as well a run escapes by its loss first (12
// iterations against the law's 14.3 at N = 20, κ = 0, drop 0.01): NaN.
// The default step 1/ℓ keeps the law (η(λ_max − |λ_min|) < 1).
func TestEscapeTheoryApplicability(t *testing.T) {
	big := escapeCSV(t, "-landscape", "pspin", "-n", "20", "-methods", "gd", "-trials", "20", "-step", "0.5")
	if gd := big["gd"]; !math.IsNaN(gd["iters_theory"]) {
		t.Errorf("pspin -step 0.5: gd escaped %v, iters_theory %v; want NaN (the law does not apply)", gd["escaped"], gd["iters_theory"])
	}
	def := escapeCSV(t, "-landscape", "pspin", "-n", "20", "-methods", "gd", "-trials", "20")
	if v := def["gd"]["iters_theory"]; math.IsNaN(v) {
		t.Errorf("pspin default step: iters_theory NaN, want the law")
	}
	quad := []string{"-landscape", "quadratic", "-n", "20", "-kappa", "0", "-methods", "gd", "-trials", "21"}
	drop := escapeCSV(t, append(quad, "-drop", "0.01")...)
	if gd := drop["gd"]; !math.IsNaN(gd["iters_theory"]) {
		t.Errorf("quadratic -drop 0.01: gd escaped in %v iterations, iters_theory %v; want NaN (the loss test decides first)", gd["iters_median"], gd["iters_theory"])
	}
	if v := escapeCSV(t, quad...)["gd"]["iters_theory"]; math.IsNaN(v) {
		t.Errorf("quadratic, distance test only: iters_theory NaN, want the law")
	}
}
