package critical

import (
	"fmt"
	"math"
	"slices"

	"github.com/rmtsim/rmtsim/landscapes"
)

// Symmetry is an involution of a landscape's manifold that maps critical
// points to critical points (f∘S = ±f up to a constant). It returns S(x) in
// a new slice of length N and must not modify x. [Dedup] and [Find] return
// an error when it returns a slice of another length or with a NaN or
// infinite entry.
type Symmetry func(x []float64) []float64

// Negation is the symmetry x ↦ −x. For the spherical p-spin whose degrees all
// have the same parity (in particular the pure p-spin), H(−σ) = (−1)^p H(σ),
// so −σ is a critical point whenever σ is: for odd p its energy is −E and its
// index N−1−k (the Hessian changes sign, on the (N−1)-dimensional tangent
// space), for even p its energy and index are those of σ. It is also a
// symmetry of every even function on R^N (e.g. [landscapes.QuadraticSaddle]).
func Negation(x []float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = -v + 0 // + 0 turns −0 into +0
	}
	return y
}

// DefaultSymmetry returns [Negation] for a *landscapes.PSpin whose degrees
// all have the same parity (pure p-spin included) and for a
// *landscapes.QuadraticSaddle (an even function), nil otherwise, and nil
// for a nil landscape, including a typed nil such as
// (*landscapes.PSpin)(nil) ([landscapes.IsNil]).
func DefaultSymmetry(l landscapes.Landscape) Symmetry {
	if landscapes.IsNil(l) {
		return nil
	}
	switch h := l.(type) {
	case *landscapes.PSpin:
		deg := h.Degrees()
		for _, p := range deg {
			if p%2 != deg[0]%2 {
				return nil
			}
		}
		return Negation
	case *landscapes.QuadraticSaddle:
		return Negation
	}
	return nil
}

// DedupOptions configures [Dedup].
type DedupOptions struct {
	// Tol clusters points closer than Tol·√N (required, > 0).
	Tol float64
	// GradTol is the relative gradient tolerance a symmetry partner must meet
	// (|grad| ≤ 10·GradTol·scale, scale as in [FindOptions.GradTol]; 0:
	// default 1e-11).
	GradTol float64
	// ZeroTol is passed to [Classify] for partners (0: default 1e-8).
	ZeroTol float64
	// Symmetry, when not nil, adds the partner of every cluster.
	Symmetry Symmetry
	// Canonical, when not nil, maps each point to the representative of its
	// orbit under the landscape's symmetry group before points are compared
	// (e.g. [MLPCanonical]); the points kept are the ones found.
	Canonical Canonical
	// unit are the floors of the partners' tolerance scales in place of 1
	// (Find's fdUnit; zero: 1).
	unit fdUnits
}

// DedupResult is the outcome of [Dedup].
type DedupResult struct {
	// Points are the distinct points, sorted by energy, then index, then
	// coordinates, with Hits summed over each cluster.
	Points []Point
	// PartnersAdded counts partners that were not among the input points;
	// SymmetryViolations counts partners whose gradient did not vanish (or
	// where the landscape's value is not finite).
	PartnersAdded, SymmetryViolations int
	// Chao1 is the capture–recapture estimate of the number of distinct
	// points (see [FindResult.Chao1]) from the orbits with Hits > 0, plus
	// the number of points in orbits without hits (observed, not captured).
	Chao1 float64
}

