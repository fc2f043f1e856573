package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target heap growth that tuneGC sets
// (Go's default is 100).
const gcPercent = 400

// tuneGC makes the garbage collector run less often, unless the user chose
// its settings with GOGC or GOMEMLIMIT. The enumerating commands allocate
// small, short-lived matrices at a high rate (one local Newton model per
// step) on a live heap of a few megabytes, so with Go's defaults the
// collector runs about a hundred times a second: on two cores the default
// `rmtsim` took 21 s (8 s of it system time) with GOGC=100 and 11.5 s with
// GOGC=400, byte-identical output, its peak memory 22 MB → 35 MB. A larger
// growth target alone would let a large live heap (big coupling tensors or
// dense matrices) grow five-fold before a collection, so the soft memory
// limit is set to half of the memory available as well (the machine's, or
// the lower limit of the process's cgroup in a container or batch job):
// near it the collector runs as often as it must (Go's GC guide, "Memory
// limit"). On systems where that memory is unknown the defaults are kept.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	total := physicalMemory()
	if total == 0 {
		return
	}
	debug.SetMemoryLimit(int64(min(total/2, 1<<62)))
	debug.SetGCPercent(gcPercent)
}
