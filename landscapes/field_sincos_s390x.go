//go:build s390x

package landscapes

import "math"

// fieldSincos returns math.Sin(p) and math.Cos(p). On s390x they have
// assembly implementations that math.Sincos (pure Go) does not share, so
// they are called separately to keep the bits of the Landscape methods.
func fieldSincos(p float64) (sin, cos float64) { return math.Sin(p), math.Cos(p) }
