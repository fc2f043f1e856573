package spectra

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// Ensemble names a random-matrix ensemble with its parameters, and draws the
// sorted eigenvalues of one realization by the dense sampler or the O(n²)
// tridiagonal/bidiagonal model of package rmt. It is the unit of work of a
// [SpectrumStudy] and of the `rmtsim spectrum` command, and its exported fields
// are the resolved parameters that determine a result.
type Ensemble struct {
	// Kind is one of the names in [EnsembleKinds].
	Kind string `json:"ensemble"`
	// N is the matrix size (the number of eigenvalues), N ≥ 1.
	N int `json:"n"`
	// M is the number of columns of X for the Wishart kinds and the
	// "wishart-wigner" Hessian, M ≥ 1; the ratio is c = N/M.
	M int `json:"m,omitempty"`
	// Beta is the Dyson index of the "beta" kind (any β > 0) and of the
	// spiked kinds, where 0 means 1: any β > 0 with the tridiagonal models
	// (rmt.SpikedBetaHermite, rmt.SpikedBetaLaguerre; real, complex and
	// quaternion data for β = 1, 2, 4), β = 1 with the dense samplers.
	Beta float64 `json:"beta,omitempty"`
	// Theta is the spike strength of "spiked-wigner" (G + θvvᵀ, G of the
	// Gaussian β-ensemble: the GOE for β = 1) and "spiked-wishart" (one
	// population eigenvalue 1 + θ, θ > −1).
	Theta float64 `json:"theta,omitempty"`
	// Model selects the "hessian" kind: "pspin" (the Riemannian Hessian of the
	// pure spherical p-spin at a critical point of energy Energy, a shifted GOE)
	// or "wishart-wigner" (W + σ·GOE, Pennington & Bahri 2017).
	Model string `json:"model,omitempty"`
	// P is the interaction order of the "pspin" Hessian, P ≥ 2.
	P int `json:"p,omitempty"`
	// Energy is the energy per coordinate E = H/N of the "pspin" Hessian.
	Energy float64 `json:"energy,omitempty"`
	// Sigma is the semicircle scale σ of the "wishart-wigner" Hessian,
	// σ ≥ 0, and of "deformed-wigner" (D + σ·GOE), 1e-100 ≤ σ ≤ 1e100.
	Sigma float64 `json:"sigma,omitempty"`
	// Pop is the population spectrum of "correlated-wishart",
	// W = Σ^{1/2}XXᵀΣ^{1/2}/m (rmt.CorrelatedWishart), as "t1:w1,t2:w2,…":
	// eigenvalues 1e-100 ≤ t_i ≤ 1e100 of Σ with weights w_i > 0 summing to
	// 1 (within 1e-9). Σ is diagonal, t_1 repeated k_1 times, then t_2 k_2 times, …,
	// where k_i = round(w_i·N) by the largest-remainder rule (⌊w_i·N⌋, then
	// one more to the atoms of largest fractional part w_i·N − ⌊w_i·N⌋, ties
	// to the earlier atom, until Σ k_i = N); every k_i must be ≥ 1. The limiting
	// law is [GeneralizedMP] with the realised weights k_i/N.
	//
	// For "deformed-wigner", H = D + σ·GOE(N), Pop gives the diagonal of D in
	// the same form and with the same apportionment, "a1:w1,a2:w2,…", but
	// the atoms a_i may be any reals with |a_i| ≤ 1e100 (0, or
	// |a_i| ≥ 1e-100); the limiting law is [DeformedSemicircle] with the
	// realised weights.
	Pop string `json:"pop,omitempty"`
	// Widths gives the layers of "product-wishart", W = YYᵀ/(n_1⋯n_L) with
	// Y = X_1⋯X_L, X_l an n_{l−1}×n_l Gaussian matrix and n_0 = N
	// (rmt.ProductWishart: JJᵀ of a deep linear network with Gaussian
	// weights), as "n1,n2,…,nL": 1 to 16 widths, each ≥ 1 with N/n_l in
	// [1e-6, 1e6]. Empty means "N,N", two square layers (the Fuss–Catalan
	// law of order 2). The limiting law is [ProductMP] with ratios N/n_l.
	Widths string `json:"widths,omitempty"`
	// Method is "auto", "dense" or "tridiagonal": which sampler draws the
	// eigenvalues. "auto" takes the tridiagonal (or bidiagonal) model whenever
	// the kind has one.
	Method string `json:"method"`
}

