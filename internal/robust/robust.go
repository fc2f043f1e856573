// Package robust holds the test helpers that check the library's promise
// on bad input (DESIGN.md, Errors): an exported function returns an error
// naming the bad parameter, and never panics.
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
