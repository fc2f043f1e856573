package rmt

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// MemoryBudget is the largest number of bytes a single sampler call may
// allocate for its result and its workspace (default 4 GiB). A request that
// would need more, for example a dense GOE with n = 10⁶ (8 TB), is refused with
// an error instead of crashing the process with an out-of-memory panic. Raise it
// on a machine with more memory; set it once, before samplers run concurrently
// (it is read without synchronisation).
var MemoryBudget int64 = 4 << 30

var errNilRand = errors.New("rmt: the random generator r is nil")

// checkRand rejects a nil generator.
func checkRand(r *rand.Rand) error {
	if r == nil {
		return errNilRand
	}
	return nil
}

// checkN checks a dimension parameter named name (n or m) against ≥ 1.
func checkN(name string, v int) error {
	if v < 1 {
		return fmt.Errorf("rmt: %s = %d, want %s ≥ 1", name, v, name)
	}
	return nil
}

// checkFinite checks that a real parameter is finite.
func checkFinite(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("rmt: %s = %v, want a finite number", name, v)
	}
	return nil
}

// checkEnergy checks the energy E of a p-spin Hessian model: finite, with a
// finite diagonal shift p·E.
func checkEnergy(p int, energy float64) error {
	if err := checkFinite("energy", energy); err != nil {
		return err
	}
	if math.IsInf(float64(p)*energy, 0) {
		return fmt.Errorf("rmt: energy = %v, want |energy| ≤ %v so that the shift p·energy (p = %d) is finite", energy, math.MaxFloat64/float64(p), p)
	}
	return nil
}

// CheckBeta checks the Dyson index β of a matrix of size dim (the samplers
// call it; callers may, to validate up front): positive and finite, large enough that
// the scale factors 2/(β·dim) stay finite and small enough that the chi
// degrees of freedom β·dim stay finite.
func CheckBeta(beta float64, dim int) error {
	if !(beta > 0) || math.IsInf(beta*float64(dim), 1) || math.IsInf(2/beta, 1) {
		return fmt.Errorf("rmt: beta = %v, want 0 < beta < ∞ (with 2/beta and beta·%d finite)", beta, dim)
	}
	return nil
}

// checkP checks the p of a p-spin model.
func checkP(p int) error {
	if p < 2 {
		return fmt.Errorf("rmt: p = %d, want p ≥ 2", p)
	}
	return nil
}

// formatBytes prints a byte count in decimal units.
func formatBytes(b float64) string {
	switch {
	case b >= 1e9:
		return fmt.Sprintf("%.4g GB", b/1e9)
	case b >= 1e6:
		return fmt.Sprintf("%.4g MB", b/1e6)
	case b >= 1e3:
		return fmt.Sprintf("%.4g kB", b/1e3)
	}
	return fmt.Sprintf("%.0f B", b)
}

// checkMemory refuses a request needing more than MemoryBudget bytes. what
// names the parameters ("n = 1000000") and kind the object ("a dense matrix").
// bytes is computed in floating point so that it cannot overflow.
func checkMemory(what, kind string, bytes float64) error {
	if bytes > float64(MemoryBudget) {
		return fmt.Errorf("rmt: %s: %s would need %s; at most %s (rmt.MemoryBudget)",
			what, kind, formatBytes(bytes), formatBytes(float64(MemoryBudget)))
	}
	return nil
}

// maxNormal bounds the magnitude of every deviate of [Normal] and
// [NormalFill] (√(208·ln 2) ≈ 12.0071 plus rounding; derived in Normal's doc
// comment). The samplers use it to bound their entries, and so their
// parameters, with no draw made.
const maxNormal = 12.01

// maxGramScale returns the largest factor c for which c·Σ_{k<terms} x_k², a
// sum of terms squared deviates |x_k| ≤ maxNormal, stays finite, rounding
// included (a factor 2 to spare): MaxFloat64/(2·12.01²·terms). A Wishart
// sampler whose entries are sums of m (or n·m) such products, scaled by c,
// returns finite entries.
func maxGramScale(terms float64) float64 {
	return math.MaxFloat64 / (2 * maxNormal * maxNormal * terms)
}

// maxSigma bounds the σ of [WishartPlusWigner]: σ·G has entries of at most
// √2·maxNormal·σ (the diagonal of GOE(1)), which with the Wishart part's (at
// most maxNormal²) stay finite for σ ≤ MaxFloat64/(2·maxNormal).
const maxSigma = math.MaxFloat64 / (2 * maxNormal)

// checkSigma checks the σ of [WishartPlusWigner]: 0 ≤ σ ≤ maxSigma.
func checkSigma(sigma float64) error {
	if !(sigma >= 0 && sigma <= maxSigma) {
		return fmt.Errorf("rmt: sigma = %v, want 0 ≤ sigma ≤ %.4g (MaxFloat64/(2·12.01), so that the entries of sigma·GOE, at most √2·12.01·sigma, stay finite)", sigma, maxSigma)
	}
	return nil
}
