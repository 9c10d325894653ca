package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// fakeProjectID is the project the embedded fake is used with: any valid id would do.
const fakeProjectID = "0123456789abcdef0123456789abcdef"

// env is what a subcommand runs with: its output streams, and once connect has run, the client
// and, when no cloud is configured, the embedded fake behind it.
type env struct {
	stdout, stderr io.Writer
	output         string
	client         *wrapper.Client
	usingFake      bool
	closeFake      func()
}

// globalFlags are accepted by every subcommand that calls the API.
type globalFlags struct {
	output       string
	region       string
	endpoint     string
	projectID    string
	timeout      time.Duration
	noValidate   bool
	fakeActivate time.Duration
}

func (g *globalFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.output, "o", "json", "output format: json or table")
	fs.StringVar(&g.region, "region", "", "region id, e.g. cn-north-4, eu-west-101, eu-de (default $"+wrapper.EnvRegion+")")
	fs.StringVar(&g.endpoint, "endpoint", "", "explicit endpoint URL (default $"+wrapper.EnvEndpoint+")")
	fs.StringVar(&g.projectID, "project-id", "", "IAM project id (default $"+wrapper.EnvProjectID+")")
	fs.DurationVar(&g.timeout, "timeout", 30*time.Second, "time limit of one API call, retries included")
	fs.BoolVar(&g.noValidate, "no-validate", false, "send requests without checking them against the spec first")
	fs.DurationVar(&g.fakeActivate, "fake-activation", 2*time.Second, "embedded fake only: how long a peering stays CREATING")
}

// connect builds the client: the real service when credentials or an endpoint are configured,
// the embedded fake otherwise. Credentials come only from the environment, never from flags, so
// that they stay out of shell history and process listings.
func (e *env) connect(g *globalFlags) error {
	if g.output != "json" && g.output != "table" {
		return usageError(fmt.Errorf("-o must be json or table, not %q", g.output))
	}
	e.output = g.output
	cfg := wrapper.ConfigFromEnv()
	if g.region != "" {
		cfg.Region = g.region
	}
	if g.endpoint != "" {
		cfg.Endpoint = g.endpoint
	}
	if g.projectID != "" {
		cfg.ProjectID = g.projectID
	}
	cfg.Timeout = g.timeout
	cfg.DisableValidation = g.noValidate
	if !cfg.HasAuth() && cfg.Endpoint == "" {
		url, closeFake, err := startFake(fake.Options{ActivationDelay: g.fakeActivate})
		if err != nil {
			return err
		}
		e.usingFake, e.closeFake = true, closeFake
		cfg.Endpoint, cfg.Region = url, ""
		if cfg.ProjectID == "" {
			cfg.ProjectID = fakeProjectID
		}
		fmt.Fprintf(e.stderr, "edsconn: no credentials configured: using the embedded fake DLI at %s (state lasts for this command only)\n", url)
	}
	c, err := wrapper.New(cfg)
	if err != nil {
		if e.closeFake != nil {
			e.closeFake()
		}
		return usageError(err)
	}
	e.client = c
	return nil
}

func (e *env) close() {
	if e.closeFake != nil {
		e.closeFake()
	}
}

// usageErr marks errors that are the caller's to fix: bad flags, or a request the spec refuses.
type usageErr struct{ err error }

func (u *usageErr) Error() string { return u.err.Error() }
func (u *usageErr) Unwrap() error { return u.err }

func usageError(err error) error { return &usageErr{err: err} }

// exitCode maps an error to the documented exit codes and prints it.
func (e *env) fail(err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(e.stderr, "edsconn: %v\n", err)
	var u *usageErr
	var v *wrapper.ValidationError
	var p *wrapper.PeeringFailedError
	switch {
	case errors.As(err, &u), errors.As(err, &v), errors.Is(err, flag.ErrHelp):
		return exitUsage
	case errors.As(err, &p), errors.Is(err, wrapper.ErrConnectionDeleted):
		return exitNotReady
	}
	return exitFailure
}

// startFake runs the embedded fake on a free loopback port.
func startFake(opts fake.Options) (url string, closeFn func(), err error) {
	srv, err := fake.Start(opts)
	if err != nil {
		return "", nil, fmt.Errorf("start the embedded fake DLI: %w", err)
	}
	return srv.URL(), func() { _ = srv.Close() }, nil
}

// withClient is the frame of every API subcommand: parse flags, connect, run, print the
// outcome, map it to an exit code.
func withClient(ctx context.Context, e *env, fs *flag.FlagSet, g *globalFlags, args []string, body func(context.Context, []string) error) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := e.connect(g); err != nil {
		return e.fail(err)
	}
	defer e.close()
	return e.fail(body(ctx, fs.Args()))
}