// MaxShift bounds the spike strength |θ| of the spiked ensembles and the
// energy |E| of the p-spin Hessian model: they move the spectrum by about
// |θ| or p|E| while its bulk keeps a width of order 1, and a symmetric
// eigensolver's error is about ε times the largest |eigenvalue| (Weyl's
// inequality for its backward error; Golub & Van Loan, Matrix Computations,
// 4th ed., §8.1): at 1e8 that error is about 2e-8·p, small against the
// bulk's spacings; far beyond it they blur.
const MaxShift = 1e8

// EnsembleKinds lists the valid values of [Ensemble.Kind].
var EnsembleKinds = []string{"goe", "gue", "gse", "beta", "wishart", "cwishart", "spiked-wishart", "spiked-wigner", "hessian", "correlated-wishart", "deformed-wigner", "product-wishart"}

// HessianModels lists the valid values of [Ensemble.Model] for the "hessian" kind.
var HessianModels = []string{"pspin", "wishart-wigner"}

// MaxEnsembleBytes bounds the memory one realization may use (matrix storage
// and eigensolver workspace), so that a request that would exhaust the machine
// is refused up front with a clear error; a [SpectrumStudy] also runs no more
// realizations at once than fit in it together.
var MaxEnsembleBytes int64 = 4 << 30

