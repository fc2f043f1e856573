// Package nilcheck tells a nil interface value from one holding a nil
// pointer (a typed nil), so that the library packages can return an error
// for either instead of panicking in a method call.
package nilcheck

import "reflect"

// Is reports whether v is nil or holds a nil pointer, map, slice, function,
// interface or channel, such as (*mat.SymDense)(nil) passed as a
// mat.Symmetric.
func Is(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return r.IsNil()
	}
	return false
}
