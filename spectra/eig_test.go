package spectra

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// denseOf returns t as a dense symmetric matrix.
func denseOf(t rmt.SymTridiagonal) *mat.SymDense {
	n := len(t.Diag)
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		a.SetSym(i, i, t.Diag[i])
		if i < n-1 {
			a.SetSym(i, i+1, t.Off[i])
		}
	}
	return a
}

// reference returns the eigenvalues of t from gonum's dense EigenSym.
func reference(t *testing.T, tr rmt.SymTridiagonal) []float64 {
	t.Helper()
	var es mat.EigenSym
	if !es.Factorize(denseOf(tr), false) {
		t.Fatal("EigenSym failed")
	}
	return es.Values(nil)
}

// normOf returns max(|Diag|) + 2 max(|Off|), a bound on ‖T‖₂.
func normOf(tr rmt.SymTridiagonal) float64 {
	var a, b float64
	for _, v := range tr.Diag {
		a = max(a, math.Abs(v))
	}
	for _, v := range tr.Off {
		b = max(b, math.Abs(v))
	}
	return a + 2*b
}

func compare(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if i > 0 && got[i] < got[i-1] {
			t.Fatalf("%s: not ascending at %d: %g < %g", name, i, got[i], got[i-1])
		}
		if d := math.Abs(got[i] - want[i]); !(d <= tol) {
			t.Fatalf("%s: λ[%d] = %.17g, want %.17g (|Δ| = %g > tol %g)", name, i, got[i], want[i], d, tol)
		}
	}
}