// Validate reports the first invalid parameter, naming it, its value and the
// valid range, and refuses a realization whose memory would exceed
// [MaxEnsembleBytes]. It does not change e; [Ensemble.Resolved] resolves
// "auto" and drops parameters that do not apply.
func (e Ensemble) Validate() error {
	if err := e.checkSampler(); err != nil {
		return err
	}
	if e.N < 1 {
		return fmt.Errorf("n = %d, want n ≥ 1", e.N)
	}
	finite := func(name string, v float64) error {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s = %v, want a finite number", name, v)
		}
		return nil
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"beta", e.Beta}, {"theta", e.Theta}, {"energy", e.Energy}, {"sigma", e.Sigma}} {
		if err := finite(f.name, f.v); err != nil {
			return err
		}
	}
	// A spike θ or a p-spin energy E shifts the spectrum by about |θ| or
	// p|E| while the bulk keeps its O(1) width: the eigensolvers' error, of
	// order ε times the largest |eigenvalue| (Weyl), then swamps the bulk
	// (θ = 1e160 gave garbage spacings and an overflowing second moment with
	// exit 0).
	if spiked := e.Kind == "spiked-wigner" || e.Kind == "spiked-wishart"; spiked && math.Abs(e.Theta) > MaxShift {
		return fmt.Errorf("theta = %v, want |theta| ≤ %g (spectra.MaxShift: beyond it the eigensolver's error ε·|θ| swamps the bulk)", e.Theta, MaxShift)
	}
	if e.Kind == "hessian" && e.Model == "pspin" && math.Abs(e.Energy) > MaxShift {
		return fmt.Errorf("energy = %v, want |energy| ≤ %g (spectra.MaxShift: beyond it the eigensolver's error ε·p|E| swamps the bulk)", e.Energy, MaxShift)
	}
	needM := e.Kind == "wishart" || e.Kind == "cwishart" || e.Kind == "spiked-wishart" || e.Kind == "correlated-wishart" || (e.Kind == "hessian" && e.Model == "wishart-wigner")
	if needM && e.M < 1 {
		return fmt.Errorf("m = %d, want m ≥ 1", e.M)
	}
	switch e.Kind {
	case "beta":
		if !(e.Beta > 0) {
			return fmt.Errorf("beta = %v, want beta > 0", e.Beta)
		}
		if err := rmt.CheckBeta(e.Beta, e.N); err != nil {
			return fmt.Errorf("beta = %v, want 2/beta and beta·n = beta·%d finite", e.Beta, e.N)
		}
	case "correlated-wishart":
		// The ratio is n/m, not a property of the population: refused
		// here with the flags that set it (GeneralizedMP's own error was
		// reported under pop).
		if c := float64(e.N) / float64(e.M); !(c >= minGMPRatio && c <= maxGMPRatio) {
			return fmt.Errorf("m = %d with n = %d: ratio n/m = %v, want %g ≤ n/m ≤ %g (the range of spectra.GeneralizedMP)", e.M, e.N, c, float64(minGMPRatio), float64(maxGMPRatio))
		}
		t, k, err := e.population()
		if err != nil {
			return err
		}
		if _, err := NewGeneralizedMP(float64(e.N)/float64(e.M), t, popWeights(k)); err != nil {
			return fmt.Errorf("pop = %q: %v", e.Pop, err)
		}
	case "deformed-wigner":
		if !(e.Sigma >= 1e-100 && e.Sigma <= 1e100) {
			return fmt.Errorf("sigma = %v, want 1e-100 ≤ sigma ≤ 1e100 for deformed-wigner", e.Sigma)
		}
		t, k, err := e.population()
		if err != nil {
			return err
		}
		if _, err := NewDeformedSemicircle(t, popWeights(k), e.Sigma); err != nil {
			return fmt.Errorf("pop = %q with sigma = %v: %v", e.Pop, e.Sigma, err)
		}
	case "product-wishart":
		if _, err := e.productLaw(); err != nil {
			return err
		}
	case "spiked-wishart", "spiked-wigner":
		if e.Kind == "spiked-wishart" && !(e.Theta > -1) {
			return fmt.Errorf("theta = %v, want theta > −1 (population eigenvalue 1 + θ > 0)", e.Theta)
		}
		if beta := e.Dyson(); !(beta > 0) || rmt.CheckBeta(beta, max(e.N, e.M)) != nil {
			return fmt.Errorf("beta = %v, want beta > 0 with 2/beta and beta·%d finite (or 0, meaning 1)", e.Beta, max(e.N, e.M))
		}
	case "hessian":
		switch e.Model {
		case "pspin":
			if e.P < 2 {
				return fmt.Errorf("p = %d, want p ≥ 2", e.P)
			}
		case "wishart-wigner":
			if e.Sigma < 0 {
				return fmt.Errorf("sigma = %v, want sigma ≥ 0", e.Sigma)
			}
			if _, err := NewFreeMPSemicircle(float64(e.N)/float64(e.M), e.Sigma); err != nil {
				return fmt.Errorf("sigma = %v with n/m = %d/%d: %v", e.Sigma, e.N, e.M, err)
			}
		}
	}
	if b := e.bytesPerRealization(); b > MaxEnsembleBytes {
		param, hint := fmt.Sprintf("n = %d", e.N), "lower n"
		if e.method() == "dense" && e.hasTridiagonal() {
			hint = "lower n, or use the tridiagonal model"
		}
		// Blame m or the widths when the same n would fit with m = n or
		// the default widths n,n.
		square, wide := e, e
		square.M, wide.Widths = e.N, ""
		switch {
		case e.M > e.N && square.bytesPerRealization() <= MaxEnsembleBytes:
			param, hint = fmt.Sprintf("m = %d", e.M), "lower m"
		case e.Kind == "product-wishart" && e.Widths != "" && wide.bytesPerRealization() <= MaxEnsembleBytes:
			param, hint = fmt.Sprintf("widths = %q", e.Widths), "narrower layers"
		}
		return fmt.Errorf("%s: one realization of %s by the %s sampler would need %s, more than the %s allowed; %s",
			param, e.describe(), e.method(), formatBytes(b), formatBytes(MaxEnsembleBytes), hint)
	}
	// The histograms of the study span the limiting law's support: a scale
	// so large that it is not representable (θ, E or σ near 1e308) would
	// only give overflowing matrix entries.
	if _, err := e.Resolved().theory().newState(); err != nil {
		if e.Kind == "correlated-wishart" || e.Kind == "deformed-wigner" {
			return fmt.Errorf("pop = %q: the limiting law of %s is not representable in float64 (%v); want smaller population eigenvalues", e.Pop, e.describe(), err)
		}
		name, v := "theta", e.Theta
		switch {
		case e.Kind == "hessian" && e.Model == "pspin":
			name, v = "energy", e.Energy
		case e.Kind == "hessian":
			name, v = "sigma", e.Sigma
		case e.Kind == "beta":
			name, v = "beta", e.Beta
		}
		return fmt.Errorf("%s = %v: the limiting law of %s is not representable in float64 (%v); want a smaller magnitude", name, v, e.describe(), err)
	}
	return nil
}

