package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// fakeServerFlags are the flags of fake-server: the fake.Options a Go test would set, in flag
// form, plus the faults, failing peerings and grants to set up before serving.
type fakeServerFlags struct {
	opts            fake.Options
	requireAuth     bool
	log             bool
	shutdownTimeout time.Duration
	faults          faultsFlag
	failPeerings    pairsFlag
	grants          pairsFlag

	// The platform services: the flags that do not map one to one onto fake.PlatformOptions.
	metadataToken    metadataTokenFlag
	metadataNoAgency bool
	idps             stringsFlag
	podTokenFile     string
}

func (f *fakeServerFlags) register(fs *flag.FlagSet) {
	o := &f.opts
	fs.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (loopback unless -allow-non-loopback)")
	fs.BoolVar(&o.AllowNonLoopback, "allow-non-loopback", false, "allow -addr to be a non-loopback address: anyone who reaches it can use the fake")
	fs.DurationVar(&o.ActivationDelay, "activation-delay", 5*time.Second, "how long a new peering stays CREATING")
	fs.BoolVar(&o.RefuseDeleteWhileCreating, "refuse-delete-while-creating", false, "refuse (400 DLI.0007) deleting a connection while a peering is CREATING")
	fs.BoolVar(&f.requireAuth, "require-auth", false, "accept only requests signed with $"+wrapper.EnvAccessKey+"/$"+wrapper.EnvSecretKey+" or carrying $"+wrapper.EnvAuthToken)
	fs.DurationVar(&o.ReadHeaderTimeout, "read-header-timeout", fake.DefaultReadHeaderTimeout, "time limit for a request's headers")
	fs.DurationVar(&o.ReadBodyTimeout, "read-body-timeout", fake.DefaultReadBodyTimeout, "time limit for a request's body, and for its wait for room under -max-body-bytes-in-flight")
	fs.DurationVar(&o.IdleTimeout, "idle-timeout", fake.DefaultIdleTimeout, "how long an idle keep-alive connection stays open")
	fs.Int64Var(&o.MaxBodyBytesInFlight, "max-body-bytes-in-flight", fake.DefaultMaxBodyBytesInFlight, "bytes of request bodies read and validated at once (validation takes 15-30 times as much memory)")
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish")
	fs.BoolVar(&f.log, "log", false, "log one line per request to stderr: method, path, status, duration (never headers or bodies)")
	fs.Float64Var(&o.ErrorRate, "error-rate", 0, "probability (0-1) that a request fails with a random 500, 502, 503 or 504")
	fs.DurationVar(&o.Latency, "latency", 0, "add a random delay up to this to every request")
	fs.Int64Var(&o.Seed, "seed", 0, "seed of -error-rate and -latency, to replay a run")
	fs.Var(&f.faults, "fault", "`[OPERATION:]ITEM,...`: a fault to queue (repeatable; see Faults below)")
	fs.Var(&f.failPeerings, "fail-peering", "`NAME=MESSAGE`: new peerings of queue or pool NAME end FAILED with MESSAGE (repeatable)")
	fs.Var(&f.grants, "grant", "`NAME=PROJECT_ID`: connections named NAME are granted to PROJECT_ID as they are created (repeatable; see below)")

	p := &o.Platform
	fs.BoolVar(&p.Metadata, "metadata", false, "serve the ECS metadata API (the VM's agency keys; see Platform services below)")
	fs.Var(&f.metadataToken, "metadata-token", "`required|optional|absent`: the metadata session token is required, optional (default), or has no API at all (v1: the token PUT is 404)")
	fs.BoolVar(&f.metadataNoAgency, "metadata-no-agency", false, "the metadata service answers as for a VM without an agency (401 \"Please configure Cloud Service Agency first\")")
	fs.Var(&f.idps, "idp", "`ID`: an identity provider whose id tokens IAM's OIDC exchange accepts (repeatable; any non-empty id token)")
	fs.StringVar(&f.podTokenFile, "pod-identity-token-file", "", "serve CCE pod identity, accepting the token in `FILE` as Authorization (read at start, kept out of ps)")
	fs.DurationVar(&p.KeyLifetime, "key-lifetime", fake.DefaultKeyLifetime, "how long the keys of the metadata service and pod identity live")
	fs.DurationVar(&p.KeyRotateBefore, "key-rotate-before", fake.DefaultKeyRotateBefore, "how long before their expiry the metadata service and pod identity hand out new keys")
	fs.DurationVar(&p.GatewayClockOffset, "gateway-clock-offset", 0, "the gateway's clock minus real time: X-Sdk-Date more than 15m from it is 401, and Date headers show it")
}

