package notebook

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Table is a table of a report: named columns and rows of formatted cells.
// Floats are written with five significant digits unless formatted by Sig,
// NaN as "—" (not applicable).
type Table struct {
	Columns []string
	Rows    [][]string
	err     error
}

// NewTable returns an empty table with the given columns.
func NewTable(columns ...string) *Table {
	return &Table{Columns: columns}
}

// Missing is how a NaN (a value that does not apply) is written.
const Missing = "—"

// Sig formats v with the given number of significant digits ('g' format),
// NaN as Missing.
func Sig(v float64, digits int) string {
	if math.IsNaN(v) {
		return Missing
	}
	return strconv.FormatFloat(v, 'g', digits, 64)
}

// Add appends a row. Cells are strings (written as they are), integers, or
// float64 (five significant digits, see Sig). A wrong number of cells or an
// unsupported type is reported by Report.Table.
func (t *Table) Add(cells ...any) {
	if len(cells) != len(t.Columns) {
		t.fail(fmt.Errorf("row %d has %d cells, want %d", len(t.Rows), len(cells), len(t.Columns)))
		return
	}
	row := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case string:
			row[i] = v
		case int:
			row[i] = strconv.Itoa(v)
		case int64:
			row[i] = strconv.FormatInt(v, 10)
		case float64:
			row[i] = Sig(v, 5)
		default:
			t.fail(fmt.Errorf("row %d, column %q: cell of type %T, want string, int or float64", len(t.Rows), t.Columns[i], c))
			return
		}
	}
	t.Rows = append(t.Rows, row)
}

func (t *Table) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func (t *Table) markdown(w io.Writer) {
	line := func(cells []string) {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = escapeCell(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
	}
	line(t.Columns)
	sep := make([]string, len(t.Columns))
	for i := range sep {
		sep[i] = "---"
	}
	line(sep)
	for _, r := range t.Rows {
		line(r)
	}
}

// splitRow splits a Markdown table line into its cells, honouring \|.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// ReadTables finds the tables of a report written by Report.Table, by their
// identifiers. It returns an error for a marked table that is malformed (no
// header, no separator line, a row with the wrong number of cells).
func ReadTables(markdown []byte) (map[string]*Table, error) {
	out := map[string]*Table{}
	sc := bufio.NewScanner(bytes.NewReader(markdown))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var cur *Table
	var id string
	state := 0 // 0: outside, 1: header expected, 2: separator expected, 3: rows
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "<!-- table: "); ok {
			id = strings.TrimSuffix(rest, " -->")
			if _, dup := out[id]; dup {
				return nil, fmt.Errorf("notebook: table %q appears twice", id)
			}
			cur = &Table{}
			out[id] = cur
			state = 1
			continue
		}
		switch state {
		case 1:
			if !strings.HasPrefix(line, "|") {
				return nil, fmt.Errorf("notebook: table %q has no header line", id)
			}
			cur.Columns = splitRow(line)
			state = 2
		case 2:
			if len(splitRow(line)) != len(cur.Columns) || !strings.Contains(line, "---") {
				return nil, fmt.Errorf("notebook: table %q has no separator line", id)
			}
			state = 3
		case 3:
			if !strings.HasPrefix(line, "|") {
				state = 0
				continue
			}
			cells := splitRow(line)
			if len(cells) != len(cur.Columns) {
				return nil, fmt.Errorf("notebook: table %q row %d has %d cells, want %d", id, len(cur.Rows), len(cells), len(cur.Columns))
			}
			cur.Rows = append(cur.Rows, cells)
		}
	}
	if state == 1 || state == 2 {
		return nil, fmt.Errorf("notebook: table %q is cut short", id)
	}
	return out, sc.Err()
}

// Column returns the index of the named column, or an error naming it.
func (t *Table) Column(name string) (int, error) {
	for i, c := range t.Columns {
		if c == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("notebook: no column %q (have %s)", name, strings.Join(t.Columns, ", "))
}

// Find returns the index of the first row whose cell in column key equals
// value, or an error.
func (t *Table) Find(key, value string) (int, error) {
	k, err := t.Column(key)
	if err != nil {
		return -1, err
	}
	for i, r := range t.Rows {
		if r[k] == value {
			return i, nil
		}
	}
	return -1, fmt.Errorf("notebook: no row with %s = %q", key, value)
}

// Float parses the cell of row i in the named column as a float64 (Missing
// as NaN).
func (t *Table) Float(i int, column string) (float64, error) {
	c, err := t.Column(column)
	if err != nil {
		return math.NaN(), err
	}
	if i < 0 || i >= len(t.Rows) {
		return math.NaN(), fmt.Errorf("notebook: row %d of %d", i, len(t.Rows))
	}
	s := t.Rows[i][c]
	if s == Missing {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN(), fmt.Errorf("notebook: row %d, column %q: %w", i, column, err)
	}
	return v, nil
}
