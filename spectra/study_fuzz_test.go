package spectra

import (
	"context"
	"encoding/json"
	"testing"
)

// FuzzSpectrumStateJSON decodes arbitrary shard states (rmtsim merge reads
// them from files) and checks that a state the decoder accepts merges and
// finalizes, or fails with an error, without panicking. The seed corpus is
// the states of a GOE and a Wishart study, run by go test as a unit test.
func FuzzSpectrumStateJSON(f *testing.F) {
	studies := []SpectrumStudy{
		{Ensemble: Ensemble{Kind: "goe", N: 6, Method: "auto"}, Samples: 4, Seed: 1, Workers: 1},
		{Ensemble: Ensemble{Kind: "wishart", N: 4, M: 8, Method: "auto"}, Samples: 4, Seed: 1, Workers: 1},
	}
	for i, s := range studies {
		st, err := s.Accumulate(context.Background())
		if err != nil {
			f.Fatal(err)
		}
		b, err := json.Marshal(st)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, i)
	}
	f.Fuzz(func(t *testing.T, b []byte, i int) {
		s := studies[uint(i)%uint(len(studies))]
		var a SpectrumState
		if json.Unmarshal(b, &a) != nil {
			return
		}
		s.Finalize(&a)
		var c SpectrumState
		if json.Unmarshal(b, &c) == nil && a.Merge(&c) == nil {
			s.Finalize(&a)
		}
	})
}
