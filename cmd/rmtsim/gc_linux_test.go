package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCgroupMemoryLimit: the soft memory limit of tuneGC is half the memory
// the process may use, so a cgroup limit (a container's, a Slurm job's)
// below the machine's memory must be found, in the v1 and v2 layouts, at the
// process's own group or at the top of the mount; "max" and missing files
// are no limit.
func TestCgroupMemoryLimit(t *testing.T) {
	write := func(root, rel, content string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	v2 := t.TempDir()
	write(v2, "memory.max", "max\n")
	write(v2, "job/memory.max", "2147483648\n")
	v1 := t.TempDir()
	write(v1, "memory/memory.limit_in_bytes", "9223372036854771712\n")
	write(v1, "memory/slurm/job_7/memory.limit_in_bytes", "1073741824\n")
	v1top := t.TempDir()
	write(v1top, "memory/memory.limit_in_bytes", "536870912\n")
	for _, c := range []struct {
		name, root, self string
		want             uint64
	}{
		{"v2 group", v2, "0::/job\n", 2147483648},
		{"v2 unlimited", v2, "0::/\n", 0},
		{"v1 group", v1, "12:cpu,cpuacct:/slurm/job_7\n4:memory:/slurm/job_7\n0::/\n", 1073741824},
		{"v1 unlimited", v1, "4:memory:/\n", 9223372036854771712},
		{"v1 container", v1top, "4:memory:/host/path\n", 536870912},
		{"none", t.TempDir(), "", 0},
	} {
		if got := cgroupMemoryLimit(c.root, c.self); got != c.want {
			t.Errorf("%s: limit %d, want %d", c.name, got, c.want)
		}
	}
}
