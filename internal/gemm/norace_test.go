//go:build !race

package gemm

// raceEnabled reports a build with the race detector (see race_test.go).
const raceEnabled = false
