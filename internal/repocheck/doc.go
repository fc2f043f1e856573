// Package repocheck holds a test of what the repository tracks: the project's
// own sources, data and reports, never a build product. A binary left by
// `go build ./notebooks/<name>` at the repository root was twice committed by
// mistake (13 MB each); the test in this package fails on any tracked
// executable or object file (by its magic number: ELF, Mach-O, PE) and on any
// tracked file over MaxTrackedBytes, naming the files.
package repocheck

// MaxTrackedBytes is the largest file the repository may track: the biggest
// legitimate ones are notebook figures of a few hundred kilobytes.
const MaxTrackedBytes = 1 << 20
