package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// runFakeServer serves the fake DLI until interrupted, for other teams' clients and tools.
func runFakeServer(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("fake-server", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var addr string
	var delay time.Duration
	var requireAuth bool
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "loopback address to listen on")
	fs.DurationVar(&delay, "activation-delay", 5*time.Second, "how long a new peering stays CREATING")
	fs.BoolVar(&requireAuth, "require-auth", false, "accept only requests signed with $"+wrapper.EnvAccessKey+"/$"+wrapper.EnvSecretKey+" or carrying $"+wrapper.EnvAuthToken)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	opts := fake.Options{Addr: addr, ActivationDelay: delay}
	if requireAuth {
		cfg := wrapper.ConfigFromEnv()
		if !cfg.HasAuth() {
			return e.fail(usageError(fmt.Errorf("-require-auth needs $%s/$%s or $%s", wrapper.EnvAccessKey, wrapper.EnvSecretKey, wrapper.EnvAuthToken)))
		}
		if cfg.Credentials.AccessKey != "" {
			opts.Credentials = map[string]string{cfg.Credentials.AccessKey: cfg.Credentials.SecretKey.Reveal()}
		}
		if cfg.AuthToken.IsSet() {
			opts.Tokens = []string{cfg.AuthToken.Reveal()}
		}
	}
	srv, err := fake.Start(opts)
	if err != nil {
		return e.fail(usageError(err))
	}
	defer srv.Close()
	fmt.Fprintf(e.stderr, "edsconn: fake DLI listening on %s (any project id; Ctrl-C stops it)\n", srv.URL())
	fmt.Fprintf(e.stderr, "edsconn: point clients at it with %s=%s\n", wrapper.EnvEndpoint, srv.URL())
	// The URL alone on stdout, so that a script can start the server and capture where it is.
	fmt.Fprintln(e.stdout, srv.URL())
	<-ctx.Done()
	return exitOK
}
