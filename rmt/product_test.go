package rmt

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestProductWishartOneLayerIsWishart checks that L = 1 gives Wishart's
// matrix bit for bit (same generator state, same arithmetic).
func TestProductWishartOneLayerIsWishart(t *testing.T) {
	for _, nm := range [][2]int{{5, 9}, {9, 5}, {1, 1}, {30, 30}} {
		p, err := ProductWishart(Stream(3, "product", 1), []int{nm[0], nm[1]})
		if err != nil {
			t.Fatal(err)
		}
		w, err := Wishart(Stream(3, "product", 1), nm[0], nm[1])
		if err != nil {
			t.Fatal(err)
		}
		pr, wr := p.RawSymmetric(), w.RawSymmetric()
		for i := 0; i < nm[0]; i++ {
			for j := i; j < nm[0]; j++ {
				a, b := pr.Data[i*pr.Stride+j], wr.Data[i*wr.Stride+j]
				if math.Float64bits(a) != math.Float64bits(b) {
					t.Fatalf("n, m = %v: W[%d][%d] = %v, Wishart's %v", nm, i, j, a, b)
				}
			}
		}
	}
}

// naiveProduct forms W = X_1⋯X_L (X_1⋯X_L)ᵀ/(n_1⋯n_L) left to right from
// the frozen draw order (X_1 first, each by one NormalFill row by row).
func naiveProduct(seed uint64, widths []int) *mat.Dense {
	r := Stream(seed, "product-naive", 0)
	var y *mat.Dense
	scale := 1.0
	for l := 1; l < len(widths); l++ {
		data := make([]float64, widths[l-1]*widths[l])
		NormalFill(r, data)
		x := mat.NewDense(widths[l-1], widths[l], data)
		scale *= float64(widths[l])
		if y == nil {
			y = x
			continue
		}
		var z mat.Dense
		z.Mul(y, x)
		y = &z
	}
	var w mat.Dense
	w.Mul(y, y.T())
	w.Scale(1/scale, &w)
	return &w
}

// TestProductWishartDrawOrder checks the frozen draw order and the
// normalisation against a naive left-to-right product of the same draws, for
// widths that take each multiplication route: the narrowest width last
// (W = YYᵀ), a narrow middle width with a wide last layer (A(RRᵀ)Aᵀ), and a
// narrow middle width with a narrow last layer ((AR)(AR)ᵀ).
func TestProductWishartDrawOrder(t *testing.T) {
	for _, tc := range []struct {
		widths []int
		cut    int
		gram   bool
	}{
		{[]int{6, 5, 4, 3}, 3, false},
		{[]int{20, 3, 40}, 1, true},
		{[]int{4, 30, 2, 3}, 2, true},
		{[]int{4, 30, 10, 11}, 2, false},
		{[]int{7, 9, 8}, 2, false},
		{[]int{30, 25, 2, 26, 27}, 2, true},
	} {
		plan := planProduct(tc.widths)
		if plan.cut != tc.cut || plan.viaGram != tc.gram {
			t.Errorf("widths %v: plan cut %d, gram %v, want %d, %v", tc.widths, plan.cut, plan.viaGram, tc.cut, tc.gram)
		}
		r := Stream(11, "product-naive", 0)
		w, err := ProductWishart(r, tc.widths)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveProduct(11, tc.widths)
		n := tc.widths[0]
		var norm float64
		for i := 0; i < n; i++ {
			norm = math.Max(norm, want.At(i, i))
		}
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				if d := math.Abs(w.At(i, j) - want.At(i, j)); d > 1e-13*norm {
					t.Fatalf("widths %v: W[%d][%d] = %v, naive product %v", tc.widths, i, j, w.At(i, j), want.At(i, j))
				}
			}
		}
	}
}

// TestChainOrder checks the dynamic programme on the textbook example of
// Cormen et al., Introduction to Algorithms, 3rd ed., §15.2 (Figure 15.5):
// dimensions 30, 35, 15, 5, 10, 20, 25 need 15 125 multiplications with
// the parenthesisation ((A1(A2A3))((A4A5)A6)).
func TestChainOrder(t *testing.T) {
	dims := []int{30, 35, 15, 5, 10, 20, 25}
	split, _ := chainOrder(dims)
	var paren func(i, j int) string
	paren = func(i, j int) string {
		if i == j {
			return fmt.Sprintf("A%d", i+1)
		}
		return "(" + paren(i, split[i][j]) + paren(split[i][j]+1, j) + ")"
	}
	if got := paren(0, 5); got != "((A1(A2A3))((A4A5)A6))" {
		t.Errorf("parenthesisation %s, want ((A1(A2A3))((A4A5)A6))", got)
	}
}

// TestProductWishartReproducible checks that the same stream gives the same
// bytes.
func TestProductWishartReproducible(t *testing.T) {
	widths := []int{12, 7, 15, 9}
	a, _ := ProductWishart(Stream(5, "p", 2), widths)
	b, _ := ProductWishart(Stream(5, "p", 2), widths)
	if !mat.Equal(a, b) {
		t.Error("same stream, different matrices")
	}
}

