// Package robust holds the test helpers that check the library's promise
// on bad input (DESIGN.md, Errors): an exported function returns an error
// naming the bad parameter, and never panics. The helpers check the error
// and the absence of a panic, not the error's wording; tests that match on
// the message (strings.Contains on the parameter's name) check that.
package robust

// Reporter is the part of testing.TB the helpers use.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// Fails calls f and reports through t if f panics or returns a nil error.
func Fails(t Reporter, name string, f func() error) {
	t.Helper()
	defer func() {
		t.Helper()
		if p := recover(); p != nil {
			t.Errorf("%s: panic: %v", name, p)
		}
	}()
	if err := f(); err == nil {
		t.Errorf("%s: no error", name)
	}
}

// NoPanic calls f, which has no error to return, and reports through t if it
// panics.
func NoPanic(t Reporter, name string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		if p := recover(); p != nil {
			t.Errorf("%s: panic: %v", name, p)
		}
	}()
	f()
}

// Err returns the error of a call with one other result, so that a table of
// bad inputs can hold func() error closures: func() error { return
// robust.Err(f(x)) }.
func Err(_ any, err error) error { return err }

// Err2 is Err for a call with two other results.
func Err2(_, _ any, err error) error { return err }
