package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadShardDoesNotReadToEOF: readShard decodes the file as a stream, so
// that a path that never ends — a device such as /dev/zero or /dev/full
// given as -checkpoint or to merge, or a pipe still open — is refused at its
// first bytes. It used to read the whole file first (os.ReadFile): on
// /dev/full the process grew until the kernel killed it (exit 137), on a
// pipe it waited for the writer to close. Here a FIFO that is written to but
// never closed stands for both.
func TestReadShardDoesNotReadToEOF(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "ckpt.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0) // O_RDWR: does not block, keeps the pipe open
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Write(make([]byte, 4096)); err != nil { // zeros, as /dev/zero gives
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readShard(fifo)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not an rmtsim shard file") {
			t.Fatalf("readShard of zeros: %v, want \"not an rmtsim shard file\"", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readShard still reading after 5 s: it reads to EOF before decoding")
	}
}
