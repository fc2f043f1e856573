package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rmtsim/rmtsim/critical"
)

// The .npy format, version 1.0, as specified in NumPy Enhancement Proposal 1
// ("A Simple File Format for NumPy Arrays") and numpy.lib.format:
//
//	"\x93NUMPY" major=1 minor=0 HEADER_LEN (uint16, little-endian)
//	header: an ASCII Python dict literal {'descr': …, 'fortran_order': …, 'shape': (…), }
//	        padded with spaces and ended by '\n' so that the data start at a
//	        multiple of 64 bytes (NumPy ≥ 1.16 aligns to 64; readers accept any)
//	data:   the array's elements in C (row-major) order
//
// rmtsim writes float64 arrays only, descr '<f8' (little-endian IEEE 754
// binary64), so NumPy users load a file with np.load(path).

// npyMagic opens every .npy file: the magic string and version 1.0.
const npyMagic = "\x93NUMPY\x01\x00"

// npyAlign is the alignment of the data that NumPy itself uses.
const npyAlign = 64

// npyHeader returns the magic, version, header length and header of a
// C-order little-endian float64 array of the given shape.
func npyHeader(shape []int) ([]byte, error) {
	dims := make([]string, len(shape))
	for i, d := range shape {
		if d < 0 {
			return nil, fmt.Errorf("npy: shape[%d] = %d, want ≥ 0", i, d)
		}
		dims[i] = strconv.Itoa(d)
	}
	tuple := "(" + strings.Join(dims, ", ") + ")"
	if len(shape) == 1 {
		tuple = "(" + dims[0] + ",)" // a one-element Python tuple
	}
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': " + tuple + ", }"
	// Pad with spaces so that magic (8) + length (2) + header, which ends in
	// '\n', is a multiple of npyAlign.
	total := len(npyMagic) + 2 + len(dict) + 1
	pad := (npyAlign - total%npyAlign) % npyAlign
	hlen := len(dict) + pad + 1
	if hlen > math.MaxUint16 {
		return nil, fmt.Errorf("npy: header of %d bytes does not fit format version 1.0", hlen)
	}
	b := make([]byte, 0, total+pad)
	b = append(b, npyMagic...)
	b = binary.LittleEndian.AppendUint16(b, uint16(hlen))
	b = append(b, dict...)
	for range pad {
		b = append(b, ' ')
	}
	return append(b, '\n'), nil
}

// writeNpyRows writes a 2-D float64 array, one slice per row (all of length
// cols), as a .npy file.
func writeNpyRows(w io.Writer, rows [][]float64, cols int) error {
	h, err := npyHeader([]int{len(rows), cols})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(h)
	buf := make([]byte, 0, 8*cols)
	for i, row := range rows {
		if len(row) != cols {
			return fmt.Errorf("npy: row %d holds %d values, want %d (a 2-D array needs equal rows)", i, len(row), cols)
		}
		buf = buf[:0]
		for _, v := range row {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		bw.Write(buf)
	}
	return bw.Flush()
}

// isNpy reports whether a file name asks for the .npy format.
func isNpy(path string) bool { return strings.HasSuffix(path, ".npy") }

// pointColumns is the number of columns of a -points .npy array.
const pointColumns = 6

// pointRows turns the critical points of realization i into rows of the
// -points .npy array: realization, energy, index, grad_norm, min_eig,
// degenerate (1 or 0), the columns of the CSV form.
func pointRows(i int, pts []critical.Point) [][]float64 {
	rows := make([][]float64, len(pts))
	for j, pt := range pts {
		deg := 0.0
		if pt.Degenerate {
			deg = 1
		}
		rows[j] = []float64{float64(i), pt.Energy, float64(pt.Index), pt.GradNorm, pt.MinEig, deg}
	}
	return rows
}
