package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// restoreGC puts the collector back to the test binary's settings when
// the test ends (SetMemoryLimit with a negative value only reads it).
func restoreGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

// TestTuneGC: the user's GOGC or GOMEMLIMIT is left alone; otherwise, on
// Linux, the growth target becomes gcPercent and the soft limit half of the
// machine's memory.
func TestTuneGC(t *testing.T) {
	restoreGC(t)
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "100")
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			tuneGC()
			if got := debug.SetGCPercent(before); got != before {
				t.Errorf("%s set: GC percent %d, want it left at %d", env, got, before)
			}
		})
	}
	t.Run("unset", func(t *testing.T) {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		debug.SetGCPercent(100)
		tuneGC()
		got := debug.SetGCPercent(100)
		limit := debug.SetMemoryLimit(-1)
		total := physicalMemory()
		if runtime.GOOS == "linux" && total == 0 {
			t.Fatal("physicalMemory() = 0 on Linux")
		}
		if total == 0 {
			if got != 100 {
				t.Errorf("memory unknown: GC percent %d, want the default 100", got)
			}
			return
		}
		if got != gcPercent || uint64(limit) != total/2 {
			t.Errorf("GC percent %d, limit %d; want %d and %d (half of %d)", got, limit, gcPercent, total/2, total)
		}
	})
}
