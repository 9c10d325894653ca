package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

func runWait(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "wait", "CONNECTION_ID")
	var limit, interval time.Duration
	var progress string
	fs.DurationVar(&limit, "for", 15*time.Minute, "give up after this long (the peering takes minutes on the real service)")
	fs.DurationVar(&interval, "interval", 2*time.Second, "first wait between polls; later ones grow to 15s")
	fs.StringVar(&progress, "progress", "auto", "show progress on stderr: auto (when it is a terminal), always, never")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
		id, err := oneArg(args, "connection id")
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		opts := []wrapper.WaitOption{wrapper.WithPollInterval(interval)}
		if showProgress(progress, e.stderr) {
			opts = append(opts, wrapper.WithProgress(progressPrinter(e.stderr)))
		}
		conn, err := e.client.WaitActive(ctx, id, opts...)
		if err != nil {
			return err
		}
		return e.print(conn)
	})
}

// showProgress decides whether to print progress: scripts that capture stderr get none unless
// they ask for it.
func showProgress(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressPrinter prints one line per poll.
func progressPrinter(w io.Writer) func(wrapper.WaitProgress) {
	return func(p wrapper.WaitProgress) {
		state := "ACTIVE"
		if len(p.Pending) > 0 {
			state = "waiting for " + strings.Join(p.Pending, ", ")
		}
		fmt.Fprintf(w, "  poll %d after %s: %s\n", p.Poll, p.Elapsed.Round(100*time.Millisecond), state)
	}
}
