package rmt

// SymTridiagonal is a real symmetric tridiagonal matrix: Diag (len n) and Off (len n−1, Off[i] = T[i][i+1]).
//
// It is the O(n)-memory form of the Gaussian β-ensembles returned by
// [BetaHermite] and [PSpinHessianTridiagonal] (Dumitriu & Edelman, J. Math.
// Phys. 43 (2002) 5830). T[i+1][i] = T[i][i+1] = Off[i]; every other entry off
// the three central diagonals is zero. A well-formed value has
// len(Off) = len(Diag) − 1 (or both empty).
type SymTridiagonal struct{ Diag, Off []float64 }

// N returns the order n of the matrix, len(t.Diag).
func (t SymTridiagonal) N() int { return len(t.Diag) }

// Bidiagonal is a real lower-bidiagonal matrix B (n×n): Diag (len n), Sub (len n−1, Sub[i] = B[i+1][i]);
// it stands for the positive semidefinite matrix B·Bᵀ.
//
// It is the O(n)-memory form of the β-Laguerre (Wishart) ensembles returned by
// [BetaLaguerre] (Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830, Theorem
// 3.4). The eigenvalues of B·Bᵀ are the squared singular values of B. A
// well-formed value has len(Sub) = len(Diag) − 1 (or both empty).
type Bidiagonal struct{ Diag, Sub []float64 }

// N returns the order n of the matrix, len(b.Diag).
func (b Bidiagonal) N() int { return len(b.Diag) }