// checkSampler reports an invalid choice of sampler: the kind, the method,
// the model of the "hessian" kind, and a Beta that the chosen sampler cannot
// draw. [Ensemble.Sample] checks it on every call (it is cheap), since
// any of these would otherwise select another ensemble's sampler and return
// its eigenvalues without an error.
func (e Ensemble) checkSampler() error {
	if !slices.Contains(EnsembleKinds, e.Kind) {
		return fmt.Errorf("ensemble = %q, want one of %s", e.Kind, strings.Join(EnsembleKinds, ", "))
	}
	switch e.Method {
	case "auto", "dense", "tridiagonal":
	default:
		return fmt.Errorf("method = %q, want auto, dense or tridiagonal", e.Method)
	}
	switch {
	case e.Kind == "hessian" && !slices.Contains(HessianModels, e.Model):
		return fmt.Errorf("model = %q, want one of %s", e.Model, strings.Join(HessianModels, ", "))
	case e.Kind == "beta" && e.Method == "dense" && e.Beta != 1 && e.Beta != 2 && e.Beta != 4:
		return fmt.Errorf("beta = %v with method = dense, want beta 1, 2 or 4 (other betas exist only as the tridiagonal model)", e.Beta)
	case (e.Kind == "spiked-wigner" || e.Kind == "spiked-wishart") && e.method() == "dense" && e.Dyson() != 1:
		return fmt.Errorf("beta = %v with method = dense, want beta 1 (the dense spiked samplers are real; other betas exist as the tridiagonal model)", e.Beta)
	case e.Method == "tridiagonal" && !e.hasTridiagonal():
		return fmt.Errorf("method = tridiagonal, but ensemble %s has no tridiagonal model (use auto or dense)", e.describe())
	}
	return nil
}

func formatBytes(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%d B", b)
}

func (e Ensemble) describe() string {
	if e.Kind == "hessian" {
		return "hessian/" + e.Model
	}
	return e.Kind
}

// hasTridiagonal reports whether the kind has an O(n²) eigenvalue model.
func (e Ensemble) hasTridiagonal() bool {
	switch e.Kind {
	case "goe", "gue", "gse", "beta", "wishart", "cwishart", "spiked-wigner", "spiked-wishart":
		return true
	case "hessian":
		return e.Model == "pspin"
	}
	return false
}

// method resolves "auto".
func (e Ensemble) method() string {
	if e.Method == "auto" {
		if e.hasTridiagonal() {
			return "tridiagonal"
		}
		return "dense"
	}
	return e.Method
}

// Resolved returns e with Method resolved ("auto" replaced by what it means)
// and the parameters that do not apply to its kind set to zero, so that two
// ensembles that compute the same thing compare (and print) equal.
func (e Ensemble) Resolved() Ensemble {
	r := Ensemble{Kind: e.Kind, N: e.N, Method: e.method()}
	switch e.Kind {
	case "beta":
		r.Beta = e.Beta
	case "wishart", "cwishart":
		r.M = e.M
	case "spiked-wishart":
		r.M, r.Theta, r.Beta = e.M, e.Theta, e.Dyson()
	case "correlated-wishart", "deformed-wigner":
		r.Pop = e.Pop
		if t, w, err := parsePop(e.Pop, e.Kind == "deformed-wigner"); err == nil {
			r.Pop = formatPop(t, w)
		}
		if e.Kind == "deformed-wigner" {
			r.Sigma = e.Sigma
		} else {
			r.M = e.M
		}
	case "spiked-wigner":
		r.Theta, r.Beta = e.Theta, e.Dyson()
	case "product-wishart":
		r.Widths = e.Widths
		if w, err := e.widths(); err == nil {
			r.Widths = formatWidths(w)
		}
	case "hessian":
		r.Model = e.Model
		if e.Model == "pspin" {
			r.P, r.Energy = e.P, e.Energy
		} else {
			r.M, r.Sigma = e.M, e.Sigma
		}
	}
	return r
}

