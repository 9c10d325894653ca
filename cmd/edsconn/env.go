package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
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
	// implicitFake lets connect use the embedded fake when nothing is configured: demo only.
	implicitFake bool
	// timeoutHint says which time limit a command has, for the message of exit code 4.
	timeoutHint string
	// answers keeps the last answer as the server sent it, which is what the CLI prints.
	answers answerLog
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
		{name: "fake", text: "Run against an embedded fake DLI, whatever is configured (demo does so by itself when nothing is configured)."},
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

// connect builds the client. It calls the embedded fake only with --fake, or for demo when
// nothing at all is configured (README's first command); every other command with nothing
// configured, or with credentials it cannot use, is refused with the sources it looked at, so
// that a script never mistakes the fake's answer for the cloud's. --region and --endpoint win
// over the environment, and neither wins over the other. Credentials come only from the
// environment and files (the chain of credentials.Discover), never from flags, so that they stay
// out of shell history and process listings.
func (e *env) connect(g *globalFlags) error {
	switch {
	case g.region != "" && g.endpoint != "":
		return usageError(errors.New("--region and --endpoint both say where to send: give one"))
	case g.fake && (g.region != "" || g.endpoint != ""):
		return usageError(errors.New("--fake runs against the embedded fake DLI: drop --region and --endpoint, or --fake"))
	}
	cfg, d := loadConfig(g)
	cfg.Timeout = g.timeout
	cfg.DisableValidation = g.noValidate
	useFake := g.fake
	if !useFake {
		if cfg.Endpoint != "" {
			if err := wrapper.CheckEndpoint(cfg.Endpoint); err != nil {
				return usageError(fmt.Errorf("%w (the endpoint is from %s)", err, d.Endpoint.From))
			}
		}
		switch {
		case d.Err != nil:
			return usageError(fmt.Errorf("%w\n%s", d.Err, lookedAt(d)))
		case cfg.HasAuth():
		case cfg.Region == "" && cfg.Endpoint == "" && e.implicitFake:
			useFake = true
		case cfg.Region == "" && cfg.Endpoint == "":
			return usageError(fmt.Errorf("nothing to call: no credentials, region or endpoint is configured\n%s\n%s", lookedAt(d), tryWithoutAccount))
		case cfg.Region != "" || !isLoopbackURL(cfg.Endpoint):
			return usageError(fmt.Errorf("no credentials for %s (%s)\n%s\n%s", cfg.Region+cfg.Endpoint,
				firstNonEmpty(d.Region.From, d.Endpoint.From), lookedAt(d), tryWithoutAccount))
		}
		// Left: a loopback endpoint without credentials, such as `edsconn fake-server` without
		// --require-auth, which is called unauthenticated.
		if err := checkWhere(cfg, d); err != nil && !useFake {
			return usageError(err)
		}
	}
	if useFake {
		url, closeFake, err := startFake(fake.Options{ActivationDelay: g.fakeActivate})
		if err != nil {
			return err
		}
		e.usingFake, e.closeFake = true, closeFake
		cfg = wrapper.Config{Endpoint: url, ProjectID: cmp(cfg.ProjectID, fakeProjectID), Timeout: g.timeout, DisableValidation: g.noValidate}
		why := "nothing is configured"
		if g.fake {
			why = "--fake"
		}
		fmt.Fprintf(e.stderr, "edsconn: %s: using the embedded fake DLI at %s (state lasts for this command only)\n", why, url)
	}
	cfg.Middleware = append(cfg.Middleware, e.answers.middleware)
	c, err := wrapper.New(cfg)
	if err != nil {
		e.close()
		if cfg.Endpoint != "" && !useFake && strings.Contains(err.Error(), strconv.Quote(cfg.Endpoint)) {
			err = fmt.Errorf("%w (the endpoint is from %s)", err, d.Endpoint.From)
		}
		return usageError(err)
	}
	e.client = c
	return nil
}

