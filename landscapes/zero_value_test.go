package landscapes_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestZeroValueMethodsDoNotPanic calls every method of the zero value of
// each landscape and manifold type (not built by its constructor: no
// couplings, features, data or matrices) with zero arguments. The library
// must not panic on user input: the Landscape methods return NaN (the rule
// for arguments of the wrong length), the accessors empty results. Before,
// 19 of these calls panicked (nil dereferences in Func and QuadraticSaddle,
// gonum's refusal of a 0×0 matrix in the Hessians, MLP.Data, Unpack and
// Predict, an index −1 in MLP.BaselineLoss).
func TestZeroValueMethodsDoNotPanic(t *testing.T) {
	zeros := []any{
		&landscapes.GaussianField{}, &landscapes.Func{}, &landscapes.LocalModel{},
		&landscapes.MLP{}, &landscapes.Octopus{}, &landscapes.PSpin{},
		&landscapes.QuadraticSaddle{}, &landscapes.Monkey{},
		&landscapes.Euclidean{}, &landscapes.Sphere{},
	}
	for _, z := range zeros {
		rv := reflect.ValueOf(z)
		if rv.NumMethod() < 2 {
			t.Fatalf("%T has %d methods: the reflection walk lost them", z, rv.NumMethod())
		}
		for i := 0; i < rv.NumMethod(); i++ {
			m, name := rv.Method(i), rv.Type().Method(i).Name
			args := make([]reflect.Value, m.Type().NumIn())
			for j := range args {
				in := m.Type().In(j)
				if m.Type().IsVariadic() && j == len(args)-1 {
					in = in.Elem()
				}
				args[j] = reflect.Zero(in)
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("(%T).%s panicked: %v", z, name, r)
					}
				}()
				m.Call(args)
			}()
		}
		if l, ok := z.(landscapes.Landscape); ok {
			if _, isMonkey := z.(*landscapes.Monkey); isMonkey {
				continue // a fixed function of two variables: its zero value is the landscape
			}
			if v := l.Value(nil); !math.IsNaN(v) {
				t.Errorf("(%T).Value(nil) = %v, want NaN (dimension 0)", z, v)
			}
		}
	}
}
