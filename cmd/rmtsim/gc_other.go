//go:build !linux

package main

// physicalMemory returns 0: the machine's memory is not looked up outside
// Linux, and tuneGC then keeps the collector's defaults.
func physicalMemory() uint64 { return 0 }
