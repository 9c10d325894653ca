package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// fakeProjectID is the project the embedded fake is used with: any valid id would do.
const fakeProjectID = "0123456789abcdef0123456789abcdef"

// env is what a command runs with: its streams, and once connect has run, the client and, when
// no cloud is configured, the embedded fake behind it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	output         string
	client         *wrapper.Client
	usingFake      bool
	closeFake      func()
	// timeoutHint says which time limit a command has, for the message of exit code 4.
	timeoutHint string
}

// globalFlags are accepted by every command that calls the API.
type globalFlags struct {
	output       string
	region       string
	endpoint     string
	projectID    string
	timeout      time.Duration
	noValidate   bool
	fake         bool
	fakeActivate time.Duration
}

// register adds the global flags to fs and returns their help. output is -o's default.
func (g *globalFlags) register(fs *flag.FlagSet, output string) []flagDoc {
	fs.StringVar(&g.output, "o", output, "")
	fs.StringVar(&g.region, "region", "", "")
	fs.StringVar(&g.endpoint, "endpoint", "", "")
	fs.StringVar(&g.projectID, "project-id", "", "")
	fs.DurationVar(&g.timeout, "timeout", 30*time.Second, "")
	fs.BoolVar(&g.noValidate, "no-validate", false, "")
	fs.BoolVar(&g.fake, "fake", false, "")
	fs.DurationVar(&g.fakeActivate, "fake-activation", 2*time.Second, "")
	return []flagDoc{
		{name: "o", arg: "FORMAT", notes: []string{outputNotes[output], "default " + output}, text: outputText[output]},
		{name: "region", arg: "REGION", text: "Region id, such as cn-north-4, eu-west-101 or eu-de (default $" + wrapper.EnvRegion + "). Needs credentials."},
		{name: "endpoint", arg: "URL", text: "Explicit endpoint URL, such as that of `edsconn fake-server` (default $" + wrapper.EnvEndpoint + ")."},
		{name: "project-id", arg: "ID", text: "IAM project id (default $" + wrapper.EnvProjectID + ")."},
		{name: "timeout", arg: "DURATION", notes: []string{"default 30s"}, text: "Time limit of one API call, retries included."},
		{name: "no-validate", text: "Send requests without checking them against the spec first."},
		{name: "fake", text: "Run against an embedded fake DLI, whatever is configured. Without credentials and endpoint this is the default."},
		{name: "fake-activation", arg: "DURATION", notes: []string{"default 2s"}, text: "Embedded fake only: how long a new peering stays CREATING."},
	}
}

// The -o of the API commands, and of demo, which is written for people first.
var (
	outputNotes = map[string]string{"json": "json or table", "text": "text or json"}
	outputText  = map[string]string{
		"json": "Output format: JSON (the answer as the API returns it) for scripts, or a table for people.",
		"text": "Output format: text with tables for people (table is the same), or one JSON document for scripts.",
	}
)

// setOutput checks and keeps -o.
func (e *env) setOutput(output string, allowed ...string) error {
	for _, a := range allowed {
		if output == a {
			e.output = output
			return nil
		}
	}
	return usageError(fmt.Errorf("-o must be %s, not %q", strings.Join(allowed, " or "), output))
}

