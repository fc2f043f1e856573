package spectra

// Operator is a symmetric linear operator given by its action (Hessian-vector products).
type Operator interface {
	Dim() int
	MulVec(dst, v []float64) // dst = A v; len(dst) = len(v) = Dim(); must not retain v or dst
}
