package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// npyDict matches the header dict rmtsim writes.
var npyDict = regexp.MustCompile(`^\{'descr': '([^']*)', 'fortran_order': (True|False), 'shape': \(([0-9, ]*)\), \} *\n$`)

// readNpy parses a .npy file independently of the writer, checking every
// rule of the format (NEP 1): magic, version 1.0, header length, 64-byte
// alignment, dict, dtype <f8, C order, data length.
func readNpy(t *testing.T, b []byte) (shape []int, data []float64) {
	t.Helper()
	if len(b) < 10 || string(b[:8]) != "\x93NUMPY\x01\x00" {
		t.Fatalf("npy: bad magic or version % x", b[:min(10, len(b))])
	}
	hlen := int(binary.LittleEndian.Uint16(b[8:10]))
	if (10+hlen)%64 != 0 || len(b) < 10+hlen {
		t.Fatalf("npy: header length %d: data start %d not 64-aligned or past the end", hlen, 10+hlen)
	}
	m := npyDict.FindStringSubmatch(string(b[10 : 10+hlen]))
	if m == nil {
		t.Fatalf("npy: header %q is not the expected dict", b[10:10+hlen])
	}
	if m[1] != "<f8" || m[2] != "False" {
		t.Fatalf("npy: descr %s fortran_order %s, want <f8 and False", m[1], m[2])
	}
	shape = npyShape(t, m[3])
	n := 1
	for _, d := range shape {
		n *= d
	}
	body := b[10+hlen:]
	if len(body) != 8*n {
		t.Fatalf("npy: %d data bytes for shape %v, want %d", len(body), shape, 8*n)
	}
	data = make([]float64, n)
	for i := range data {
		data[i] = math.Float64frombits(binary.LittleEndian.Uint64(body[8*i:]))
	}
	return shape, data
}

// npyShape parses the shape tuple of a header, "3, 4" or "5,".
func npyShape(t *testing.T, tuple string) (shape []int) {
	t.Helper()
	for _, d := range strings.Split(tuple, ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		v, err := strconv.Atoi(d)
		if err != nil {
			t.Fatalf("npy: shape %q", tuple)
		}
		shape = append(shape, v)
	}
	return shape
}

// TestNpyHeader checks headers against the format: a (3, 4) float64 array
// has the 118-byte header NumPy itself writes (10 + 118 = 128), and
// one-dimensional and empty shapes are valid Python tuples.
func TestNpyHeader(t *testing.T) {
	h, err := npyHeader([]int{3, 4})
	if err != nil {
		t.Fatal(err)
	}
	want := "\x93NUMPY\x01\x00\x76\x00{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"
	if !strings.HasPrefix(string(h), want) || len(h) != 128 || h[127] != '\n' {
		t.Errorf("header %q (%d bytes), want %q padded to 128 bytes", h, len(h), want)
	}
	for _, shape := range [][]int{{5}, {0, 6}, {1000000, 1000}} {
		h, err := npyHeader(shape)
		if err != nil {
			t.Fatal(err)
		}
		m := npyDict.FindStringSubmatch(string(h[10:]))
		if len(h)%64 != 0 || m == nil {
			t.Fatalf("shape %v: header %q not 64-aligned or not the expected dict", shape, h)
		}
		if got := npyShape(t, m[3]); !slices.Equal(got, shape) {
			t.Errorf("shape %v read back as %v from %q", shape, got, h)
		}
	}
	if h, _ := npyHeader([]int{5}); !bytes.Contains(h, []byte("'shape': (5,), }")) {
		t.Errorf("one-dimensional header %q lacks the tuple (5,)", h)
	}
	if _, err := npyHeader([]int{-1}); err == nil {
		t.Error("negative dimension accepted")
	}
	var buf bytes.Buffer
	if err := writeNpyRows(&buf, [][]float64{{1, 2}, {3}}, 2); err == nil {
		t.Error("ragged rows accepted")
	}
}