// bytesPerRealization estimates the peak memory of one realization, in
// float64 arithmetic so that huge sizes cannot overflow (saturating at
// math.MaxInt64).
func (e Ensemble) bytesPerRealization() int64 {
	n := float64(e.N)
	m := float64(max(e.M, 1))
	var b float64
	if e.method() == "tridiagonal" {
		b = 8 * (8*n + 2*m)
	} else {
		// Dense: the matrix, the eigensolver's copy and workspace: real
		// n×n matrix and two copies; complex n×n matrix (16 bytes an entry)
		// and its copy (HermitianEigenvalues); quaternion matrix as a 2n×2n
		// complex one and its n×n quaternion copy of 32 bytes an entry
		// (QuaternionEigenvalues); with the generators' buffers, measured
		// (total allocation of one Sample at n = 300, 600): 32.9n² and 97.1n²
		// bytes, against the 34n² and 98n² used here.
		switch {
		case e.Kind == "gue" || e.Kind == "cwishart" || (e.Kind == "beta" && e.Beta == 2):
			b = 34*n*n + 64*n
		case e.Kind == "gse" || (e.Kind == "beta" && e.Beta == 4):
			b = 98*n*n + 64*n
		default:
			b = 8 * (3*n*n + 8*n)
		}
		if e.Kind == "wishart" || e.Kind == "cwishart" || e.Kind == "spiked-wishart" || e.Kind == "correlated-wishart" || e.Model == "wishart-wigner" {
			b += 16 * n * m
		}
		if e.Kind == "correlated-wishart" {
			b += 8 * n * n // Σ
		}
		if e.Kind == "product-wishart" {
			// The factors and their products, W's n² counted above.
			if w, err := e.widths(); err == nil {
				pb, err := rmt.ProductWishartBytes(append([]int{e.N}, w...))
				if err == nil {
					b += pb - 8*n*n
				}
			}
		}
	}
	if b >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(b)
}

// Label is the stream label of the ensemble's realizations: realization i of
// a study with master seed s draws from rmt.Stream(s, e.Label(), i).
func (e Ensemble) Label() string {
	r := e.Resolved()
	return "spectrum/" + r.describe() + "/" + r.Method
}

// Dyson returns the symmetry class β (1, 2 or 4) that governs the local
// statistics (spacings, edge) of the ensemble, or the β of the "beta" kind
// and of the spiked kinds (1 when their Beta is 0).
func (e Ensemble) Dyson() float64 {
	switch e.Kind {
	case "gue", "cwishart":
		return 2
	case "gse":
		return 4
	case "beta":
		return e.Beta
	case "spiked-wigner", "spiked-wishart":
		if e.Beta == 0 {
			return 1
		}
		return e.Beta
	}
	return 1
}

// Sample draws the eigenvalues of one realization from r, in ascending order,
// reusing dst when it has the capacity. Call Validate first: Sample returns an
// error for an invalid kind, method, model or a Beta its sampler cannot draw,
// and the samplers of package rmt for their own parameters, but it does not
// repeat the memory check or the checks of the limiting law.
func (e Ensemble) Sample(r *rand.Rand, dst []float64) ([]float64, error) {
	if err := e.checkSampler(); err != nil {
		return nil, err
	}
	if e.method() == "tridiagonal" {
		return e.sampleTridiagonal(r, dst)
	}
	return e.sampleDense(r, dst)
}

func (e Ensemble) sampleTridiagonal(r *rand.Rand, dst []float64) ([]float64, error) {
	switch e.Kind {
	case "goe", "gue", "gse", "beta":
		t, err := rmt.BetaHermite(r, e.N, e.Dyson())
		if err != nil {
			return nil, err
		}
		return TridiagonalEigenvalues(t, dst)
	case "wishart", "cwishart":
		b, err := rmt.BetaLaguerre(r, e.N, e.M, e.Dyson())
		if err != nil {
			return nil, err
		}
		return BidiagonalEigenvalues(b, dst)
	case "spiked-wigner":
		t, err := rmt.SpikedBetaHermite(r, e.N, e.Dyson(), e.Theta)
		if err != nil {
			return nil, err
		}
		return TridiagonalEigenvalues(t, dst)
	case "spiked-wishart":
		b, err := rmt.SpikedBetaLaguerre(r, e.N, e.M, e.Dyson(), e.Theta)
		if err != nil {
			return nil, err
		}
		return BidiagonalEigenvalues(b, dst)
	case "hessian":
		t, err := rmt.PSpinHessianTridiagonal(r, e.N, e.P, e.Energy)
		if err != nil {
			return nil, err
		}
		return TridiagonalEigenvalues(t, dst)
	}
	return nil, fmt.Errorf("ensemble = %q has no tridiagonal model", e.Kind)
}