// fakeServerUsage is the help of fake-server; ops are the operationIds -fault accepts.
func fakeServerUsage(w io.Writer, fs *flag.FlagSet, ops []string) {
	fmt.Fprint(w, `Usage: edsconn fake-server [flags]

Serve the fake DLI (any project id) until SIGINT or SIGTERM. Either signal stops it gracefully:
it stops accepting connections, lets requests in flight finish (at most -shutdown-timeout) and
exits 0; a second signal ends it at once. The URL is printed alone on stdout.

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, `
Faults: -fault [OPERATION:]ITEM[,ITEM...] queues one fault, in the order the flags are given.
Without OPERATION it hits whichever operation comes next. Each request takes at most one fault:
the first queued for its operation, else the first queued for any. ITEMs:
  400-599          answer with this status (429/502/503/504 as the gateway words them)
  retry-after=DUR  add a Retry-After header, in whole seconds; alone it means status 429
  html             answer with a proxy's HTML error page instead of the DLI JSON body
  drop             close the connection partway through the answer
  after            run the operation first, then spoil its answer (the create did happen)
  delay=DUR        wait before answering (with after: after the operation ran)
  times=N          queue N copies of this fault (default 1)
Examples:
  -fault CreateEnhancedConnection:drop,after      the create happens, the client sees a broken answer
  -fault ListEnhancedConnections:503,retry-after=2s,times=3
  -fault 502,html                                 the next request of any operation
  -fault ShowEnhancedConnection:delay=10s
Operations:
`+wrapWords(ops, 96)+`

-grant NAME=PROJECT_ID: connection ids exist only once created, so grants are by name: every
connection named NAME created while the server runs, in any project, is granted to PROJECT_ID
before its create is answered (ShowEnhancedConnectionPrivilege lists it, isPrivis is false).

Platform services: the services that hand out temporary keys, on the same address as DLI, so
that nothing dials 169.254.169.254. Each one on makes authentication required; the keys they
issue work on DLI and IAM, with their security token, until they expire:
  -metadata                       ECS metadata: PUT /meta-data/latest/api/token and
                                  GET /openstack/latest/securitykey (the same keys until
                                  -key-rotate-before ahead of their expiry)
  -idp ID                         IAM: POST /v3.0/OS-AUTH/id-token/tokens with X-Idp-Id ID, then
                                  POST /v3.0/OS-CREDENTIAL/securitytokens (new keys each time)
  -pod-identity-token-file FILE   CCE pod identity: POST `+fake.PodIdentityPath+`
The start-up message on stderr names the variables that point a client at each service on.
`)
}

// runFakeServer serves the fake DLI until interrupted, for other teams' clients and tools.
func runFakeServer(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("fake-server", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {} // printed below, to stdout for -h and stderr for mistakes
	var f fakeServerFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fakeServerUsage(e.stdout, fs, fakeOperationIDs())
			return exitOK
		}
		fmt.Fprintln(e.stderr)
		fakeServerUsage(e.stderr, fs, fakeOperationIDs())
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "edsconn: fake-server takes no arguments, got %q\n\n", fs.Args())
		fakeServerUsage(e.stderr, fs, fakeOperationIDs())
		return exitUsage
	}
	srv, err := f.server(e)
	if err != nil {
		return e.fail(err)
	}
	running, err := srv.Start("")
	if err != nil {
		return e.fail(usageError(err))
	}
	fmt.Fprintf(e.stderr, "edsconn: fake DLI listening on %s (any project id; Ctrl-C or SIGTERM stops it)\n", running.URL())
	// Both variables a client needs: with the endpoint alone, the next command fails for want
	// of a project id.
	fmt.Fprintf(e.stderr, "edsconn: point clients at it with: export %s=%s %s=%s\n",
		wrapper.EnvEndpoint, running.URL(), wrapper.EnvProjectID, fakeProjectID)
	f.printPlatform(e.stderr, running.URL())
	// The URL alone on stdout, so that a script can start the server and capture where it is.
	fmt.Fprintln(e.stdout, running.URL())

	<-ctx.Done()
	fmt.Fprintf(e.stderr, "edsconn: stopping: letting requests in flight finish (at most %s)\n", f.shutdownTimeout)
	stop, cancel := context.WithTimeout(context.Background(), f.shutdownTimeout)
	defer cancel()
	if err := running.Shutdown(stop); err != nil {
		return e.fail(fmt.Errorf("requests still in flight after %s were cut off: %w", f.shutdownTimeout, err))
	}
	fmt.Fprintln(e.stderr, "edsconn: stopped")
	return exitOK
}

// printPlatform tells, for each platform service on, which variables point a client at it.
func (f *fakeServerFlags) printPlatform(w io.Writer, url string) {
	p := f.opts.Platform
	if p.Metadata {
		fmt.Fprintf(w, "edsconn: ECS metadata (agency keys, token %s): %s=%s\n", f.metadataToken.String(), credentials.EnvMetadataEndpoint, url)
	}
	if len(f.idps) > 0 {
		fmt.Fprintf(w, "edsconn: IAM OIDC federation: %s=%s %s=%s (%s: a file with any non-empty id token)\n",
			wrapper.EnvIAMEndpoint, url, credentials.EnvIdpID, f.idps[0], credentials.EnvIDTokenFile)
	}
	if f.podTokenFile != "" {
		file, err := filepath.Abs(f.podTokenFile)
		if err != nil {
			file = f.podTokenFile
		}
		fmt.Fprintf(w, "edsconn: CCE pod identity: %s=%s %s=%s\n", credentials.EnvPodIdentityURI, url+fake.PodIdentityPath, credentials.EnvPodIdentityTokenFile, file)
	}
	switch off := p.GatewayClockOffset; {
	case off > 0:
		fmt.Fprintf(w, "edsconn: the gateway's clock is %s ahead of real time\n", off)
	case off < 0:
		fmt.Fprintf(w, "edsconn: the gateway's clock is %s behind real time\n", -off)
	}
}

// fakeOperationIDs lists the operationIds for the help, those of the spec.
func fakeOperationIDs() []string {
	ids := make([]string, len(specOperations))
	for i, op := range specOperations {
		ids[i] = op.id
	}
	return ids
}

// server builds the fake from the flags, with its faults, failing peerings and grants set up.
func (f *fakeServerFlags) server(e *env) (*fake.Server, error) {
	opts := f.opts
	if f.requireAuth {
		cfg := wrapper.ConfigFromEnv()
		if !cfg.HasAuth() {
			return nil, usageError(fmt.Errorf("-require-auth needs $%s/$%s or $%s", wrapper.EnvAccessKey, wrapper.EnvSecretKey, wrapper.EnvAuthToken))
		}
		if cfg.Credentials.AccessKey != "" {
			opts.Credentials = map[string]string{cfg.Credentials.AccessKey: cfg.Credentials.SecretKey.Reveal()}
		}
		if cfg.AuthToken.IsSet() {
			opts.Tokens = []string{cfg.AuthToken.Reveal()}
		}
	}
	if f.log {
		opts.Logger = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	if err := f.platform(&opts.Platform); err != nil {
		return nil, usageError(err)
	}
	srv, err := fake.New(opts)
	if err != nil {
		return nil, usageError(err)
	}
	ops := srv.Operations()
	for _, q := range f.faults {
		if q.operation != "" && !slices.Contains(ops, q.operation) {
			return nil, usageError(fmt.Errorf("-fault %s: the spec has no operation %q (see fake-server -h)", q.raw, q.operation))
		}
	}
	for _, q := range f.faults {
		srv.InjectFaults(q.operation, slices.Repeat([]fake.Fault{q.fault}, q.times)...)
	}
	for _, p := range f.failPeerings {
		srv.FailPeering(p.key, p.value)
	}
	for _, p := range f.grants {
		if err := srv.GrantPrivilegeOnCreate(p.key, p.value); err != nil {
			return nil, usageError(err)
		}
	}
	return srv, nil
}

// platform completes p from the flags that do not map one to one onto it.
func (f *fakeServerFlags) platform(p *fake.PlatformOptions) error {
	if !p.Metadata && (f.metadataToken.set || f.metadataNoAgency) {
		return errors.New("-metadata-token and -metadata-no-agency need -metadata")
	}
	p.MetadataMode = f.metadataToken.mode
	if f.metadataNoAgency {
		p.MetadataMode |= fake.MetadataNoAgency
	}
	p.IdentityProviders = f.idps
	if f.podTokenFile != "" {
		token, err := readTokenFile("pod-identity-token-file", f.podTokenFile)
		if err != nil {
			return err
		}
		p.PodIdentityTokens = []string{token}
	}
	return nil
}

// wrapWords joins words with ", " into indented lines of at most width characters.
func wrapWords(words []string, width int) string {
	var b strings.Builder
	line := 0
	for i, w := range words {
		if i < len(words)-1 {
			w += ","
		}
		if line > 0 && line+1+len(w) > width {
			b.WriteString("\n")
			line = 0
		}
		if line == 0 {
			b.WriteString("  ")
			line = 2
		} else {
			b.WriteString(" ")
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