func TestProductWishartBadInput(t *testing.T) {
	r := Stream(1, "p", 0)
	for _, tc := range []struct {
		r      bool
		widths []int
		want   string
	}{
		{false, []int{2, 2}, "generator r is nil"},
		{true, nil, "widths has 0 entries"},
		{true, []int{3}, "widths has 1 entries"},
		{true, []int{3, 0, 2}, "widths[1] = 0, want widths[1] ≥ 1"},
		{true, []int{-1, 2}, "widths[0] = -1"},
		{true, []int{100000, 100000, 2}, "rmt.MemoryBudget"},
		{true, []int{2, 1 << 40}, "rmt.MemoryBudget"},
		// A chain too long to plan (O(L³)): refused before any allocation.
		{true, make([]int, MaxProductLayers+2), "want 2 to 1025"},
	} {
		rr := r
		if !tc.r {
			rr = nil
		}
		w, err := ProductWishart(rr, tc.widths)
		if err == nil || w != nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("widths %v: error %v, want one containing %q", tc.widths, err, tc.want)
		}
	}
}

// TestProductWishartBytes checks that ProductWishartBytes is what
// ProductWishart checks against the budget (8 bytes per planned float64) and
// errs on invalid widths.
func TestProductWishartBytes(t *testing.T) {
	for _, w := range [][]int{{30, 60}, {500, 500, 500, 500}, {500, 50, 2000}, {3, 300, 300, 300}} {
		b, err := ProductWishartBytes(w)
		if err != nil || b != 8*planProduct(w).floats || b < 8*float64(w[0]*w[0]) {
			t.Errorf("widths %v: %v, %v; plan %v floats", w, b, err, planProduct(w).floats)
		}
	}
	for _, w := range [][]int{nil, {3}, {3, 0}, make([]int, MaxProductLayers+2)} {
		if _, err := ProductWishartBytes(w); err == nil {
			t.Errorf("widths of length %d %v: no error", len(w), w[:min(len(w), 3)])
		}
	}
}

// TestProductWishartBytesCount checks the count of ProductWishartBytes
// buffer by buffer, one case per route, and that ProductWishart runs with the
// budget set to that count: W = AAᵀ for widths 300, 20, 10 (X_1, X_2, A = X_1X_2
// and W: 6000 + 200 + 3000 + 90000 floats); W = (AR)(AR)ᵀ for 4, 30, 10, 11
// (X_1, X_2, X_3, A = X_1X_2, AR and W: 120 + 300 + 110 + 40 + 44 + 16);
// W = A(RRᵀ)Aᵀ for 400, 30, 400 (X_1, X_2, G = X_2X_2ᵀ, AG and W, the last
// product written into W: 12000 + 12000 + 900 + 12000 + 160000). The
// A(RRᵀ)Aᵀ route counted W twice, 2 855 200 bytes for 1 575 200 (measured
// allocation 1 721 848, internal/gemm's packing buffers included), and refused
// the call with the budget at the true count.
func TestProductWishartBytesCount(t *testing.T) {
	old := MemoryBudget
	defer func() { MemoryBudget = old }()
	for _, tc := range []struct {
		widths []int
		floats float64
	}{
		{[]int{300, 20, 10}, 6000 + 200 + 3000 + 90000},
		{[]int{4, 30, 10, 11}, 120 + 300 + 110 + 40 + 44 + 16},
		{[]int{400, 30, 400}, 12000 + 12000 + 900 + 12000 + 160000},
	} {
		b, err := ProductWishartBytes(tc.widths)
		if err != nil || b != 8*tc.floats {
			t.Errorf("widths %v: ProductWishartBytes %v, %v, want %v", tc.widths, b, err, 8*tc.floats)
			continue
		}
		MemoryBudget = int64(b)
		if _, err := ProductWishart(Stream(1, "bytes", 0), tc.widths); err != nil {
			t.Errorf("widths %v with MemoryBudget = %v: %v", tc.widths, b, err)
		}
	}
}

// ExampleProductWishart draws JJᵀ for a three-layer linear network of widths
// 3 → 300 → 300 → 300 (input dimension 3): close to the identity, as E W = I,
// its off-diagonal entries fluctuating by about √(Σ_l 1/n_l) = 0.1.
func ExampleProductWishart() {
	w, err := ProductWishart(Stream(1, "ProductWishart", 0), []int{3, 300, 300, 300})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", mat.Formatted(w))
	// Output:
	// ⎡ 1.07   0.04  -0.04⎤
	// ⎢ 0.04   0.85  -0.13⎥
	// ⎣-0.04  -0.13   0.96⎦
}

func BenchmarkProductWishart(b *testing.B) {
	for _, widths := range [][]int{{500, 500, 500, 500}, {500, 50, 2000}} {
		b.Run(fmt.Sprint(widths), func(b *testing.B) {
			r := Stream(1, "bench", 0)
			for b.Loop() {
				if _, err := ProductWishart(r, widths); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProductWishartNaive times the left-to-right product of
// naiveProduct on the bottleneck widths, for comparison with
// BenchmarkProductWishart's route through the narrow layer.
func BenchmarkProductWishartNaive(b *testing.B) {
	for b.Loop() {
		naiveProduct(1, []int{500, 50, 2000})
	}
}