func (e Ensemble) sampleDense(r *rand.Rand, dst []float64) ([]float64, error) {
	switch e.Kind {
	case "goe":
		a, err := rmt.GOE(r, e.N)
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "gue":
		a, err := rmt.GUE(r, e.N)
		if err != nil {
			return nil, err
		}
		return HermitianEigenvalues(a, dst)
	case "gse":
		a, err := rmt.GSE(r, e.N)
		if err != nil {
			return nil, err
		}
		return QuaternionEigenvalues(a, dst)
	case "beta":
		k := e
		k.Kind = map[float64]string{1: "goe", 2: "gue", 4: "gse"}[e.Beta]
		return k.sampleDense(r, dst)
	case "wishart":
		a, err := rmt.Wishart(r, e.N, e.M)
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "cwishart":
		a, err := rmt.ComplexWishart(r, e.N, e.M)
		if err != nil {
			return nil, err
		}
		return HermitianEigenvalues(a, dst)
	case "spiked-wishart":
		a, err := rmt.SpikedWishart(r, e.N, e.M, []float64{e.Theta})
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "product-wishart":
		w, err := e.widths()
		if err != nil {
			return nil, err
		}
		a, err := rmt.ProductWishart(r, append([]int{e.N}, w...))
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "correlated-wishart":
		t, k, err := e.population()
		if err != nil {
			return nil, err
		}
		sigma := mat.NewSymDense(e.N, nil)
		i := 0
		for j, v := range t {
			for range k[j] {
				sigma.SetSym(i, i, v)
				i++
			}
		}
		a, err := rmt.CorrelatedWishart(r, sigma, e.M)
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "deformed-wigner":
		// D + σ·GOE(N): the GOE drawn as rmt.GOE, scaled, then the
		// diagonal of D (atoms in the order of Pop, each k_i times) added.
		t, k, err := e.population()
		if err != nil {
			return nil, err
		}
		a, err := rmt.GOE(r, e.N)
		if err != nil {
			return nil, err
		}
		a.ScaleSym(e.Sigma, a)
		i := 0
		for j, v := range t {
			for range k[j] {
				a.SetSym(i, i, a.At(i, i)+v)
				i++
			}
		}
		return SymEigenvalues(a, dst)
	case "spiked-wigner":
		a, err := rmt.SpikedWigner(r, e.N, e.Theta)
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	case "hessian":
		if e.Model == "pspin" {
			a, err := rmt.PSpinHessian(r, e.N, e.P, e.Energy)
			if err != nil {
				return nil, err
			}
			return SymEigenvalues(a, dst)
		}
		a, err := rmt.WishartPlusWigner(r, e.N, e.M, e.Sigma)
		if err != nil {
			return nil, err
		}
		return SymEigenvalues(a, dst)
	}
	return nil, fmt.Errorf("ensemble = %q, want one of %s", e.Kind, strings.Join(EnsembleKinds, ", "))
}

// popForm is the valid form of [Ensemble.Pop], for error messages; popFormSigned
// that of "deformed-wigner".
const (
	popForm       = "t1:w1,t2:w2,… with eigenvalues t > 0 and weights w > 0 summing to 1"
	popFormSigned = "a1:w1,a2:w2,… with real atoms a and weights w > 0 summing to 1"
)

// parsePop parses the "t1:w1,t2:w2,…" form of [Ensemble.Pop]: positive
// eigenvalues t in [1e-100, 1e100], or, when signed, atoms a of any sign
// with |a| ≤ 1e100 (0, or |a| ≥ 1e-100).
func parsePop(s string, signed bool) (t, w []float64, err error) {
	form := popForm
	if signed {
		form = popFormSigned
	}
	var sum float64
	for i, f := range strings.Split(s, ",") {
		ts, ws, ok := strings.Cut(strings.TrimSpace(f), ":")
		if !ok {
			return nil, nil, fmt.Errorf("pop = %q: entry %d %q has no ':', want %s", s, i+1, f, form)
		}
		tv, err1 := strconv.ParseFloat(strings.TrimSpace(ts), 64)
		wv, err2 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("pop = %q: entry %d %q is not two numbers t:w, want %s", s, i+1, f, form)
		}
		// The bounds keep the sums of n squared eigenvalues of W (second
		// moment) and the histogram's bin widths representable in float64.
		switch {
		case signed && (!(math.Abs(tv) <= 1e100) || (tv != 0 && math.Abs(tv) < 1e-100)):
			return nil, nil, fmt.Errorf("pop = %q: atom a = %v, want 0 or 1e-100 ≤ |a| ≤ 1e100 (%s)", s, tv, form)
		case !signed && !(tv >= 1e-100 && tv <= 1e100):
			return nil, nil, fmt.Errorf("pop = %q: eigenvalue t = %v, want 1e-100 ≤ t ≤ 1e100 (%s)", s, tv, form)
		}
		if !(wv > 0) || wv > 1 {
			return nil, nil, fmt.Errorf("pop = %q: weight w = %v, want 0 < w ≤ 1 (%s)", s, wv, form)
		}
		t, w = append(t, tv), append(w, wv)
		sum += wv
	}
	if math.Abs(sum-1) > 1e-9 {
		return nil, nil, fmt.Errorf("pop = %q: weights sum to %v, want %s (within 1e-9)", s, sum, form)
	}
	return t, w, nil
}