// Dedup merges points (in the given order, each with its Hits) into
// clusters: a point joins the first cluster whose representative (its first
// point, or its first confidently classified one: no Hessian eigenvalue
// near 0) is at Euclidean distance < Tol·√N, unless both are classified
// confidently with different index or nullity, and the Hits add up; with a
// Canonical map the distance is between the canonical forms, so that all
// images of a point under the symmetry group form one cluster. With a
// symmetry S, for each cluster the partner S(x) is verified to be a critical
// point (Riemannian gradient norm ≤ 10·GradTol·scale) and classified; it is
// added when no cluster contains it, and a cluster and its partner form one
// orbit. Their Hits are pooled for the capture–recapture estimate: start
// points are drawn from the uniform law, which S preserves, so a point and
// its partner are equally likely to be found and the orbit is the natural
// unit of capture (Chao1 on orbit hits, then Ĉ_points = Σ_orbits |orbit| +
// (Ĉ_orbits − n_orbits)·mean |orbit|, over the orbits with hits, plus the
// points of the orbits without). The result is independent of the order
// of clusters only up to the tolerance; [Find] passes points in start order,
// so it is deterministic. A point that is not a valid point of the
// landscape's manifold (wrong length, non-finite or off the sphere) is an
// error, and so is a Symmetry or Canonical callback that returns, for one
// of the points, a vector whose length is not N or with a NaN or infinite
// entry: a broken callback, which changed the counts silently (a Canonical
// returning nil merged every point into one, one returning NaN merged
// none; a Symmetry returning a short slice counted every partner as a
// violation). A Symmetry image of the right length that is off the
// manifold, or not critical, is a symmetry violation.
func Dedup(l landscapes.Landscape, pts []Point, opts DedupOptions) (*DedupResult, error) {
	if landscapes.IsNil(l) {
		return nil, fmt.Errorf("critical: the landscape is nil")
	}
	if !(opts.Tol > 0) || math.IsInf(opts.Tol, 0) {
		return nil, fmt.Errorf("critical: DedupOptions.Tol = %v, want a finite value > 0", opts.Tol)
	}
	if !(opts.GradTol >= 0) || !(opts.ZeroTol >= 0) || math.IsInf(opts.GradTol, 0) || math.IsInf(opts.ZeroTol, 0) {
		return nil, fmt.Errorf("critical: DedupOptions.GradTol = %v, ZeroTol = %v, want finite values ≥ 0", opts.GradTol, opts.ZeroTol)
	}
	if opts.GradTol == 0 {
		opts.GradTol = 1e-11
	}
	if opts.ZeroTol == 0 {
		opts.ZeroTol = 1e-8
	}
	if opts.unit == (fdUnits{}) {
		opts.unit = fdUnitOne
	}
	if l.Manifold() == nil {
		return nil, fmt.Errorf("critical: the landscape's manifold is nil")
	}
	n := l.Manifold().Dim()
	tol := opts.Tol * math.Sqrt(float64(n))
	var cl []Point
	idx := newClusterIndex(tol) // canonical forms of the cluster representatives
	key := func(x []float64) ([]float64, error) {
		if opts.Canonical == nil {
			return x, nil
		}
		k := opts.Canonical(x)
		if err := checkImage("Canonical", k, n); err != nil {
			return nil, err
		}
		return k, nil
	}
	// confident reports a point whose classification is beyond doubt: no
	// eigenvalue within 10·ZeroTol·max(unit, max|λ|) of 0. Two such points
	// of different index or nullity are distinct critical points however
	// close they are (a fold pair: a minimum and a saddle of index 1 a
	// distance λ/c apart along the soft direction, which merging within
	// Tol would join); points classified near the zero band may flip
	// between hits of one point and are merged by distance alone.
	confident := func(p *Point) bool {
		if p.Nullity > 0 || len(p.Eigenvalues) == 0 {
			return false
		}
		lmax, amin := 0.0, math.Inf(1)
		for _, v := range p.Eigenvalues {
			lmax, amin = max(lmax, math.Abs(v)), min(amin, math.Abs(v))
		}
		return amin > 10*opts.ZeroTol*math.Max(opts.unit.hess, lmax)
	}
	find := func(k []float64, p *Point) int {
		return idx.first(k, func(j int) bool {
			q := &cl[j]
			return (q.Index == p.Index && q.Nullity == p.Nullity) || !confident(p) || !confident(q)
		})
	}
	for _, p := range pts {
		if len(p.X) != n {
			return nil, fmt.Errorf("critical: len(point.X) = %d, want N = %d", len(p.X), n)
		}
		if err := l.Manifold().Check(p.X); err != nil {
			return nil, fmt.Errorf("critical: point.X: %w", err)
		}
		k, err := key(p.X)
		if err != nil {
			return nil, err
		}
		if p.Hits < 0 {
			return nil, fmt.Errorf("critical: point.Hits = %d, want ≥ 0", p.Hits)
		}
		if j := find(k, &p); j >= 0 {
			q := &cl[j]
			if q.Hits > math.MaxInt-p.Hits {
				return nil, fmt.Errorf("critical: the Hits of a cluster, %d + %d, overflow int", q.Hits, p.Hits)
			}
			hits, first := q.Hits+p.Hits, q.FirstStart
			if p.FirstStart >= 0 && (first < 0 || p.FirstStart < first) {
				first = p.FirstStart
			}
			// A confidently classified point takes over a cluster whose
			// representative is not: else the representative's doubtful
			// class stood for both, and a later confident point of
			// another index merged into it or not depending on the order
			// (a minimum, an index-1 saddle 2e-7 away and a degenerate
			// point between them: 2 clusters in one order, 1 in another,
			// the saddle lost).
			if confident(&p) && !confident(q) {
				*q = p
				q.X = append([]float64(nil), p.X...)
				idx.replace(j, k)
			}
			q.Hits, q.FirstStart = hits, first
			continue
		}
		q := p
		q.X = append([]float64(nil), p.X...)
		cl = append(cl, q)
		idx.add(k)
	}
	res := &DedupResult{}
	// orbit is a union–find forest over the clusters (Tarjan, J. ACM 22
	// (1975) 215); root gives a cluster's orbit id, the smallest cluster
	// of its orbit. Relabelling every cluster at each merge made the
	// symmetry phase quadratic in the clusters.
	orbit := make([]int, len(cl))
	for j := range orbit {
		orbit[j] = j
	}
	root := func(j int) int {
		r := j
		for orbit[r] != r {
			r = orbit[r]
		}
		for orbit[j] != r {
			orbit[j], j = r, orbit[j]
		}
		return r
	}
	if opts.Symmetry != nil {
		m := len(cl)
		loc := fdLocal{unit: opts.unit}
		for j := 0; j < m; j++ {
			y := opts.Symmetry(cl[j].X)
			if err := checkImage("Symmetry", y, n); err != nil {
				return nil, err
			}
			if !loc.eval(l, y) || !(loc.gnorm <= 10*opts.GradTol*loc.scale) || !fdFinite(loc.lm.Value()) {
				res.SymmetryViolations++
				continue
			}
			ky, err := key(y)
			if err != nil {
				return nil, err
			}
			// loc is at y (eval succeeded): its Hessian is reused. The
			// partner is classified before it is compared (find).
			q, err := classifySet(&loc.lm, l, opts.ZeroTol, opts.unit.hess)
			if err != nil {
				return nil, err
			}
			if k := find(ky, &q); k >= 0 {
				if rj, rk := root(j), root(k); rj != rk {
					orbit[max(rj, rk)] = min(rj, rk)
				}
				continue
			}
			q.FirstStart = -1
			cl = append(cl, q)
			idx.add(ky)
			orbit = append(orbit, root(j))
			res.PartnersAdded++
		}
	}
	hits := map[int]int{}
	size := map[int]int{}
	for j, c := range cl {
		hits[root(j)] += c.Hits
		size[root(j)]++
	}
	// Orbits never captured (Hits 0: points the caller found otherwise,
	// such as Find's exploration) are no random captures: they count as
	// observed, not in the estimate (which they would otherwise pull below
	// the number of points observed, the orbit count not including them).
	var oh []int
	var sz, unhit float64
	for id, h := range hits {
		if h <= 0 {
			unhit += float64(size[id])
			continue
		}
		oh = append(oh, h)
		sz += float64(size[id])
	}
	slices.Sort(oh) // map order must not matter (it does not for Chao1; sorted anyway)
	if no := len(oh); no > 0 {
		res.Chao1 = sz + (Chao1(oh)-float64(no))*sz/float64(no)
	}
	res.Chao1 += unhit
	slices.SortFunc(cl, fdCompare)
	res.Points = cl
	return res, nil
}

