package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
)

// ProductWishart returns the Wishart matrix of a product of Gaussian matrices,
//
//	W = Y Yᵀ / (n_1 n_2 ⋯ n_L),  Y = X_1 X_2 ⋯ X_L,
//
// with widths = n_0, n_1, …, n_L (L ≥ 1 layers, every n_l ≥ 1) and X_l an
// n_{l−1}×n_l matrix of iid N(0, 1) entries: JJᵀ for the input–output
// Jacobian J = Y/√(n_1⋯n_L) of a deep linear network with Gaussian weights of
// variance 1/n_l (Saxe, McClelland & Ganguli, ICLR 2014; Pennington,
// Schoenholz & Ganguli, NIPS 2017). W is n_0×n_0 and E W = I. As n_0 → ∞ with
// c_l = n_0/n_l fixed its spectrum tends to spectra.ProductMP (Müller, IEEE
// Trans. Inf. Theory 48 (2002) 2086; Burda, Jarosz, Livan, Nowak & Swiech,
// Phys. Rev. E 82 (2010) 061114); its rank is min_l n_l. With L = 1 it
// is [Wishart](r, n_0, n_1), byte for byte.
//
// Draw order (frozen): X_1, then X_2, …, then X_L, each by one [NormalFill]
// call of length n_{l−1}·n_l filling it row by row (X_l[i][k] is draw
// i·n_l + k of its call), as [Wishart] fills X.
//
// Multiplication order: for L ≥ 2 each X_l is scaled by 1/√n_l (so the
// partial products keep entries of order one; only hundreds of layers of
// width 1 or 2 leave float64's range: 1024 layers of width 1 give W = 0, its
// value near 1e-560), and W is formed through the narrowest inner width
// n_m = min(n_1, …, n_L) (the last one on ties): A = X_1⋯X_m (n_0×n_m) and
// R = X_{m+1}⋯X_L (n_m×n_L), each chain in the cheapest parenthesisation (the
// matrix-chain dynamic programme, Cormen, Leiserson, Rivest & Stein,
// Introduction to Algorithms, 3rd ed., §15.2), then W = A (R Rᵀ) Aᵀ or
// W = (A R)(A R)ᵀ, whichever takes fewer multiplications. So no n_0×n_0
// product is formed before the last step, and a narrow layer makes the whole
// computation cheap. The products are internal/gemm's (the whole storage of W
// is written; mat.SymDense reads its upper triangle). Every
// buffer (the L factors, the chain products, W) counts against [MemoryBudget].
func ProductWishart(r *rand.Rand, widths []int) (*mat.SymDense, error) {
	if err := checkRand(r); err != nil {
		return nil, err
	}
	if err := checkWidths(widths); err != nil {
		return nil, err
	}
	plan := planProduct(widths)
	if err := checkMemory(fmt.Sprintf("widths = %v", widths), "the factors, their products and the product Wishart matrix",
		8*plan.floats); err != nil {
		return nil, err
	}
	if len(widths) == 2 {
		w := mat.NewSymDense(widths[0], nil)
		gram(w, 1/float64(widths[1]), wishartX(r, widths[0], widths[1]), 0)
		return w, nil
	}
	xs := make([]*mat.Dense, len(widths)-1)
	for l := range xs {
		x := wishartX(r, widths[l], widths[l+1])
		x.Scale(1/math.Sqrt(float64(widths[l+1])), x)
		xs[l] = x
	}
	n0, m := widths[0], plan.cut
	a := chainProduct(xs[:m], widths[:m+1])
	w := mat.NewSymDense(n0, nil)
	if m == len(xs) {
		gram(w, 1, a, 0)
		return w, nil
	}
	rr := chainProduct(xs[m:], widths[m:])
	if !plan.viaGram {
		gram(w, 1, mul(a, rr, false, false), 0)
		return w, nil
	}
	// G = R Rᵀ in full storage (both triangles, equal up to rounding), then
	// W = (A G) Aᵀ into W's storage.
	g := mat.NewSymDense(widths[m], nil)
	gram(g, 1, rr, 0)
	gd := mat.NewDense(widths[m], widths[m], g.RawSymmetric().Data)
	t := mul(a, gd, false, false)
	gemm.Gemm(blas.NoTrans, blas.Trans, 1, t.RawMatrix(), a.RawMatrix(), 0, symGeneral(w))
	return w, nil
}

// MaxProductLayers is the largest number of layers L = len(widths) − 1 that
// ProductWishart accepts: planning the multiplication order costs O(L³)
// (the matrix-chain programme), a second at L = 1024.
const MaxProductLayers = 1024

