package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// writeShards runs a command as `shards` shards (shard i with 1 + i%3
// workers) into dir and returns the shard files, each written with -o.
func writeShards(t *testing.T, dir string, shards int, args ...string) []string {
	t.Helper()
	var files []string
	for i := range shards {
		f := filepath.Join(dir, fmt.Sprintf("%s-%d-of-%d.json", args[0], i, shards))
		a := append(append([]string{}, args...), "-shard", fmt.Sprint(i), "-shards", fmt.Sprint(shards),
			"-workers", fmt.Sprint(1+i%3), "-quiet", "-o", f)
		if shards == 1 {
			a = append(a, "-format", "shard")
		}
		if code, _, stderr := runCmd(t, a...); code != 0 {
			t.Fatalf("%v: exit %d: %s", a, code, stderr)
		}
		files = append(files, f)
	}
	return files
}

// allShardCounts are the splits checkMergeIdentical tries.
var allShardCounts = []int{1, 2, 3, 7}

// checkMergeIdentical checks the contract of `rmtsim merge`: for each number
// of shards, merged in reverse order, the outputs are byte-identical to those
// of the unsharded run, in JSON (1, 3 and 7 shards) and as a table (2 and 7
// shards; each merge finalizes the whole study, so not every pair is run;
// any other count, both).
func checkMergeIdentical(t *testing.T, counts []int, args ...string) {
	t.Helper()
	dir := t.TempDir()
	want := map[string]string{}
	for _, format := range []string{"table", "json"} {
		code, out, stderr := runCmd(t, append(append([]string{}, args...), "-format", format, "-quiet", "-workers", "2")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		want[format] = out
	}
	for _, shards := range counts {
		files := writeShards(t, dir, shards, args...)
		rev := make([]string, len(files))
		for i, f := range files {
			rev[len(files)-1-i] = f
		}
		formats, ok := map[int][]string{1: {"json"}, 2: {"table"}, 3: {"json"}, 7: {"table", "json"}}[shards]
		if !ok {
			formats = []string{"table", "json"}
		}
		for _, format := range formats {
			code, out, stderr := runCmd(t, append([]string{"merge", "-format", format}, rev...)...)
			if code != 0 {
				t.Fatalf("%v, %d shards: merge exit %d: %s", args, shards, code, stderr)
			}
			if out != want[format] {
				t.Errorf("%v, %d shards, -format %s: merged output differs from the unsharded run\nmerged:\n%s\nunsharded:\n%s", args, shards, format, out, want[format])
			}
		}
	}
}

// TestMergeSpectrum checks merge byte-identity for ensembles with a
// Tracy–Widom edge (GOE, GUE, real Wishart), with a BBP outlier (spiked
// Wigner), a free convolution (wishart-wigner Hessian), a generalized
// Marchenko–Pastur law (correlated Wishart) and a deformed semicircle
// (deformed Wigner).
func TestMergeSpectrum(t *testing.T) {
	for _, a := range [][]string{
		{"-ensemble", "goe"},
		{"-ensemble", "gue", "-method", "dense"},
		{"-ensemble", "wishart", "-m", "30"},
		{"-ensemble", "spiked-wigner", "-theta", "2"},
		{"-ensemble", "hessian", "-model", "wishart-wigner", "-sigma", "0.3"},
		{"-ensemble", "correlated-wishart", "-pop", "1:0.25,3:0.75"},
		{"-ensemble", "deformed-wigner", "-pop", "-1:0.25,0.5:0.75", "-sigma", "0.3"},
	} {
		checkMergeIdentical(t, allShardCounts, append([]string{"spectrum", "-n", "20", "-samples", "15"}, a...)...)
	}
}

// TestMergeMinima checks merge byte-identity for the minima table, whose
// Monte Carlo column is a ratio of merged integer counts.
func TestMergeMinima(t *testing.T) {
	checkMergeIdentical(t, allShardCounts, "minima", "-nmax", "5", "-samples", "400", "-mc-nmax", "4")
}

// TestMergeCritical checks merge byte-identity for the critical-point
// commands on the pure p-spin: critical (an exact tally) and indexloss
// (every point, in realization order, binned by energy after the merge).
// Every run evaluates the exact Kac–Rice theory (a fifth of a second), so
// two splits are tried here; TestMergeLandscapes tries all of them on the
// other landscapes, through the same state code.
func TestMergeCritical(t *testing.T) {
	checkMergeIdentical(t, []int{2, 7}, "critical", "-n", "3", "-realizations", "7", "-starts", "30")
	checkMergeIdentical(t, []int{2, 7}, "indexloss", "-n", "4", "-realizations", "7", "-starts", "30", "-bins", "3")
}

// TestMergeCriticalOldShard checks that merge refuses a critical shard
// written before the tally held the per-realization energy sums (its state
// without energy_sq, energy_count and energy_realizations), or before it
// held the saddle sums (without saddle_sums), with one line saying so,
// rather than reporting a wrong energy_stderr or saddle_ratio.
func TestMergeCriticalOldShard(t *testing.T) {
	dir := t.TempDir()
	s := writeShards(t, dir, 2, "critical", "-n", "3", "-realizations", "4", "-starts", "30")
	b, err := os.ReadFile(s[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ re, key string }{
		{`"energy_(sq|count|realizations)":\[[^\]]*\],`, "energy_sq"},
		{`"saddle_sums":\{[^}]*\},`, "saddle_sums"},
	} {
		old := regexp.MustCompile(c.re).ReplaceAll(b, nil)
		if n := len(b) - len(old); n == 0 || strings.Contains(string(old), c.key) {
			t.Fatalf("shard state holds no %s to remove:\n%s", c.key, b)
		}
		bad := filepath.Join(dir, "old.json")
		if err := os.WriteFile(bad, old, 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := runCmd(t, "merge", s[0], bad)
		if code != 1 || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "older rmtsim") {
			t.Errorf("merging a shard without %s: exit %d, stdout %q, stderr %q; want 1, nothing, one line naming an older rmtsim", c.key, code, out, stderr)
		}
	}
}

// TestMergeLandscapes checks merge byte-identity for critical and indexloss
// on the other landscapes — mixed p-spin, Gaussian field, network (no
// theory, no Morse check), where the field's theory comes from the first
// realization's landscape — and for the Pennington–Bahri Hessian model,
// whose realizations are sampled Hessians and whose Spearman correlation
// needs every sample, in order.
func TestMergeLandscapes(t *testing.T) {
	mlp := []string{"-landscape", "mlp", "-realizations", "7", "-starts", "30", "-d", "1", "-hidden", "1", "-data", "10"}
	checkMergeIdentical(t, allShardCounts, "critical", "-landscape", "mixed", "-n", "4", "-realizations", "7", "-starts", "60")
	checkMergeIdentical(t, allShardCounts, append([]string{"critical"}, mlp...)...)
	checkMergeIdentical(t, allShardCounts, "indexloss", "-landscape", "field", "-n", "3", "-features", "50", "-realizations", "7", "-starts", "40", "-bins", "3")
	checkMergeIdentical(t, allShardCounts, append([]string{"indexloss", "-bins", "2"}, mlp...)...)
	checkMergeIdentical(t, allShardCounts, "indexloss", "-landscape", "hessian-model", "-n", "20", "-samples", "7", "-bins", "3")
}

// TestMergeAlteredPoints: an indexloss shard whose points were edited by
// hand (an index beyond the dimension, a fraction that is not index/d, a
// record that is not three numbers) is refused; before, merge printed them.
func TestMergeAlteredPoints(t *testing.T) {
	files := writeShards(t, t.TempDir(), 2, "indexloss", "-landscape", "mixed", "-n", "4", "-realizations", "2", "-starts", "50")
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`("points":\[\[[^,\]]+),([0-9]+),([^\]]+)\]`)
	if !re.Match(b) {
		t.Fatalf("no points in %s", b)
	}
	for _, c := range []struct{ repl, want string }{
		{`$1,1000000,333333.3333333333]`, "want an integer in [0, 3]"},
		{`$1,1,0.5]`, "want index/3"},
		// Records of another length were read as points of energy 0
		// and index 0 (a Go array filled from a shorter JSON array).
		{`"points":[[]`, "want [energy, index, index fraction]"},
		{`"points":[[0]`, "want [energy, index, index fraction]"},
		{`$1,$2,$3,7]`, "want [energy, index, index fraction]"},
	} {
		bad := filepath.Join(filepath.Dir(files[0]), "bad.json")
		if err := os.WriteFile(bad, re.ReplaceAll(b, []byte(c.repl)), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runCmd(t, "merge", bad, files[1]); code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("merging %s: exit %d, stderr %q; want 1 and %q", c.repl, code, stderr, c.want)
		}
	}
}

// TestMergeAlteredFractions: a hessian-model shard whose index fractions
// were edited (above 1, or not k/n) is refused; before, merge printed them.
func TestMergeAlteredFractions(t *testing.T) {
	files := writeShards(t, t.TempDir(), 2, "indexloss", "-landscape", "hessian-model", "-n", "20", "-samples", "4", "-bins", "2")
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`("fractions":\[\[)([0-9.e+-]+)`)
	if !re.Match(b) {
		t.Fatalf("no fractions in %s", b)
	}
	for _, c := range []struct{ repl, want string }{{"${1}1.5", "index fraction 1.5"}, {"${1}0.123", "index fraction 0.123"}} {
		bad := filepath.Join(filepath.Dir(files[0]), "bad.json")
		if err := os.WriteFile(bad, re.ReplaceAll(b, []byte(c.repl)), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runCmd(t, "merge", bad, files[1]); code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("merging %s: exit %d, stderr %q; want 1 and %q", c.repl, code, stderr, c.want)
		}
	}
	if code, _, stderr := runCmd(t, "merge", files[0], files[1]); code != 0 {
		t.Errorf("merging the unaltered shards: exit %d, %s", code, stderr)
	}
}