// checkImage returns an error naming the callback (Symmetry or Canonical)
// when y, its result for a point, is not a vector of n finite values.
func checkImage(callback string, y []float64, n int) error {
	if err := (landscapes.Euclidean{N: n}).Check(y); err != nil {
		return fmt.Errorf("critical: the %s callback returned an invalid vector (want N = %d finite values): %w", callback, n, err)
	}
	return nil
}

// fdCompare orders points by energy, then index, then coordinates.
func fdCompare(a, b Point) int {
	if a.Energy != b.Energy {
		if a.Energy < b.Energy {
			return -1
		}
		return 1
	}
	if a.Index != b.Index {
		return a.Index - b.Index
	}
	return slices.Compare(a.X, b.X)
}

// fdDist returns |a − b|.
func fdDist(a, b []float64) float64 {
	var s float64
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return math.Sqrt(s)
}

// clusterIndex holds the keys of Dedup's cluster representatives and finds
// the first (lowest-numbered) one within tol of a query that a predicate
// accepts, as a scan of all keys in order would, without scanning them all:
// keys are bucketed by their first coordinate in cells of width tol, and a
// key within tol of the query (Euclidean, so in the first coordinate too)
// lies in the query's cell or a neighbour (two on each side are scanned, a
// margin for the rounding of k[0]/tol). Keys whose cell number is beyond
// ±2⁴⁰, where that rounding is coarse, are kept in a list scanned with
// every query (and a query there scans all keys). A linear scan made
// Dedup quadratic in the distinct points: 0.65 s for 20 000 points in
// three dimensions, hours at the 10⁶ starts Find
// accepts.
type clusterIndex struct {
	tol   float64
	keys  [][]float64
	cells map[int64][]int // ascending cluster numbers per cell
	far   []int           // ascending, the keys without a cell
}