// checkWidths validates the widths of a product: 2 to MaxProductLayers + 1
// entries, each ≥ 1 and small enough for the memory checks.
func checkWidths(widths []int) error {
	if len(widths) < 2 || len(widths) > MaxProductLayers+1 {
		return fmt.Errorf("rmt: widths has %d entries, want 2 to %d (n_0, n_1, …, n_L with 1 ≤ L ≤ %d)", len(widths), MaxProductLayers+1, MaxProductLayers)
	}
	for i, n := range widths {
		if err := checkN(fmt.Sprintf("widths[%d]", i), n); err != nil {
			return err
		}
	}
	return nil
}

// ProductWishartBytes returns the memory ProductWishart allocates for these
// widths (the factors, the intermediate products of its multiplication
// order and W: what it checks against [MemoryBudget]), in bytes, or an error
// naming an invalid width.
func ProductWishartBytes(widths []int) (float64, error) {
	if err := checkWidths(widths); err != nil {
		return 0, err
	}
	return 8 * planProduct(widths).floats, nil
}

// productPlan is how ProductWishart multiplies: the index m of the
// narrowest inner width (A = X_1⋯X_m), whether W = A(RRᵀ)Aᵀ (viaGram) or
// (AR)(AR)ᵀ, and the float64s of every buffer it allocates.
type productPlan struct {
	cut     int
	viaGram bool
	floats  float64
}

// planProduct returns the multiplication plan of ProductWishart (see its
// comment); its cost figures are in float64 to avoid integer overflow.
func planProduct(widths []int) productPlan {
	nf := make([]float64, len(widths))
	for i, n := range widths {
		nf[i] = float64(n)
	}
	L := len(widths) - 1
	var floats float64
	for l := 1; l <= L; l++ {
		floats += nf[l-1] * nf[l] // the factors X_l
	}
	floats += nf[0] * nf[0] // W
	if L == 1 {
		return productPlan{cut: 1, floats: floats}
	}
	m := 1
	for l := 2; l <= L; l++ {
		if widths[l] <= widths[m] {
			m = l
		}
	}
	_, inner := chainOrder(widths[:m+1])
	floats += inner
	if m == L {
		return productPlan{cut: m, floats: floats}
	}
	_, innerR := chainOrder(widths[m:])
	floats += innerR
	n0, nm, nL := nf[0], nf[m], nf[L]
	// A(RRᵀ)Aᵀ: RRᵀ, then A·G, then (AG)Aᵀ in full; (AR)(AR)ᵀ: AR, then
	// the symmetric rank-n_L update. The buffers beyond W (counted above,
	// and written in place by the last product of either route): G = RRᵀ
	// and AG, or AR.
	gram := nm*nm*nL + n0*nm*nm + n0*n0*nm
	direct := n0*nm*nL + n0*n0*nL
	if gram < direct {
		return productPlan{cut: m, viaGram: true, floats: floats + nm*nm + n0*nm}
	}
	return productPlan{cut: m, floats: floats + n0*nL}
}

// chainOrder runs the matrix-chain dynamic programme (Cormen et al.,
// Introduction to Algorithms, 3rd ed., §15.2) for the product of the
// len(dims) − 1 matrices with dims[i]×dims[i+1], i = 0, 1, …: split[i][j] is
// the last split of the product of matrices i…j in an order of fewest scalar
// multiplications. inner is the number of float64s of the intermediate
// products (those of the final result included when there are two matrices
// or more) that order allocates.
func chainOrder(dims []int) (split [][]int, inner float64) {
	k := len(dims) - 1
	cost := make([][]float64, k)
	split = make([][]int, k)
	for i := range cost {
		cost[i] = make([]float64, k)
		split[i] = make([]int, k)
	}
	for span := 1; span < k; span++ {
		for i := 0; i+span < k; i++ {
			j := i + span
			cost[i][j] = math.Inf(1)
			for s := i; s < j; s++ {
				c := cost[i][s] + cost[s+1][j] + float64(dims[i])*float64(dims[s+1])*float64(dims[j+1])
				if c < cost[i][j] {
					cost[i][j], split[i][j] = c, s
				}
			}
		}
	}
	var count func(i, j int) float64
	count = func(i, j int) float64 {
		if i == j {
			return 0
		}
		s := split[i][j]
		return count(i, s) + count(s+1, j) + float64(dims[i])*float64(dims[j+1])
	}
	return split, count(0, k-1)
}

// chainProduct returns xs[0]·xs[1]⋯ in the order of chainOrder(dims), dims
// the dimensions of the chain (xs[i] is dims[i]×dims[i+1]). A single matrix
// is returned as is.
func chainProduct(xs []*mat.Dense, dims []int) *mat.Dense {
	split, _ := chainOrder(dims)
	var prod func(i, j int) *mat.Dense
	prod = func(i, j int) *mat.Dense {
		if i == j {
			return xs[i]
		}
		s := split[i][j]
		return mul(prod(i, s), prod(s+1, j), false, false)
	}
	return prod(0, len(xs)-1)
}
