package robust_test

import (
	"errors"
	"fmt"

	"github.com/rmtsim/rmtsim/internal/robust"
)

// printer is a Reporter that prints, standing in for a *testing.T.
type printer struct{}

func (printer) Helper() {}
func (printer) Errorf(format string, args ...any) {
	fmt.Printf(format+"\n", args...)
}

// Fails reports a call that panics or accepts bad input; NoPanic one that
// panics. The first call of each is what the library promises.
func ExampleFails() {
	var t printer
	robust.Fails(t, "refused", func() error { return errors.New("n = -1, want n ≥ 1") })
	robust.Fails(t, "accepted", func() error { return nil })
	robust.Fails(t, "index", func() error {
		var s []int
		return fmt.Errorf("%d", s[1])
	})
	robust.NoPanic(t, "NaN", func() { _ = 0.0 / 1 })
	robust.NoPanic(t, "panics", func() { panic("boom") })
	// Output:
	// accepted: no error
	// index: panic: runtime error: index out of range [1] with length 0
	// panics: panic: boom
}
