package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The index of a GOE matrix shifted by +1: the semicircle mass below −1 is
// about 19.6%.
func ExampleCertifiedIndex() {
	h, _ := rmt.GOE(rmt.Stream(2, "hessian", 0), 400)
	for i := 0; i < 400; i++ {
		h.SetSym(i, i, h.At(i, i)+1)
	}
	c, err := spectra.CertifiedIndex(h, 1e-10)
	if err != nil {
		panic(err)
	}
	fmt.Printf("negative %d, near zero %d, positive %d\n", c.Negative, c.NearZero, c.Positive)
	// Output:
	// negative 78, near zero 0, positive 322
}
