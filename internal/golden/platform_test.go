package golden

import (
	"runtime"
	"strings"
	"testing"
)

// TestPinned: the pinned platform is found from a package directory below
// the module root, and Exact agrees with comparing it with Platform, whose
// first word is the architecture.
func TestPinned(t *testing.T) {
	p, err := Pinned()
	if err != nil || p == "" {
		t.Fatalf("Pinned() = %q, %v; want the contents of %s", p, err, PlatformFile)
	}
	if got := Platform(); !strings.HasPrefix(got, runtime.GOARCH) || Exact() != (got == p) {
		t.Errorf("Platform() = %q, pinned %q, Exact() = %v", got, p, Exact())
	}
}
