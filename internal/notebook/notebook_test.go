package notebook

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/rmt"
)

func TestReportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c, err := ParseFlags("demo", []string{"-quick", "-seed", "7", "-out", dir, "-workers", "3"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Quick || c.Seed != 7 || c.Workers != 3 || c.Dir != dir {
		t.Fatalf("config %+v", c)
	}
	r := NewReport(c, "Demo")
	r.Heading("Numbers")
	r.Text("Some %s.", "text")
	tab := NewTable("name", "value", "count")
	tab.Add("a|b", 1.0/3, 4)
	tab.Add("nan", math.NaN(), int64(-2))
	tab.Add("sig", Sig(math.Pi, 3), 0)
	r.Table("numbers", "Table 1. Numbers.", tab)
	p := plot.New()
	p.Title.Text = "empty"
	r.Figure("fig.svg", "An empty plot.", [][]*plot.Plot{{p}}, 3*vg.Inch, 2*vg.Inch)
	if err := r.Write(); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Demo", "`go run ./notebooks/demo -quick -seed 7 -out " + dir + "`", "| mode | quick |", "![fig.svg](fig.svg)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "workers") {
		t.Error("report names -workers, which does not change the result")
	}
	if _, err := os.Stat(filepath.Join(dir, "fig.svg")); err != nil {
		t.Error(err)
	}
	tabs, err := ReadTables(md)
	if err != nil {
		t.Fatal(err)
	}
	got := tabs["numbers"]
	if got == nil || len(got.Rows) != 3 {
		t.Fatalf("tables %v", tabs)
	}
	i, err := got.Find("name", "a|b")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := got.Float(i, "value"); err != nil || v != 0.33333 {
		t.Errorf("value %v (%v), want 0.33333", v, err)
	}
	if v, err := got.Float(1, "value"); err != nil || !math.IsNaN(v) {
		t.Errorf("NaN cell read as %v (%v)", v, err)
	}
	if v, _ := got.Float(1, "count"); v != -2 {
		t.Errorf("count %v, want -2", v)
	}
	if v, _ := got.Float(2, "value"); v != 3.14 {
		t.Errorf("Sig(π, 3) read as %v", v)
	}
	if _, err := got.Float(0, "nope"); err == nil {
		t.Error("unknown column: want an error")
	}
	if _, err := got.Find("name", "zzz"); err == nil {
		t.Error("unknown row: want an error")
	}
}

func TestReportErrors(t *testing.T) {
	c := Config{Name: "demo", Dir: t.TempDir(), Seed: 1}
	for name, build := range map[string]func(r *Report){
		"bad id":     func(r *Report) { r.Table("Bad Id", "x", NewTable("a")) },
		"twice":      func(r *Report) { r.Table("a", "x", NewTable("a")); r.Table("a", "x", NewTable("a")) },
		"short row":  func(r *Report) { tb := NewTable("a", "b"); tb.Add(1); r.Table("a", "x", tb) },
		"bad cell":   func(r *Report) { tb := NewTable("a"); tb.Add(struct{}{}); r.Table("a", "x", tb) },
		"bad figure": func(r *Report) { r.Figure("dir/fig.svg", "x", [][]*plot.Plot{{plot.New()}}, vg.Inch, vg.Inch) },
		"no panels":  func(r *Report) { r.Figure("fig.svg", "x", nil, vg.Inch, vg.Inch) },
		"bad ext":    func(r *Report) { r.Figure("fig.pdf", "x", [][]*plot.Plot{{plot.New()}}, vg.Inch, vg.Inch) },
	} {
		r := NewReport(c, "t")
		build(r)
		if err := r.Write(); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "README.md")); err == nil {
		t.Error("a failed report left README.md behind")
	}
	for _, bad := range []string{
		"<!-- table: a -->\nno header\n",
		"<!-- table: a -->\n| x | y |\n| z |\n",
		"<!-- table: a -->\n| x | y |\n| --- | --- |\n| 1 |\n",
		"<!-- table: a -->\n| x |\n",
	} {
		if _, err := ReadTables([]byte(bad)); err == nil {
			t.Errorf("ReadTables(%q): want an error", bad)
		}
	}
}

func TestParseFlags(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-workers", "0", "-out", dir},
		{"-seed", "-1", "-out", dir},
		{"-out", filepath.Join(dir, "missing")},
		{"-out", dir, "extra"},
		{"-nosuch"},
		{"-h"},
	} {
		_, err := ParseFlags("demo", args)
		var u *UsageError
		if !errors.As(err, &u) {
			t.Errorf("%q: error %v, want a UsageError", args, err)
		}
	}
	c := Config{Name: "x", Dir: filepath.Join("notebooks", "x"), Seed: DefaultSeed}
	if got := c.Command(); got != "go run ./notebooks/x" {
		t.Errorf("command %q", got)
	}
	if c.Mode() != "full" || Pick(c, 1, 2) != 1 {
		t.Error("full mode")
	}
	if c.Label("a/b") != "notebooks/x/a/b" {
		t.Errorf("label %q", c.Label("a/b"))
	}
}

func TestParallel(t *testing.T) {
	for _, w := range []int{1, 2, 5, 100} {
		out, err := Parallel(context.Background(), 50, w, func(i int) (int, error) { return i * i, nil })
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range out {
			if v != i*i {
				t.Fatalf("workers %d: out[%d] = %d", w, i, v)
			}
		}
	}
	_, err := Parallel(context.Background(), 10, 3, func(i int) (int, error) {
		if i >= 4 {
			return 0, fmt.Errorf("bad %d", i)
		}
		return i, nil
	})
	if err == nil || err.Error() != "item 4: bad 4" {
		t.Errorf("error %v, want the lowest failing item", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parallel(ctx, 1000, 2, func(i int) (int, error) { return i, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
}

func ExampleReadTables() {
	c := Config{Name: "demo", Dir: filepath.Join("notebooks", "demo"), Seed: DefaultSeed}
	r := NewReport(c, "Demo")
	t := NewTable("n", "p")
	t.Add(1, 0.5)
	t.Add(2, (2-math.Sqrt2)/4)
	r.Table("minima", "P(all eigenvalues > 0).", t)
	tabs, _ := ReadTables(r.Markdown())
	i, _ := tabs["minima"].Find("n", "2")
	p, _ := tabs["minima"].Float(i, "p")
	fmt.Println(p)
	// Output: 0.14645
}

// ExampleParallel draws one number per realization from its own stream on
// four goroutines and sums them in realization order: the sum is the same
// for any number of workers.
func ExampleParallel() {
	sum := func(workers int) float64 {
		v, err := Parallel(context.Background(), 100, workers, func(i int) (float64, error) {
			return rmt.Stream(1, "example", uint64(i)).Float64(), nil
		})
		if err != nil {
			return math.NaN()
		}
		var s float64
		for _, x := range v {
			s += x
		}
		return s
	}
	fmt.Println(sum(1) == sum(4))
	// Output: true
}