// TestMergeEscape checks merge byte-identity for rmtsim escape, whose
// realizations are the trials and whose state holds per-trial run records:
// on a known saddle (the quadratic, with the theory column), on a saddle
// that every shard and the merge find again by the saddle search (3-spin),
// and on the octopus (loss-drop test, no theory: NaN per trial).
func TestMergeEscape(t *testing.T) {
	checkMergeIdentical(t, []int{1, 2, 3}, "escape", "-landscape", "quadratic", "-n", "8", "-index", "2", "-trials", "7")
	checkMergeIdentical(t, []int{1, 2, 3}, "escape", "-landscape", "pspin", "-n", "8", "-find-starts", "4", "-trials", "5", "-iters", "300")
	checkMergeIdentical(t, []int{2, 3}, "escape", "-landscape", "octopus", "-d", "2", "-trials", "3", "-methods", "gd,pgd,nce", "-iters", "2000")
}

// TestMergeEscapeBadState checks that merge refuses an escape shard whose
// state does not fit its params: another method list, trials out of order, a
// run that escaped without an escape iteration or after the budget -iters,
// an unknown stop reason.
func TestMergeEscapeBadState(t *testing.T) {
	dir := t.TempDir()
	s := writeShards(t, dir, 2, "escape", "-landscape", "saddle2d", "-trials", "4", "-methods", "gd,sfn")
	b, err := os.ReadFile(s[1])
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ old, new, want string }{
		{`"methods":["gd","sfn"]`, `"methods":["sfn","gd"]`, "escape state of methods [sfn gd], want [gd sfn]"},
		{`{"trial":2,`, `{"trial":1,`, "trial 3 at position 1, want consecutive trials"},
		{`"escape_iter":`, `"escape_iter":-1,"x":`, "escape iteration in [0, -iters = 10000] if escaped"},
		{`"escape_iter":`, `"escape_iter":10001,"x":`, "escaped true at iteration 10001"},
		{`"stop":"escaped"`, `"stop":"gone"`, `stop "gone"`},
	} {
		if !strings.Contains(string(b), c.old) {
			t.Fatalf("shard state lacks %q:\n%s", c.old, b)
		}
		bad := filepath.Join(dir, fmt.Sprintf("bad%d.json", i))
		os.WriteFile(bad, []byte(strings.Replace(string(b), c.old, c.new, 1)), 0o644)
		code, _, stderr := runCmd(t, "merge", s[0], bad)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s → %s: exit %d, stderr %q; want 1 and %q", c.old, c.new, code, stderr, c.want)
		}
	}
}

