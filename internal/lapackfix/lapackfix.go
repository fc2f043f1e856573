// Package lapackfix works around a bug of gonum v0.17.0's LAPACK: Dsterf
// (which Dsyev calls when no eigenvectors are wanted) rescales a block of a
// tridiagonal matrix whose largest entry is below about 1.2e-122 or above
// about 2.2e153 by calling Dlascl on a column vector with lda = n, and
// Dlascl then panics with "lapack: insufficient length of a". Dsteqr (the
// path with eigenvectors) has no such call. Callers run the solver through
// [Catch] and, when it reports this panic, solve again by Dsteqr.
package lapackfix

// ShortA is the value gonum's Dlascl panics with when Dsterf calls it.
const ShortA = "lapack: insufficient length of a"

// Catch runs f and reports whether it panicked with [ShortA]; any other
// panic is passed on.
func Catch(f func()) (shortA bool) {
	defer func() {
		if r := recover(); r != nil {
			if r != ShortA {
				panic(r)
			}
			shortA = true
		}
	}()
	f()
	return false
}