// wilkinsonPlus is Wilkinson's W_{2m+1}^+ (diag |m−i|, off-diagonal 1), whose
// largest eigenvalues come in pairs agreeing to many digits (Wilkinson, The
// Algebraic Eigenvalue Problem, 1965, Section 5.45).
func wilkinsonPlus(m int) rmt.SymTridiagonal {
	n := 2*m + 1
	d := make([]float64, n)
	e := make([]float64, n-1)
	for i := range d {
		d[i] = math.Abs(float64(m - i))
	}
	for i := range e {
		e[i] = 1
	}
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

func randomTridiagonal(r *rand.Rand, n int) rmt.SymTridiagonal {
	d := make([]float64, n)
	e := make([]float64, n-1)
	rmt.NormalFill(r, d)
	rmt.NormalFill(r, e)
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

func scaled(tr rmt.SymTridiagonal, s float64) rmt.SymTridiagonal {
	d := make([]float64, len(tr.Diag))
	e := make([]float64, len(tr.Off))
	for i := range d {
		d[i] = tr.Diag[i] * s
	}
	for i := range e {
		e[i] = tr.Off[i] * s
	}
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

// testMatrices returns named tridiagonal matrices, random and structured.
func testMatrices() map[string]rmt.SymTridiagonal {
	r := rmt.Stream(7, "eig-test-matrices", 0)
	ms := map[string]rmt.SymTridiagonal{
		"n1":        {Diag: []float64{-3.5}, Off: []float64{}},
		"n2":        {Diag: []float64{1, 2}, Off: []float64{3}},
		"n2diag":    {Diag: []float64{5, -5}, Off: []float64{0}},
		"n3":        {Diag: []float64{0, 0, 0}, Off: []float64{1, 1}},
		"zero":      {Diag: make([]float64, 6), Off: make([]float64, 5)},
		"W21+":      wilkinsonPlus(10),
		"W101+":     wilkinsonPlus(50),
		"random50":  randomTridiagonal(r, 50),
		"random300": randomTridiagonal(r, 300),
		"goe400":    goeTridiagonal(3, 400, 1),
		"gse200":    goeTridiagonal(4, 200, 4),
	}
	// Split matrix: zero off-diagonals every few entries, repeated blocks.
	sp := randomTridiagonal(r, 60)
	for i := 0; i < 59; i += 5 {
		sp.Off[i] = 0
	}
	ms["split"] = sp
	// Repeated eigenvalues: a direct sum of identical 3×3 blocks and the
	// identity.
	rep := rmt.SymTridiagonal{Diag: make([]float64, 40), Off: make([]float64, 39)}
	for i := 0; i < 30; i++ {
		rep.Diag[i] = []float64{1, 2, 3}[i%3]
		if i%3 != 2 {
			rep.Off[i] = 0.5
		}
	}
	for i := 30; i < 40; i++ {
		rep.Diag[i] = 2
	}
	ms["repeated"] = rep
	// Constant diagonal with 1s (the discrete Laplacian, eigenvalues known).
	lap := rmt.SymTridiagonal{Diag: make([]float64, 100), Off: make([]float64, 99)}
	for i := range lap.Diag {
		lap.Diag[i] = 2
	}
	for i := range lap.Off {
		lap.Off[i] = -1
	}
	ms["laplacian"] = lap
	// Graded matrix spanning many orders of magnitude.
	gr := rmt.SymTridiagonal{Diag: make([]float64, 30), Off: make([]float64, 29)}
	for i := range gr.Diag {
		gr.Diag[i] = math.Pow(10, -float64(i)/2)
	}
	for i := range gr.Off {
		gr.Off[i] = math.Pow(10, -float64(i)/2-0.3)
	}
	ms["graded"] = gr
	ms["huge"] = scaled(randomTridiagonal(r, 40), 1e300)
	ms["tiny"] = scaled(randomTridiagonal(r, 40), 1e-300)
	ms["bigoff"] = scaled(randomTridiagonal(r, 40), 1e160)
	return ms
}

func TestTridiagonalEigenvalues(t *testing.T) {
	for name, tr := range testMatrices() {
		nrm := normOf(tr)
		var want []float64
		if name == "huge" || name == "tiny" || name == "bigoff" {
			// Dense reference on the rescaled matrix.
			s := 1 / nrm
			want = reference(t, scaled(tr, s))
			for i := range want {
				want[i] /= s
			}
		} else {
			want = reference(t, tr)
		}
		got, err := TridiagonalEigenvalues(tr, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		tol := 1e-12 * max(nrm, math.SmallestNonzeroFloat64)
		compare(t, name, got, want, tol)
		if name == "laplacian" {
			n := len(tr.Diag)
			for k := 1; k <= n; k++ {
				w := 2 - 2*math.Cos(float64(k)*math.Pi/float64(n+1))
				if math.Abs(got[k-1]-w) > 1e-14 {
					t.Fatalf("laplacian λ[%d] = %.17g, want %.17g", k-1, got[k-1], w)
				}
			}
		}
	}
}

// TestTridiagonalDqdsVsDsterf compares the two tridiagonal methods on a large
// GOE sample at the tolerance of the task, 1e-12‖T‖.
func TestTridiagonalMethodsAgree(t *testing.T) {
	tr := goeTridiagonal(11, 2000, 1)
	n := len(tr.Diag)
	a := make([]float64, n)
	w := make([]float64, 4*n)
	if !dqdsTridiagonal(tr, a) {
		t.Fatal("dqds path refused a GOE matrix")
	}
	b := make([]float64, n)
	if err := sterfTridiagonal(tr, b, w); err != nil {
		t.Fatal(err)
	}
	compare(t, "dqds vs Dsterf", a, b, 1e-12*normOf(tr))
	// Reuse of dst.
	dst := make([]float64, 0, n)
	got, err := TridiagonalEigenvalues(tr, dst)
	if err != nil {
		t.Fatal(err)
	}
	if &got[0] != &dst[:1][0] {
		t.Error("dst with enough capacity was not reused")
	}
}

func TestTridiagonalErrors(t *testing.T) {
	nan := math.NaN()
	bad := []rmt.SymTridiagonal{
		{},
		{Diag: []float64{1, 2}, Off: []float64{}},
		{Diag: []float64{1, 2}, Off: []float64{1, 1}},
		{Diag: []float64{1, nan}, Off: []float64{1}},
		{Diag: []float64{1, 2}, Off: []float64{math.Inf(1)}},
	}
	for i, tr := range bad {
		if _, err := TridiagonalEigenvalues(tr, nil); err == nil {
			t.Errorf("case %d: TridiagonalEigenvalues accepted %v", i, tr)
		}
		if _, err := TridiagonalMax(tr); err == nil {
			t.Errorf("case %d: TridiagonalMax accepted %v", i, tr)
		}
		if _, err := TridiagonalMin(tr); err == nil {
			t.Errorf("case %d: TridiagonalMin accepted %v", i, tr)
		}
		if _, err := TridiagonalKth(tr, 0); err == nil {
			t.Errorf("case %d: TridiagonalKth accepted %v", i, tr)
		}
		if c := SturmCount(tr, 0); c != -1 {
			t.Errorf("case %d: SturmCount = %d, want −1", i, c)
		}
	}
	ok := rmt.SymTridiagonal{Diag: []float64{1, 2}, Off: []float64{1}}
	for _, k := range []int{-1, 2, 100} {
		if _, err := TridiagonalKth(ok, k); err == nil {
			t.Errorf("TridiagonalKth accepted k = %d", k)
		}
	}
	if c := SturmCount(ok, nan); c != -1 {
		t.Errorf("SturmCount(NaN) = %d, want −1", c)
	}
	if c := SturmCount(ok, math.Inf(1)); c != 2 {
		t.Errorf("SturmCount(+Inf) = %d, want 2", c)
	}
	if c := SturmCount(ok, math.Inf(-1)); c != 0 {
		t.Errorf("SturmCount(−Inf) = %d, want 0", c)
	}
}

// countBelow returns the number of entries of sorted w strictly below x.
func countBelow(w []float64, x float64) int {
	return sort.SearchFloat64s(w, x)
}

func TestSturmCount(t *testing.T) {
	for name, tr := range testMatrices() {
		w, err := TridiagonalEigenvalues(tr, nil)
		if err != nil {
			t.Fatal(err)
		}
		nrm := normOf(tr)
		r := rmt.Stream(5, "eig-test-sturm", 0)
		// Points well separated from every eigenvalue (by more than the
		// count's backward error): the count is then exact.
		for trial := 0; trial < 200; trial++ {
			x := (2*r.Float64() - 1) * 1.2 * nrm
			near := false
			for _, l := range w {
				if math.Abs(l-x) < 1e-10*nrm {
					near = true
				}
			}
			if near {
				continue
			}
			if got, want := SturmCount(tr, x), countBelow(w, x); got != want {
				t.Fatalf("%s: SturmCount(%g) = %d, want %d", name, x, got, want)
			}
		}
	}
	// Exact eigenvalues that produce exact zero pivots.
	cases := []struct {
		tr   rmt.SymTridiagonal
		x    float64
		want int
	}{
		{rmt.SymTridiagonal{Diag: []float64{0, 0, 0}, Off: []float64{0, 0}}, 0, 0},
		{rmt.SymTridiagonal{Diag: []float64{1, 0}, Off: []float64{0}}, 0, 0},
		{rmt.SymTridiagonal{Diag: []float64{0, 1}, Off: []float64{0}}, 0, 0},
		{rmt.SymTridiagonal{Diag: []float64{0, 0}, Off: []float64{1}}, 0, 1},  // ±1
		{rmt.SymTridiagonal{Diag: []float64{0, 0}, Off: []float64{1}}, 1, 1},  // ±1
		{rmt.SymTridiagonal{Diag: []float64{0, 0}, Off: []float64{1}}, -1, 0}, // ±1
		{rmt.SymTridiagonal{Diag: []float64{0, 0, 0}, Off: []float64{1, 1}}, 0, 1},
		{rmt.SymTridiagonal{Diag: []float64{2, 2, 2, 2}, Off: []float64{0, 0, 0}}, 2, 0},
		{rmt.SymTridiagonal{Diag: []float64{2, 2, 2, 2}, Off: []float64{0, 0, 0}}, math.Nextafter(2, 3), 4},
		{rmt.SymTridiagonal{Diag: []float64{-1, 0, 3, 0, 5}, Off: []float64{0, 0, 0, 0}}, 0, 1},
		{rmt.SymTridiagonal{Diag: []float64{-1, 0, 3, 0, 5}, Off: []float64{0, 0, 0, 0}}, 3, 3},
	}
	for i, c := range cases {
		if got := SturmCount(c.tr, c.x); got != c.want {
			t.Errorf("zero-pivot case %d: SturmCount(%v, %g) = %d, want %d", i, c.tr, c.x, got, c.want)
		}
	}
}

func TestTridiagonalKthMaxMin(t *testing.T) {
	for name, tr := range testMatrices() {
		w, err := TridiagonalEigenvalues(tr, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := len(w)
		tol := 1e-12 * normOf(tr)
		mx, err := TridiagonalMax(tr)
		if err != nil || math.Abs(mx-w[n-1]) > tol {
			t.Errorf("%s: TridiagonalMax = %.17g, %v; want %.17g", name, mx, err, w[n-1])
		}
		mn, err := TridiagonalMin(tr)
		if err != nil || math.Abs(mn-w[0]) > tol {
			t.Errorf("%s: TridiagonalMin = %.17g, %v; want %.17g", name, mn, err, w[0])
		}
		for _, k := range []int{0, n / 3, n / 2, n - 1} {
			v, err := TridiagonalKth(tr, k)
			if err != nil || math.Abs(v-w[k]) > tol {
				t.Errorf("%s: TridiagonalKth(%d) = %.17g, %v; want %.17g", name, k, v, err, w[k])
			}
		}
	}
	// Near zero, bisection stops at an absolute width of ε²‖T‖ (far below
	// the ε‖T‖ of a dense solver).
	d := rmt.SymTridiagonal{Diag: []float64{1e-20, 1, 3e5}, Off: []float64{0, 0}}
	if v, _ := TridiagonalMin(d); math.Abs(v-1e-20) > 0x1p-106*3e5 {
		t.Errorf("TridiagonalMin(diag(1e-20, 1, 3e5)) = %g, want 1e-20 ± ε²‖T‖", v)
	}
}

// TestTridiagonalMaxGOEEdge checks the largest eigenvalue of a large GOE
// sample: it lies within a few n^{−2/3} of the edge 2 (Tracy & Widom, Commun.
// Math. Phys. 177 (1996) 727; TW₁ has mean −1.21 and standard deviation 1.27).
func TestTridiagonalMaxGOEEdge(t *testing.T) {
	n := 20000
	tr := goeTridiagonal(2, n, 1)
	mx, err := TridiagonalMax(tr)
	if err != nil {
		t.Fatal(err)
	}
	if s := math.Pow(float64(n), 2.0/3) * (mx - 2); s < -1.21-6*1.27 || s > -1.21+6*1.27 {
		t.Errorf("n^{2/3}(λmax − 2) = %g, not within 6 s.d. of the TW₁ mean", s)
	}
	if c := SturmCount(tr, mx*(1+1e-14)); c != n {
		t.Errorf("SturmCount just above λmax = %d, want %d", c, n)
	}
	if c := SturmCount(tr, mx*(1-1e-14)); c != n-1 {
		t.Errorf("SturmCount just below λmax = %d, want %d", c, n-1)
	}
}

// bidiagDense returns B·Bᵀ for the lower bidiagonal b.
func bidiagDense(b rmt.Bidiagonal) *mat.SymDense {
	n := len(b.Diag)
	bm := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		bm.Set(i, i, b.Diag[i])
		if i > 0 {
			bm.Set(i, i-1, b.Sub[i-1])
		}
	}
	var s mat.SymDense
	s.SymOuterK(1, bm)
	return &s
}

func TestBidiagonalEigenvalues(t *testing.T) {
	r := rmt.Stream(9, "eig-test-bidiag", 0)
	for _, n := range []int{1, 2, 3, 10, 200} {
		d := make([]float64, n)
		e := make([]float64, n-1)
		for i := range d {
			d[i] = rmt.Chi(r, float64(2*n-i))
		}
		for i := range e {
			e[i] = rmt.Chi(r, float64(n-1-i))
		}
		b := rmt.Bidiagonal{Diag: d, Sub: e}
		var es mat.EigenSym
		if !es.Factorize(bidiagDense(b), false) {
			t.Fatal("EigenSym failed")
		}
		want := es.Values(nil)
		got, err := BidiagonalEigenvalues(b, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, "bidiagonal", got, want, 1e-12*want[n-1])
	}
	// Relative accuracy at the hard edge: B = [[1,0],[1,ε]] has
	// σ_min = ε/√(2+ε²)·…; check against the exact product formula
	// λ_min·λ_max = det(BBᵀ) = ε².
	eps := 1e-9
	got, err := BidiagonalEigenvalues(rmt.Bidiagonal{Diag: []float64{1, eps}, Sub: []float64{1}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := got[0] * got[1]; math.Abs(p-eps*eps) > 1e-14*eps*eps {
		t.Errorf("λmin·λmax = %g, want ε² = %g", p, eps*eps)
	}
	for _, b := range []rmt.Bidiagonal{{}, {Diag: []float64{1}, Sub: []float64{1}}, {Diag: []float64{math.NaN()}, Sub: []float64{}}} {
		if _, err := BidiagonalEigenvalues(b, nil); err == nil {
			t.Errorf("BidiagonalEigenvalues accepted %v", b)
		}
	}
}