// TestExactFloat checks that exactFloat, the float of the escape state,
// round-trips every float64 through JSON bit for bit, non-finite values and
// −0 included, and refuses strings that are no float.
func TestExactFloat(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 0.1, -1.0 / 3, 5e-324, math.MaxFloat64, 1e21, math.NaN(), math.Inf(1), math.Inf(-1)} {
		b, err := json.Marshal(exactFloat(v))
		if err != nil {
			t.Fatalf("%v: %v", v, err)
		}
		var got exactFloat
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%v as %s: %v", v, b, err)
		}
		if math.Float64bits(float64(got)) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(float64(got))) {
			t.Errorf("%v encoded as %s decodes to %v", v, b, float64(got))
		}
	}
	for _, bad := range []string{`"1.5"`, `"inf"`, `true`, `"x"`} {
		var f exactFloat
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("exactFloat accepted %s as %v", bad, float64(f))
		}
	}
}

// TestMergeErrors checks that merge refuses shards of different experiments,
// gaps, overlaps, altered and foreign files, each with a message naming the
// problem, and writes no output.
func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	base := []string{"spectrum", "-n", "10", "-samples", "9"}
	s3 := writeShards(t, dir, 3, base...)
	other := writeShards(t, t.TempDir(), 3, "spectrum", "-n", "11", "-samples", "9")
	seed := writeShards(t, t.TempDir(), 3, append(base, "-seed", "7")...)
	mini := writeShards(t, t.TempDir(), 3, "minima", "-nmax", "3", "-samples", "9")
	s2 := writeShards(t, t.TempDir(), 2, base...)
	result := filepath.Join(dir, "result.json")
	if code, _, stderr := runCmd(t, append(base, "-format", "json", "-o", result)...); code != 0 {
		t.Fatal(stderr)
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not json"), 0o644)
	alter := func(name, old, new string) string {
		b, _ := os.ReadFile(s3[1])
		if !strings.Contains(string(b), old) {
			t.Fatalf("shard file lacks %q", old)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
		return p
	}
	versioned := alter("v.json", `"version": "`+version+`"`, `"version": "0.0.1"`)
	tampered := alter("t.json", `"n":10`, `"n":12`)
	b1, _ := os.ReadFile(s3[1])
	twice := filepath.Join(dir, "twice.json") // the object written twice: it was read once
	os.WriteFile(twice, append(b1, b1...), 0o644)
	out := filepath.Join(dir, "merged.txt")
	for _, c := range []struct {
		files []string
		want  string
	}{
		{[]string{s3[0], s3[2]}, "realizations [3, 6) missing"},
		{[]string{s3[0], s3[1]}, "realizations [6, 9) missing"},
		{[]string{s3[1], s3[2]}, "realizations [0, 3) missing"},
		{[]string{s3[0], s3[1], s3[2], s3[1]}, "realizations [3, 6) doubled"},
		{[]string{s3[0], s3[1], s3[2], s2[1]}, "realizations [4, 6) doubled"},
		{[]string{s3[0], s3[2], s2[1]}, "realizations [6, 9) doubled"},
		{[]string{s2[0], s3[1], s3[2]}, "realizations [3, 4) doubled"},
		{[]string{s3[0], other[1], s3[2]}, "params differ: -n=10 and -n=11"},
		{[]string{s3[0], seed[1], s3[2]}, "seed 1 and 7"},
		{[]string{s3[0], mini[1]}, "command spectrum and minima"},
		{[]string{s3[0], result}, "not an rmtsim shard file"},
		{[]string{text}, "not an rmtsim shard file"},
		{[]string{filepath.Join(dir, "absent.json")}, "absent.json"},
		{[]string{s3[0], versioned, s3[2]}, "written by rmtsim 0.0.1"},
		{[]string{tampered}, "does not match its params"},
		{[]string{s3[0], twice, s3[2]}, "data after the shard object"},
	} {
		code, stdout, stderr := runCmd(t, append([]string{"merge", "-o", out}, c.files...)...)
		if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("merge %v: exit %d, stderr %q; want 1 and one line containing %q", c.files, code, stderr, c.want)
		}
		if stdout != "" {
			t.Errorf("merge %v printed %q", c.files, stdout)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("merge %v wrote its output despite the error", c.files)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"merge"}, "no shard files"},
		{[]string{"merge", "-format", "npy", s3[0]}, "-format"},
		{[]string{"merge", "-format", "shard", "-plot", "x.svg", s3[0]}, "-plot"},
		{[]string{"merge", "-plot", "x.pdf", s3[0]}, "-plot"},
		{[]string{"merge", "-o", s3[0], s3[0], s3[1], s3[2]}, "is also the shard file"},
		{[]string{"merge", s3[0], s3[1], s3[2], "-format", "json"}, "flags go before them"},
		{append(base, "-shard", "1", "-shards", "3", "-plot", filepath.Join(dir, "x.svg")), "rmtsim merge -plot"},
		{[]string{"spectrum", "-samples", "2", "-shard", "0", "-shards", "3", "-format", "table"}, "-format table with -shard = 0 of -shards = 3, which holds no realization of -samples = 2"},
		{[]string{"hessian", "-format", "shard"}, "-format"},
		{[]string{"hessian", "-shards", "2"}, "analyses one point"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line containing %q", c.args, code, stderr, c.want)
		}
	}
	// The refused -o left its shard file intact: the three still merge.
	if code, _, stderr := runCmd(t, "merge", s3[0], s3[1], s3[2]); code != 0 {
		t.Errorf("merge after a refused -o onto a shard: exit %d, %s", code, stderr)
	}
	// An output reached through a symbolic link to a shard is the shard.
	link := filepath.Join(dir, "link.svg")
	if err := os.Symlink(s3[1], link); err == nil {
		if code, _, stderr := runCmd(t, "merge", "-plot", link, s3[0], s3[1], s3[2]); code != 2 || !strings.Contains(stderr, "is also the shard file") {
			t.Errorf("merge -plot through a link to a shard: exit %d, stderr %q", code, stderr)
		}
	}
}

