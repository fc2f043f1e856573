package rmt

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/golden"
)

// frozenDraws is a named generator of a few numbers from a fixed stream.
type frozenDraws struct {
	name string
	draw func() []float64
}

// checkFrozen compares the first draws of each generator with the table in
// ../testdata/NAME, a line "name v1 v2 …" per generator with values printed
// with %.17g so they round-trip exactly. With -update it rewrites the table.
// The tables were written once when each sampler was introduced; a change to
// them means every published result changes and must be argued in review.
func checkFrozen(t *testing.T, file string, gens []frozenDraws) {
	t.Helper()
	path := "../testdata/" + file
	var got []string
	for _, g := range gens {
		vals := g.draw()
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprintf("%.17g", v)
		}
		got = append(got, g.name+" "+strings.Join(parts, " "))
	}
	if golden.Update() {
		if err := os.WriteFile(path, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("frozen table missing (run go test -update once and commit it): %v", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		name, _, _ := strings.Cut(line, " ")
		want[name] = line
	}
	for _, line := range got {
		name, _, _ := strings.Cut(line, " ")
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: not in %s (run go test -update and commit)", name, path)
			continue
		}
		if w != line {
			t.Errorf("%s: first draws changed\n got: %s\nwant: %s", name, line, w)
		}
	}
}

func TestFrozenPrimitiveDraws(t *testing.T) {
	seq := func(n int, f func() float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f()
		}
		return out
	}
	checkFrozen(t, "draws.golden", []frozenDraws{
		{"stream-uint64", func() []float64 {
			r := Stream(1, "frozen", 0)
			return seq(4, func() float64 { return float64(r.Uint64() >> 11) })
		}},
		{"normal", func() []float64 { r := Stream(1, "frozen", 1); return seq(6, func() float64 { return Normal(r) }) }},
		{"normalfill", func() []float64 { r := Stream(1, "frozen", 2); x := make([]float64, 6); NormalFill(r, x); return x }},
		{"gamma-0.3", func() []float64 { r := Stream(1, "frozen", 3); return seq(4, func() float64 { return Gamma(r, 0.3) }) }},
		{"gamma-7.5", func() []float64 { r := Stream(1, "frozen", 4); return seq(4, func() float64 { return Gamma(r, 7.5) }) }},
		{"chi-3", func() []float64 { r := Stream(1, "frozen", 5); return seq(4, func() float64 { return Chi(r, 3) }) }},
	})
}