// formatPop is the canonical form of a parsed population.
func formatPop(t, w []float64) string {
	f := make([]string, len(t))
	for i := range t {
		f[i] = strconv.FormatFloat(t[i], 'g', -1, 64) + ":" + strconv.FormatFloat(w[i], 'g', -1, 64)
	}
	return strings.Join(f, ",")
}

// population returns the eigenvalues t_i of Σ of the "correlated-wishart"
// kind (of D for "deformed-wigner") and their multiplicities k_i (see
// [Ensemble.Pop]).
func (e Ensemble) population() (t []float64, k []int, err error) {
	t, w, err := parsePop(e.Pop, e.Kind == "deformed-wigner")
	if err != nil {
		return nil, nil, err
	}
	// Largest-remainder apportionment of the N diagonal entries.
	k = make([]int, len(w))
	frac := make([]float64, len(w))
	left := e.N
	for i, v := range w {
		x := v * float64(e.N)
		k[i] = int(math.Floor(x))
		frac[i] = x - float64(k[i])
		left -= k[i]
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(frac[b], frac[a]) })
	for j := 0; left > 0 && len(order) > 0; j = (j + 1) % len(order) {
		k[order[j]]++
		left--
	}
	for i := range k {
		if k[i] < 1 {
			m := "Σ"
			if e.Kind == "deformed-wigner" {
				m = "D"
			}
			return nil, nil, fmt.Errorf("pop = %q: eigenvalue t = %v with weight %v gets no diagonal entry of %s at n = %d, want weight·n ≥ 1/2 or a larger n", e.Pop, t[i], w[i], m, e.N)
		}
	}
	return t, k, nil
}

// popWeights returns the realised weights k_i/Σk.
func popWeights(k []int) []float64 {
	var n int
	for _, v := range k {
		n += v
	}
	w := make([]float64, len(k))
	for i, v := range k {
		w[i] = float64(v) / float64(n)
	}
	return w
}

// widths returns the layer widths n_1, …, n_L of "product-wishart" from
// e.Widths ("N,N" when empty), or an error naming the parameter.
func (e Ensemble) widths() ([]int, error) {
	if e.Widths == "" {
		return []int{e.N, e.N}, nil
	}
	f := strings.Split(e.Widths, ",")
	if len(f) > maxProductLayers {
		return nil, fmt.Errorf("widths = %q has %d layers, want 1 to %d", e.Widths, len(f), maxProductLayers)
	}
	w := make([]int, len(f))
	for i, v := range f {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("widths = %q: entry %d is %q, want an integer ≥ 1", e.Widths, i+1, v)
		}
		w[i] = n
	}
	return w, nil
}

// formatWidths writes widths in the canonical form of Ensemble.Widths.
func formatWidths(w []int) string {
	f := make([]string, len(w))
	for i, n := range w {
		f[i] = strconv.Itoa(n)
	}
	return strings.Join(f, ",")
}

// productLaw returns the limiting law of "product-wishart", ProductMP with
// ratios N/n_l, or an error naming the invalid width.
func (e Ensemble) productLaw() (ProductMP, error) {
	w, err := e.widths()
	if err != nil {
		return ProductMP{}, err
	}
	c := make([]float64, len(w))
	for i, n := range w {
		c[i] = float64(e.N) / float64(n)
		if !(c[i] >= minProductRatio && c[i] <= maxProductRatio) {
			return ProductMP{}, fmt.Errorf("widths = %q: n/n_%d = %d/%d, want a ratio in [%g, %g]", e.Widths, i+1, e.N, n, float64(minProductRatio), float64(maxProductRatio))
		}
	}
	return ProductMP{Ratios: c}, nil
}
