//go:build !race

package escape

// raceEnabled reports a build with the race detector (see race_test.go).
const raceEnabled = false
