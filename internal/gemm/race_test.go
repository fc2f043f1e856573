//go:build race

package gemm

// raceEnabled reports a build with the race detector, under which
// sync.Pool drops a random part of what is Put (and the instrumentation
// allocates), so allocation counts say nothing about the code.
const raceEnabled = true
