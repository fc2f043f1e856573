package main

import (
	"encoding/json"
	"testing"
)

// TestTimingsEveryCommand: -timings is a flag every command shares (README,
// "Commands"), and each prints its compute time: seconds in the summary,
// seconds_median per method for escape. hessian accepted the flag and
// printed nothing (found in review).
func TestTimingsEveryCommand(t *testing.T) {
	for _, args := range [][]string{
		{"spectrum", "-n", "10", "-samples", "4"},
		{"indexloss", "-n", "4", "-realizations", "2"},
		{"critical", "-n", "4", "-realizations", "2"},
		{"hessian", "-n", "20"},
		{"minima", "-nmax", "2", "-samples", "0"},
	} {
		code, out, stderr := runCmd(t, append(args, "-timings", "-quiet", "-format", "json")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var doc struct {
			Summary map[string]any `json:"summary"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if s, ok := doc.Summary["seconds"].(float64); !ok || !(s >= 0) {
			t.Errorf("%v -timings: summary seconds = %v, want a time ≥ 0", args, doc.Summary["seconds"])
		}
	}
}
