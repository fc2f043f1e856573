package robust_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/robust"
)

// printer is a Reporter that prints, standing in for a *testing.T.
type printer struct{}

func (printer) Helper() {}
func (printer) Errorf(format string, args ...any) {
	fmt.Printf(format+"\n", args...)
}

// Fails reports a call that accepts bad input or panics, NoPanic one that
// panics; silence is what the library promises. sqrt refuses −1 and NaN
// (Err drops its value), so only the last three calls are reported.
func ExampleFails() {
	var t printer
	sqrt := func(x float64) (float64, error) {
		if !(x >= 0) {
			return 0, fmt.Errorf("x = %v, want x ≥ 0", x)
		}
		return math.Sqrt(x), nil
	}
	robust.Fails(t, "refused", func() error { return robust.Err(sqrt(-1)) })
	robust.Fails(t, "NaN", func() error { return robust.Err(sqrt(math.NaN())) })
	robust.Fails(t, "accepted", func() error { return nil })
	robust.Fails(t, "index", func() error {
		var s []int
		return fmt.Errorf("%d", s[1])
	})
	robust.NoPanic(t, "quiet", func() { _ = math.Sqrt(-1) })
	robust.NoPanic(t, "panics", func() { panic("boom") })
	// Output:
	// accepted: no error
	// index: panic: runtime error: index out of range [1] with length 0
	// panics: panic: boom
}
