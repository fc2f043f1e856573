//go:build !s390x

package landscapes

import "math"

// fieldSincos returns math.Sin(p) and math.Cos(p) by math.Sincos, which
// on this architecture shares their pure-Go implementation (the Cephes
// reduction and polynomials, same operations in the same order) and so
// returns the same bits, at the cost of about one of them for arguments
// in random order (TestFieldSincosExact checks the bits).
func fieldSincos(p float64) (sin, cos float64) { return math.Sincos(p) }
