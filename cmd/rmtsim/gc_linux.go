package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// physicalMemory returns the memory available to the process in bytes (0 if
// unknown): the machine's memory, or the memory limit of the process's
// control group when that is lower, as in a container or a batch job
// (Kubernetes and Slurm confine jobs by cgroup limits, which sysinfo does
// not see).
func physicalMemory() uint64 {
	var info syscall.Sysinfo_t
	if err := syscall.Sysinfo(&info); err != nil {
		return 0
	}
	total := uint64(info.Totalram) * uint64(info.Unit)
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		self = nil
	}
	if l := cgroupMemoryLimit("/sys/fs/cgroup", string(self)); l > 0 && l < total {
		return l
	}
	return total
}

// cgroupMemoryLimit returns the lowest memory limit in bytes found for the
// process's control groups under the cgroup file system mounted at root
// (0: none). self is the content of /proc/self/cgroup, whose lines
// "id:controllers:path" place the process: the unified hierarchy (v2,
// "0::path") limits it by path/memory.max, the memory controller of v1 by
// memory/path/memory.limit_in_bytes. The files at the top of the mount are
// read too, because inside a container the mount shows the container's own
// group there while /proc/self/cgroup may give the path on the host. A
// missing file, "max" or an unparsable value is no limit (v1 writes
// "unlimited" as a number near 2^63, which the caller's comparison with the
// machine's memory discards).
func cgroupMemoryLimit(root, self string) uint64 {
	files := []string{filepath.Join(root, "memory.max"), filepath.Join(root, "memory", "memory.limit_in_bytes")}
	for _, line := range strings.Split(self, "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 || !strings.HasPrefix(parts[2], "/") {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			files = append(files, filepath.Join(root, parts[2], "memory.max"))
		case strings.Contains(","+parts[1]+",", ",memory,"):
			files = append(files, filepath.Join(root, "memory", parts[2], "memory.limit_in_bytes"))
		}
	}
	var limit uint64
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		v, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || v == 0 {
			continue
		}
		if limit == 0 || v < limit {
			limit = v
		}
	}
	return limit
}