// loadConfig reads the configuration as wrapper.DiscoverConfig does, with the flags winning over
// the environment: --region also over $DLI_ENDPOINT, so that the region's endpoint is used.
func loadConfig(g *globalFlags) (wrapper.Config, *credentials.Discovery) {
	var o credentials.DiscoverOptions
	if g.region != "" {
		o.Region = credentials.Setting{Value: g.region, From: "--region"}
	}
	if g.endpoint != "" {
		o.Endpoint = credentials.Setting{Value: g.endpoint, From: "--endpoint"}
	}
	if g.projectID != "" {
		o.ProjectID = credentials.Setting{Value: g.projectID, From: "--project-id"}
	}
	cfg, d := wrapper.DiscoverConfig(o)
	if g.region != "" && d.Endpoint.From == "$"+wrapper.EnvEndpoint {
		cfg.Endpoint, d.Endpoint = "", credentials.Setting{}
		if e, ok := wrapper.EndpointFromEnv(g.region); ok {
			cfg.Endpoint, d.Endpoint = e, credentials.Setting{Value: e, From: "$" + wrapper.RegionEndpointEnv(g.region)}
		}
	}
	return cfg, d
}

// checkWhere refuses what wrapper.New would refuse about where to send, in the command line's
// terms: the flag or variable to set, the real cause first (credentials without a region are
// not a missing project id).
func checkWhere(cfg wrapper.Config, d *credentials.Discovery) error {
	hasKeys := cfg.Credentials.AccessKey != "" || cfg.CredentialsProvider != nil
	switch {
	case cfg.Region == "" && cfg.Endpoint == "":
		return fmt.Errorf("no region to send to: the credentials of %s need --region REGION (or $%s or $OS_REGION_NAME), "+
			"or --endpoint URL ($%s)", firstNonEmpty(d.Source, d.AuthTokenFrom), wrapper.EnvRegion, wrapper.EnvEndpoint)
	case cfg.ProjectID != "":
	case isLoopbackURL(cfg.Endpoint) && !hasKeys:
		return fmt.Errorf("no project id for %s (%s): give --project-id ID or set $%s; a fake DLI takes any, such as "+
			"%s=%s", cfg.Endpoint, d.Endpoint.From, wrapper.EnvProjectID, wrapper.EnvProjectID, fakeProjectID)
	case cfg.Region == "" && cfg.ProjectName == "":
		return fmt.Errorf("no project id for %s (%s): give --project-id ID (or set $%s or $OS_PROJECT_ID); with --region "+
			"instead of --endpoint it is looked up in IAM", cfg.Endpoint, d.Endpoint.From, wrapper.EnvProjectID)
	case !hasKeys:
		return fmt.Errorf("no project id: give --project-id ID (or set $%s or $OS_PROJECT_ID); looking it up in IAM needs "+
			"AK/SK credentials, and only an IAM token (%s) is configured", wrapper.EnvProjectID, d.AuthTokenFrom)
	}
	return nil
}

// tryWithoutAccount is how to use the CLI without a cloud account, for the messages that refuse
// to run.
const tryWithoutAccount = "To try it without an account: `edsconn demo`, any command with --fake, or " +
	"`edsconn fake-server` and DLI_ENDPOINT=http://127.0.0.1:8080 " + wrapper.EnvProjectID + "=" + fakeProjectID +
	". 'edsconn config' shows what is configured."

// lookedAt lists every source of credentials the discovery looked at, one per line.
func lookedAt(d *credentials.Discovery) string {
	var b strings.Builder
	b.WriteString("Looked for credentials in, in this order:")
	for _, l := range d.Looked {
		fmt.Fprintf(&b, "\n  %s: %s", l.Source, l.Result)
	}
	return b.String()
}

// isLoopbackURL reports whether an endpoint URL names localhost or a loopback address.
func isLoopbackURL(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	if strings.EqualFold(u.Hostname(), "localhost") {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
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
		fmt.Fprintf(e.stderr, "edsconn: %s\n", cliWords(err.Error()))
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
	fmt.Fprintf(e.stderr, "edsconn: %s\n", cliWords(err.Error()))
	return exitFailure
}

// goWords are the wrapper's names of settings that the CLI takes as flags.
var goWords = strings.NewReplacer("Config.ProjectID", "--project-id", "Config.Region", "--region", "Config.Endpoint", "--endpoint")

// cliWords says the wrapper's Go words for a setting (Config.ProjectID) as the flag that sets it.
func cliWords(msg string) string { return goWords.Replace(msg) }

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
	if raw, ok := v.(rawAnswer); ok {
		// The answer as the server sent it: every field it has, zeros and empty lists included.
		if e.output == "table" {
			g, err := decodeAnswer(raw)
			if err != nil {
				return err
			}
			return renderAnswer(e.stdout, g, answer, "")
		}
		var b bytes.Buffer
		if err := json.Indent(&b, raw, "", "  "); err != nil {
			return err
		}
		b.WriteByte('\n')
		_, err := e.stdout.Write(b.Bytes())
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
