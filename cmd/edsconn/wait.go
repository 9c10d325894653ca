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

// waitOptions are wait's own flags.
type waitOptions struct {
	limit, interval time.Duration
	progress        string
}

func newWaitFlags() (*builtinFlags, *waitOptions) {
	b := newBuiltinFlags("wait", "Polls a connection (ShowEnhancedConnection) until it and the peering of every bound "+
		"queue and elastic resource pool are ACTIVE, the check of the documented create procedure, and prints the "+
		"connection. Progress goes to standard error, one line per poll. A peering that ends FAILED, or a deleted "+
		"connection, ends the wait with exit code 3; --for running out with exit code 4.", "json", "CONNECTION_ID")
	w := &waitOptions{}
	b.fs.DurationVar(&w.limit, "for", wrapper.DefaultWaitLimit, "give up after this long (the peering takes minutes on the real service)")
	b.fs.DurationVar(&w.interval, "interval", 2*time.Second, "first wait between polls; later ones grow to 15s")
	b.fs.StringVar(&w.progress, "progress", "auto", "progress on standard error, `mode` auto (when it is a terminal), always or never")
	return b, w
}

func waitFlags() *builtinFlags { b, _ := newWaitFlags(); return b }

func runWait(ctx context.Context, e *env, args []string) int {
	b, w := newWaitFlags()
	pos, code, ok := b.parse(e, args)
	if !ok {
		return code
	}
	if w.progress != "auto" && w.progress != "always" && w.progress != "never" {
		return e.usageFail(b.name, b.usageLine(), fmt.Errorf("--progress must be auto, always or never, not %q", w.progress))
	}
	if err := e.setOutput(b.g.output, "json", "table"); err != nil {
		return e.fail(err)
	}
	if err := e.connect(b.g); err != nil {
		return e.fail(err)
	}
	defer e.close()
	e.timeoutHint = fmt.Sprintf("wait gives up after --for %s", w.limit)
	ctx, cancel := context.WithTimeout(ctx, w.limit)
	defer cancel()
	// --for is the limit, through ctx, so that the message names --for rather than the
	// library's option.
	opts := []wrapper.WaitOption{wrapper.WithPollInterval(w.interval), wrapper.WithWaitLimit(0)}
	if showProgress(w.progress, e.stderr) {
		opts = append(opts, wrapper.WithProgress(progressPrinter(e.stderr, "  ")))
	}
	e.answers.take()
	conn, err := e.client.WaitActive(ctx, pos[0], opts...)
	if err != nil {
		return e.fail(err)
	}
	// The last poll's answer, as the server sent it.
	if raw := e.answers.take(); raw != nil {
		return e.fail(e.print(rawAnswer(raw), opShowEnhancedConnection.answer))
	}
	return e.fail(e.print(conn, opShowEnhancedConnection.answer))
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
func progressPrinter(w io.Writer, indent string) func(wrapper.WaitProgress) {
	return func(p wrapper.WaitProgress) {
		fmt.Fprintf(w, "%spoll %d after %s: %s\n", indent, p.Poll, p.Elapsed.Round(100*time.Millisecond), progressState(p))
	}
}

// progressState says what a poll saw: which peerings FAILED (and why), what is still pending
// with its state, or ACTIVE when nothing is left.
func progressState(p wrapper.WaitProgress) string {
	var parts []string
	if len(p.Failures) > 0 {
		failed := make([]string, len(p.Failures))
		for i, f := range p.Failures {
			failed[i] = f.Kind + " " + f.Name
			if f.ErrMsg != "" {
				failed[i] += " (" + f.ErrMsg + ")"
			}
		}
		parts = append(parts, "FAILED: "+strings.Join(failed, ", "))
	}
	if len(p.Pending) > 0 {
		parts = append(parts, "waiting for "+strings.Join(p.Pending, ", "))
	}
	if len(parts) == 0 {
		return "ACTIVE"
	}
	return strings.Join(parts, "; ")
}