// TestShardPartialReport checks that an explicit -format with -shards > 1
// reports on the shard's realizations alone and says which they are.
func TestShardPartialReport(t *testing.T) {
	code, out, stderr := runCmd(t, "minima", "-nmax", "2", "-samples", "10", "-shard", "1", "-shards", "2", "-format", "table")
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, "realizations: [5, 10)") {
		t.Errorf("partial report lacks its realization range:\n%s", out)
	}
}

// TestShardFileWorkers checks that a shard file is the same bytes whatever
// the worker count (its state is exact and serialised canonically).
func TestShardFileWorkers(t *testing.T) {
	var first string
	for _, w := range []string{"1", "3"} {
		code, out, stderr := runCmd(t, "spectrum", "-n", "30", "-samples", "20", "-shard", "1", "-shards", "3", "-workers", w, "-quiet")
		if code != 0 {
			t.Fatal(stderr)
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Error("shard file depends on -workers")
		}
	}
	if !strings.Contains(first, `"realizations": {"lo":6,"hi":13,"total":20}`) {
		t.Errorf("shard 1 of 3 of 20 realizations does not hold [6, 13):\n%.400s", first)
	}
}

// TestMergeInStages merges seven shards in two stages (merge -format shard
// of shards 0–2 and of 3–6, then a merge of the two) and checks the result
// against the unsharded run; a stage with a gap is refused.
func TestMergeInStages(t *testing.T) {
	dir := t.TempDir()
	args := []string{"minima", "-nmax", "4", "-samples", "700", "-mc-nmax", "4"}
	_, want, _ := runCmd(t, append(args, "-format", "json", "-quiet")...)
	s := writeShards(t, dir, 7, args...)
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, stage := range []struct {
		out   string
		files []string
	}{{a, s[:3]}, {b, s[3:]}} {
		if code, _, stderr := runCmd(t, append([]string{"merge", "-format", "shard", "-o", stage.out}, stage.files...)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	if lo, hi, _, ok := checkpointRange(b); !ok || lo != 300 || hi != 700 {
		t.Errorf("stage b holds [%d, %d), want [300, 700)", lo, hi)
	}
	code, got, stderr := runCmd(t, "merge", "-format", "json", b, a)
	if code != 0 || got != want {
		t.Errorf("two-stage merge: exit %d (%s), output equal to the unsharded run: %v", code, stderr, got == want)
	}
	code, _, stderr = runCmd(t, "merge", "-format", "shard", s[0], s[2])
	if code != 1 || !strings.Contains(stderr, "realizations [100, 200) missing") {
		t.Errorf("stage with a gap: exit %d, stderr %q", code, stderr)
	}
}

// TestMergePlot checks that merge draws the figure of the whole study and
// writes its output atomically to -o, the same bytes as stdout.
func TestMergePlot(t *testing.T) {
	dir := t.TempDir()
	s := writeShards(t, dir, 2, "spectrum", "-n", "15", "-samples", "6")
	svg, out := filepath.Join(dir, "m.svg"), filepath.Join(dir, "m.csv")
	if code, _, stderr := runCmd(t, "merge", "-format", "csv", "-plot", svg, "-o", out, s[0], s[1]); code != 0 {
		t.Fatal(stderr)
	}
	_, stdout, _ := runCmd(t, "merge", "-format", "csv", s[0], s[1])
	if b, _ := os.ReadFile(out); string(b) != stdout || !strings.HasPrefix(stdout, "stat,measured") {
		t.Errorf("-o holds %q, stdout %q", b, stdout)
	}
	if b, _ := os.ReadFile(svg); !strings.Contains(string(b), "<svg") {
		t.Error("merge -plot wrote no SVG")
	}
}

// TestParamArgs checks the translation of a params object into flags, and
// that values which are no flag value (objects, arrays, null) are refused.
func TestParamArgs(t *testing.T) {
	got, err := paramArgs([]byte(`{"ensemble":"goe","n":10,"mc_nmax":3,"theta":1e-05,"dense":true}`))
	want := []string{"-ensemble=goe", "-n=10", "-mc-nmax=3", "-theta=1e-05", "-dense=true"}
	if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("paramArgs = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{`[1]`, `{"a":{"b":1}}`, `{"a":[1]}`, `{"a":null}`, `{"a":`} {
		if _, err := paramArgs([]byte(bad)); err == nil {
			t.Errorf("paramArgs(%s) succeeded", bad)
		}
	}
}

// TestMergeEmptyShards: a study cut into more shards than realizations (a
// Slurm array with more tasks) has empty shards; each writes a shard file
// with exit status 0, and merged with the others they print the unsharded
// run's bytes, for every Monte Carlo command (before, an empty shard was a
// usage error, and an afterok merge never ran).
func TestMergeEmptyShards(t *testing.T) {
	checkMergeIdentical(t, []int{5}, "spectrum", "-n", "10", "-samples", "3")
	// n = 1 is checked by Monte Carlo from 40 samples (40·½ ≥ 20).
	checkMergeIdentical(t, []int{45}, "minima", "-nmax", "2", "-samples", "40", "-mc-nmax", "2")
	checkMergeIdentical(t, []int{5}, "critical", "-n", "3", "-realizations", "3", "-starts", "30")
	checkMergeIdentical(t, []int{5}, "indexloss", "-n", "4", "-realizations", "3", "-starts", "30", "-bins", "3")
	checkMergeIdentical(t, []int{5}, "indexloss", "-landscape", "hessian-model", "-n", "20", "-samples", "3", "-bins", "3")
	checkMergeIdentical(t, []int{5}, "escape", "-landscape", "quadratic", "-n", "8", "-index", "2", "-trials", "3")
}

// TestEmptyShardFiles checks an empty shard's files: the shard file holds
// [lo, lo) and the state null; its side files are valid and hold no row
// (an .npy of shape (0, columns), a CSV of its header alone), and the side
// files of all the shards hold the unsharded run's rows; merge -format shard
// takes empty shards in its range, refuses an empty shard of another study
// and a set of empty shards alone; an explicit report format, which would
// print nothing, is a usage error.
func TestEmptyShardFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		side string // the side-file flag
		cols int
		csv  string // the CSV header
	}{
		{[]string{"spectrum", "-n", "6", "-samples", "3"}, "-eigs", 6, "sample,value\n"},
		{[]string{"critical", "-n", "3", "-realizations", "3", "-starts", "30"}, "-points", pointColumns, "realization,energy,index,grad_norm,min_eig,degenerate\n"},
	} {
		name := filepath.Join(dir, c.args[0])
		if code, _, stderr := runCmd(t, append(slices.Clip(c.args), "-quiet", "-o", name+".json", c.side, name+".npy")...); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		b, _ := os.ReadFile(name + ".npy")
		_, want := readNpy(t, b)
		var got []float64
		for i := range 5 {
			shard := fmt.Sprintf("%s_%d", name, i)
			a := append(slices.Clip(c.args), "-quiet", "-shard", fmt.Sprint(i), "-shards", "5", "-o", shard+".json")
			for _, ext := range []string{".npy", ".csv"} {
				if code, _, stderr := runCmd(t, append(a, c.side, shard+ext)...); code != 0 {
					t.Fatalf("%v %s %s: exit %d: %s", a, c.side, ext, code, stderr)
				}
			}
			b, _ := os.ReadFile(shard + ".npy")
			shape, data := readNpy(t, b)
			got = append(got, data...)
			lo, hi, _, _ := checkpointRange(shard + ".json")
			if lo != hi {
				continue
			}
			f, _ := os.ReadFile(shard + ".json")
			if !strings.Contains(string(f), "\n  \"state\": null\n") {
				t.Errorf("%s shard %d of 5, [%d, %d): the state is not null:\n%s", c.args[0], i, lo, hi, f)
			}
			if len(shape) != 2 || shape[0] != 0 || shape[1] != c.cols {
				t.Errorf("%s shard %d of 5: %s .npy of shape %v, want [0 %d]", c.args[0], i, c.side, shape, c.cols)
			}
			if out, ok := loadWithNumPy(t, shard+".npy"); ok && out != fmt.Sprintf("float64 0 %d", c.cols) {
				t.Errorf("%s shard %d of 5: numpy.load gives %q", c.args[0], i, out)
			}
			if csv, _ := os.ReadFile(shard + ".csv"); string(csv) != c.csv {
				t.Errorf("%s shard %d of 5: %s .csv %q, want the header %q alone", c.args[0], i, c.side, csv, c.csv)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the shards' %s rows differ from the unsharded run's", c.args[0], c.side)
		}
	}
	// Spectrum -samples 3 in 5 shards: [0, 0), [0, 1), [1, 1), [1, 2), [2, 3).
	s := func(i int) string { return filepath.Join(dir, fmt.Sprintf("spectrum_%d.json", i)) }
	staged := filepath.Join(dir, "staged.json")
	if code, _, stderr := runCmd(t, "merge", "-format", "shard", "-o", staged, s(2), s(0), s(1)); code != 0 {
		t.Fatalf("merge -format shard of [0, 0), [0, 1), [1, 1): exit %d: %s", code, stderr)
	}
	if lo, hi, _, _ := checkpointRange(staged); lo != 0 || hi != 1 {
		t.Errorf("merge -format shard of [0, 0), [0, 1), [1, 1) holds [%d, %d), want [0, 1)", lo, hi)
	}
	_, want, _ := runCmd(t, "spectrum", "-n", "6", "-samples", "3", "-format", "json")
	if code, got, stderr := runCmd(t, "merge", "-format", "json", s(4), staged, s(3)); code != 0 || got != want {
		t.Errorf("merge of a staged range with empty shards: exit %d (%s), output equal to the unsharded run: %v", code, stderr, got == want)
	}
	other := filepath.Join(dir, "other.json")
	if code, _, stderr := runCmd(t, "spectrum", "-n", "6", "-samples", "3", "-seed", "2", "-shard", "2", "-shards", "5", "-o", other); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{s(0), s(1), other, s(3), s(4)}, "are not one experiment: seed 1 and 2"},
		{[]string{s(0), s(2)}, "shards do not cover realizations [0, 3) exactly once: realizations [0, 3) missing"},
		{[]string{"-format", "shard", s(2), s(2)}, "every shard file is an empty shard"},
		{[]string{"-format", "shard", s(0), s(2)}, "realizations [0, 1) missing"},
	} {
		code, _, stderr := runCmd(t, append([]string{"merge"}, c.args...)...)
		if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("merge %v: exit %d, stderr %q; want 1 and one line containing %q", c.args, code, stderr, c.want)
		}
	}
	code, _, stderr := runCmd(t, "spectrum", "-n", "6", "-samples", "3", "-shard", "2", "-shards", "5", "-format", "json")
	if code != 2 || !strings.Contains(stderr, "-format json with -shard = 2 of -shards = 5, which holds no realization of -samples = 3: it has no result of its own") {
		t.Errorf("an empty shard with -format json: exit %d, stderr %q; want 2 and a usage error", code, stderr)
	}
}
