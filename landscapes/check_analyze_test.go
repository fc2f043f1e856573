package landscapes

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestCheckAnalyze checks that CheckAnalyze refuses, before any work, the
// options Analyze refuses and the workspaces beyond rmt.MemoryBudget: the
// Lanczos basis of the extreme eigenvalues at dimension 10⁸ (300 vectors,
// 2.4e11 bytes), 10¹⁵ Hutchinson terms (8e15 bytes) and a dense Hessian of
// dimension 25000 within DenseMax (two matrices, 1e10 bytes); and accepts the
// defaults at dimension 100 and the 25000-dimensional point without the
// dense Hessian.
func TestCheckAnalyze(t *testing.T) {
	for _, c := range []struct {
		dim  int
		opts AnalyzeOptions
		want string
	}{
		{100, AnalyzeOptions{}, ""},
		{25000, AnalyzeOptions{DenseMax: -1}, ""},
		{1e8, AnalyzeOptions{DenseMax: -1}, "Lanczos with MaxSteps = 300"},
		{2, AnalyzeOptions{TraceProbes: 1e15}, "Hutchinson"},
		{25000, AnalyzeOptions{DenseMax: 30000}, "exact Hessian of tangent dimension 25000"},
		{100, AnalyzeOptions{GradTol: math.NaN()}, "GradTol = NaN"},
		{100, AnalyzeOptions{TraceProbes: 1}, "TraceProbes = 1"},
		// Named as the caller wrote it, not as spectra's "Lanczos MaxSteps".
		{100, AnalyzeOptions{LanczosSteps: -1}, "AnalyzeOptions.LanczosSteps = -1"},
	} {
		err := CheckAnalyze(c.dim, c.opts)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("CheckAnalyze(%d, %+v) = %v, want %q", c.dim, c.opts, err, c.want)
		}
	}
}

// ExampleCheckAnalyze accepts, before any landscape is built, the default
// analysis of a point of tangent dimension 500, and refuses one of dimension
// 10⁸ whose Lanczos basis (300 vectors of 10⁸ float64) would not fit in
// rmt.MemoryBudget (default 4 GiB).
func ExampleCheckAnalyze() {
	fmt.Println(CheckAnalyze(500, AnalyzeOptions{}))
	fmt.Println(CheckAnalyze(100_000_000, AnalyzeOptions{DenseMax: -1}))
	// Output:
	// <nil>
	// spectra: Lanczos with MaxSteps = 300, K = 1 on an operator of dimension n = 100000000 would need 2.42e+11 bytes; at most 4294967296 (rmt.MemoryBudget)
}