// connect builds the client: the embedded fake with --fake or when neither credentials nor an
// endpoint are configured, the configured service otherwise; --region and --endpoint win over
// $HUAWEICLOUD_SDK_REGION and $DLI_ENDPOINT. A region without credentials is an
// error: silently running on the fake would look like success against the cloud. Credentials
// come only from the environment, never from flags, so that they stay out of shell history and
// process listings.
func (e *env) connect(g *globalFlags) error {
	cfg := wrapper.ConfigFromEnv()
	regionFrom, endpointFrom := "$"+wrapper.EnvRegion, "$"+wrapper.EnvEndpoint
	// A flag wins over the environment; of two flags, neither wins.
	if g.region != "" && g.endpoint != "" {
		return usageError(errors.New("--region and --endpoint both say where to send: give one"))
	}
	if g.region != "" {
		cfg.Region, regionFrom = g.region, "--region"
		cfg.Endpoint = ""
	}
	if g.endpoint != "" {
		cfg.Endpoint, endpointFrom = g.endpoint, "--endpoint"
	}
	if g.projectID != "" {
		cfg.ProjectID = g.projectID
	}
	cfg.Timeout = g.timeout
	cfg.DisableValidation = g.noValidate
	useFake := g.fake
	switch {
	case g.fake && (g.region != "" || g.endpoint != ""):
		return usageError(errors.New("--fake runs against the embedded fake DLI: drop --region and --endpoint, or --fake"))
	case g.fake:
	case !cfg.HasAuth() && cfg.Endpoint == "" && cfg.Region != "":
		return usageError(fmt.Errorf("%s is %q but no credentials are configured: set $%s and $%s (or $%s) to call DLI there, "+
			"or run against the embedded fake DLI with --fake or without a region", regionFrom, cfg.Region,
			wrapper.EnvAccessKey, wrapper.EnvSecretKey, wrapper.EnvAuthToken))
	case !cfg.HasAuth() && cfg.Endpoint == "":
		useFake = true
	}
	if useFake {
		url, closeFake, err := startFake(fake.Options{ActivationDelay: g.fakeActivate})
		if err != nil {
			return err
		}
		e.usingFake, e.closeFake = true, closeFake
		cfg.Endpoint, cfg.Region = url, ""
		cfg.Credentials, cfg.AuthToken = wrapper.Credentials{}, wrapper.NewSecret("")
		if cfg.ProjectID == "" {
			cfg.ProjectID = fakeProjectID
		}
		why := "no credentials configured"
		if g.fake {
			why = "--fake"
		}
		fmt.Fprintf(e.stderr, "edsconn: %s: using the embedded fake DLI at %s (state lasts for this command only)\n", why, url)
	}
	c, err := wrapper.New(cfg)
	if err != nil {
		e.close()
		if cfg.Endpoint != "" && !useFake && strings.Contains(err.Error(), strconv.Quote(cfg.Endpoint)) {
			err = fmt.Errorf("%w (the endpoint is from %s)", err, endpointFrom)
		}
		return usageError(err)
	}
	e.client = c
	return nil
}

func (e *env) close() {
	if e.closeFake != nil {
		e.closeFake()
		e.closeFake = nil
	}
}

// usageErr marks errors that are the caller's to fix: bad flags, or a request the spec refuses.
type usageErr struct{ err error }

func (u *usageErr) Error() string { return u.err.Error() }
func (u *usageErr) Unwrap() error { return u.err }

func usageError(err error) error { return &usageErr{err: err} }

// fail prints err in words and returns its exit code (see exitCodes).
func (e *env) fail(err error) int {
	if err == nil {
		return exitOK
	}
	var u *usageErr
	var v *wrapper.ValidationError
	var p *wrapper.PeeringFailedError
	switch {
	case errors.As(err, &u), errors.As(err, &v), errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(e.stderr, "edsconn: %v\n", err)
		return exitUsage
	case errors.As(err, &p), errors.Is(err, wrapper.ErrConnectionDeleted):
		fmt.Fprintf(e.stderr, "edsconn: %v\n", err)
		return exitNotReady
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "edsconn: interrupted: %v\n", err)
		return exitInterrupted
	case errors.Is(err, context.DeadlineExceeded):
		hint := ""
		if e.timeoutHint != "" {
			hint = " (" + e.timeoutHint + ")"
		}
		fmt.Fprintf(e.stderr, "edsconn: timed out%s: %v\n", hint, err)
		return exitTimeout
	}
	fmt.Fprintf(e.stderr, "edsconn: %v\n", err)
	return exitFailure
}

// usageFail prints a command line error with the command's synopsis.
func (e *env) usageFail(name, usageLine string, err error) int {
	fmt.Fprintf(e.stderr, "edsconn %s: %v\nUsage: %s\nRun 'edsconn %s --help' for more.\n", name, err, usageLine, name)
	return exitUsage
}

// print writes an answer as indented JSON (the default, for scripts) or as a table laid out by
// the answer's schema.
func (e *env) print(v any, answer *schema) error {
	if _, ok := v.(noContent); ok && e.output == "table" {
		_, err := fmt.Fprintln(e.stdout, "ok")
		return err
	}
	if e.output == "table" {
		g, err := toGeneric(v)
		if err != nil {
			return err
		}
		return renderAnswer(e.stdout, g, answer, "")
	}
	b, err := jsonBytes(v)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}

// startFake runs the embedded fake on a free loopback port.
func startFake(opts fake.Options) (url string, closeFn func(), err error) {
	srv, err := fake.Start(opts)
	if err != nil {
		return "", nil, fmt.Errorf("start the embedded fake DLI: %w", err)
	}
	return srv.URL(), func() { _ = srv.Close() }, nil
}