// csvFloats reads the numeric columns of a CSV file written by the
// commands, in order; true and false read as 1 and 0.
func csvFloats(t *testing.T, path string, skip int) (rows int, vals []float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	for _, line := range lines {
		for _, f := range strings.Split(line, ",")[skip:] {
			switch f {
			case "true":
				f = "1"
			case "false":
				f = "0"
			}
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("%s: %q", path, line)
			}
			vals = append(vals, v)
		}
	}
	return len(lines), vals
}

// numpyPython finds, once, a python3 that imports numpy ("" if none does);
// a pyenv or venv python3 first on the PATH may lack it where the system's
// has it.
var numpyPython = sync.OnceValue(func() string {
	for _, cand := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(cand); err == nil && exec.Command(p, "-c", "import numpy").Run() == nil {
			return p
		}
	}
	return ""
})

// loadWithNumPy loads a .npy file with NumPy when python3 and numpy are
// installed, and returns its dtype, shape, a[0, 1] and a[-1, -1] as NumPy
// prints them.
func loadWithNumPy(t *testing.T, path string) (string, bool) {
	t.Helper()
	py := numpyPython()
	if py == "" {
		return "", false
	}
	out, err := exec.Command(py, "-c", "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape[0], a.shape[1], repr(float(a[0, 1])), repr(float(a[-1, -1])))", path).CombinedOutput()
	if err != nil {
		t.Fatalf("numpy.load: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out)), true
}

// checkNpyAgainstCSV compares a .npy array with the same numbers written as
// CSV by the same run, exactly, and with NumPy's reading when available.
func checkNpyAgainstCSV(t *testing.T, npyPath, csvPath string, skipCSV, cols int) {
	t.Helper()
	b, err := os.ReadFile(npyPath)
	if err != nil {
		t.Fatal(err)
	}
	shape, data := readNpy(t, b)
	rows, vals := csvFloats(t, csvPath, skipCSV)
	if len(shape) != 2 || shape[0]*shape[1] != len(vals) || shape[1] != cols || len(vals) == 0 {
		t.Fatalf("shape %v; CSV has %d rows, %d values; want %d columns", shape, rows, len(vals), cols)
	}
	for i, v := range data {
		if v != vals[i] {
			t.Fatalf("element %d: npy %v, csv %v", i, v, vals[i])
		}
	}
	if got, ok := loadWithNumPy(t, npyPath); ok {
		f := strings.Fields(got)
		var a01, aLast float64
		if len(f) == 5 {
			a01, _ = strconv.ParseFloat(f[3], 64)
			aLast, _ = strconv.ParseFloat(f[4], 64)
		}
		if len(f) != 5 || f[0] != "float64" || f[1] != strconv.Itoa(shape[0]) || f[2] != strconv.Itoa(shape[1]) ||
			a01 != vals[1] || aLast != vals[len(vals)-1] {
			t.Errorf("numpy reads %q: want float64 %d %d %v %v", got, shape[0], shape[1], vals[1], vals[len(vals)-1])
		}
	} else {
		t.Log("python3 with numpy not installed: checked by the Go reader only")
	}
}

// TestNpyOutputs writes the raw arrays of a run as .npy and as CSV: the
// eigenvalues of spectrum as samples × n (realization order), the critical
// points of critical as points × 6 (the CSV's columns, degenerate as 0/1),
// each equal to the CSV's values.
func TestNpyOutputs(t *testing.T) {
	for _, c := range []struct {
		flag          string
		args          []string
		skipCSV, cols int
	}{
		{"-eigs", []string{"spectrum", "-n", "20", "-samples", "5", "-ensemble", "gue"}, 1, 20},
		{"-points", []string{"critical", "-n", "3", "-realizations", "3", "-starts", "40"}, 0, pointColumns},
	} {
		dir := t.TempDir()
		npy, csv := filepath.Join(dir, "a.npy"), filepath.Join(dir, "a.csv")
		for _, f := range []string{npy, csv} {
			if code, _, stderr := runCmd(t, append(c.args, c.flag, f, "-o", filepath.Join(dir, "out"))...); code != 0 {
				t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
			}
		}
		checkNpyAgainstCSV(t, npy, csv, c.skipCSV, c.cols)
	}
}