func newClusterIndex(tol float64) *clusterIndex {
	return &clusterIndex{tol: tol, cells: map[int64][]int{}}
}

// cell returns the cell of key k, or false when it has none.
func (c *clusterIndex) cell(k []float64) (int64, bool) {
	q := math.Floor(k[0] / c.tol)
	if !(math.Abs(q) <= 1<<40) {
		return 0, false
	}
	return int64(q), true
}

// insert adds cluster j to the list of key k, keeping it ascending.
func (c *clusterIndex) insert(j int, k []float64) {
	if q, ok := c.cell(k); ok {
		l := c.cells[q]
		i, _ := slices.BinarySearch(l, j)
		c.cells[q] = slices.Insert(l, i, j)
		return
	}
	i, _ := slices.BinarySearch(c.far, j)
	c.far = slices.Insert(c.far, i, j)
}

// add appends the key of a new cluster.
func (c *clusterIndex) add(k []float64) {
	c.keys = append(c.keys, k)
	c.insert(len(c.keys)-1, k)
}

// replace gives cluster j the key k.
func (c *clusterIndex) replace(j int, k []float64) {
	old := c.keys[j]
	if q, ok := c.cell(old); ok {
		l := c.cells[q]
		i, _ := slices.BinarySearch(l, j)
		c.cells[q] = slices.Delete(l, i, i+1)
	} else {
		i, _ := slices.BinarySearch(c.far, j)
		c.far = slices.Delete(c.far, i, i+1)
	}
	c.keys[j] = k
	c.insert(j, k)
}

// first returns the lowest-numbered cluster whose key is within tol of k
// and which ok accepts, or −1.
func (c *clusterIndex) first(k []float64, ok func(j int) bool) int {
	match := func(j int) bool { return fdDist(c.keys[j], k) < c.tol && ok(j) }
	q, has := c.cell(k)
	if !has {
		for j := range c.keys {
			if match(j) {
				return j
			}
		}
		return -1
	}
	best := -1
	scan := func(l []int) {
		for _, j := range l {
			if best >= 0 && j >= best {
				return
			}
			if match(j) {
				best = j
				return
			}
		}
	}
	for d := int64(-2); d <= 2; d++ {
		scan(c.cells[q+d])
	}
	scan(c.far)
	return best
}
