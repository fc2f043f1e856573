package nilcheck

import (
	"fmt"
	"testing"
)

type stringer struct{}

func (*stringer) String() string { return "" }

func TestIs(t *testing.T) {
	var typed *stringer
	var s fmt.Stringer = typed
	for _, c := range []struct {
		v    any
		want bool
	}{
		{nil, true}, {s, true}, {(*int)(nil), true}, {map[int]int(nil), true}, {[]int(nil), true},
		{(func())(nil), true}, {(chan int)(nil), true},
		{&stringer{}, false}, {0, false}, {"", false}, {struct{}{}, false}, {[]int{}, false},
	} {
		if got := Is(c.v); got != c.want {
			t.Errorf("Is(%#v) = %t, want %t", c.v, got, c.want)
		}
	}
}
