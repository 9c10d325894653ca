package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

func configFlags() (*builtinFlags, *bool) {
	b := newBuiltinFlags("config", "Shows where the CLI would send, and with what: the region, endpoint, project id and "+
		"IAM endpoint with the variable, file or flag each comes from, and the source of the credentials (fixed, "+
		"temporary, or temporary and renewed from a platform service) with every source it looked at, in order. "+
		"It never shows a secret, and only the last 4 characters of an access key. With --check it also fetches "+
		"the keys of a platform source (showing when they expire) and looks the project id up in IAM when none is "+
		"configured; it calls no DLI operation.", "text")
	check := b.fs.Bool("check", false, "fetch the keys and the project id, to show they work")
	b.docs = append(b.docs, flagDoc{name: "check", text: "Fetch the keys of a platform source and the project id from IAM, to show that they work."})
	return b, check
}

// configReport is what `edsconn config -o json` prints.
type configReport struct {
	Region      credentials.Setting `json:"region"`
	Endpoint    credentials.Setting `json:"endpoint"`
	ProjectID   credentials.Setting `json:"project_id"`
	ProjectName credentials.Setting `json:"project_name"`
	IAMEndpoint credentials.Setting `json:"iam_endpoint"`
	Credentials struct {
		Source    string           `json:"source,omitempty"`
		Kind      credentials.Kind `json:"kind,omitempty"`
		AccessKey string           `json:"access_key,omitempty"`
		Expires   *time.Time       `json:"expires,omitempty"`
		AuthToken string           `json:"auth_token,omitempty"`
		Error     string           `json:"error,omitempty"`
	} `json:"credentials"`
	Looked []credentials.Look `json:"looked"`
}

func runConfig(ctx context.Context, e *env, args []string) int {
	b, check := configFlags()
	if _, code, ok := b.parse(e, args); !ok {
		return code
	}
	if err := e.setOutput(b.g.output, "text", "table", "json"); err != nil {
		return e.fail(err)
	}
	switch {
	case b.g.region != "" && b.g.endpoint != "":
		return e.fail(usageError(errors.New("--region and --endpoint both say where to send: give one")))
	case b.g.fake:
		return e.fail(usageError(errors.New("config shows what is configured; the embedded fake needs nothing: drop --fake")))
	}
	cfg, d := loadConfig(b.g)
	var r configReport
	r.Region, r.Endpoint, r.ProjectID, r.ProjectName, r.IAMEndpoint = d.Region, d.Endpoint, d.ProjectID, d.ProjectName, d.IAMEndpoint
	if r.Endpoint.Value == "" && cfg.Region != "" {
		if ep, err := wrapper.Endpoint(cfg.Region); err == nil {
			r.Endpoint = credentials.Setting{Value: ep, From: "the region's (the spec's servers)"}
		}
	}
	if r.IAMEndpoint.Value == "" && cfg.Region != "" {
		if ep, err := wrapper.IAMEndpoint(cfg.Region); err == nil {
			r.IAMEndpoint = credentials.Setting{Value: ep, From: "the region's (the spec's x-iam-url)"}
		}
	}
	r.Credentials.Source, r.Credentials.Kind, r.Credentials.AccessKey = d.Source, d.Kind, maskKey(d.AccessKey)
	r.Credentials.AuthToken = d.AuthTokenFrom
	if d.Err != nil {
		r.Credentials.Error = d.Err.Error()
	}
	r.Looked = d.Looked
	code := exitOK
	if *check && d.Err == nil {
		cfg.Timeout = b.g.timeout
		if err := checkConfig(ctx, cfg, d, &r); err != nil {
			r.Credentials.Error = err.Error()
			code = exitFailure
		}
	}
	if d.Err != nil {
		code = exitUsage
	}
	var err error
	if e.output == "json" {
		var out []byte
		if out, err = jsonBytes(r); err == nil {
			_, err = e.stdout.Write(out)
		}
	} else {
		err = r.writeText(e.stdout)
	}
	if err != nil {
		return e.fail(err)
	}
	return code
}

// checkConfig fetches the keys of a platform source and the project id, without a DLI call.
func checkConfig(ctx context.Context, cfg wrapper.Config, d *credentials.Discovery, r *configReport) error {
	if cfg.CredentialsProvider != nil {
		v, err := cfg.CredentialsProvider.Retrieve(ctx)
		if err != nil {
			return err
		}
		r.Credentials.AccessKey = maskKey(v.AccessKey)
		if v.CanExpire() {
			r.Credentials.Expires = &v.Expires
		}
		// The keys just fetched sign the lookup below, rather than being fetched again.
		cfg.CredentialsProvider = credentials.Static(v)
	}
	if cfg.ProjectID != "" || (cfg.Region == "" && cfg.ProjectName == "") {
		return nil
	}
	c, err := wrapper.New(cfg)
	if err != nil {
		return err
	}
	id, err := c.ProjectID(ctx)
	if err != nil {
		return err
	}
	r.ProjectID = credentials.Setting{Value: id, From: "IAM, looked up by name " + firstNonEmpty(d.ProjectName.Value, cfg.Region)}
	return nil
}

// maskKey shows the last 4 characters of an access key, as `aws configure list` does.
func maskKey(ak string) string {
	if len(ak) <= 4 {
		return ak
	}
	return strings.Repeat("*", len(ak)-4) + ak[len(ak)-4:]
}

func (r *configReport) writeText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(name string, s credentials.Setting, unset string) {
		v, from := s.Value, s.From
		if v == "" {
			v, from = "-", unset
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, v, from)
	}
	fmt.Fprintln(tw, "NAME\tVALUE\tFROM")
	row("region", r.Region, "not set")
	row("endpoint", r.Endpoint, "not set")
	unsetProject := "not set"
	if r.Region.Value != "" || r.ProjectName.Value != "" {
		unsetProject = "looked up in IAM on the first call"
	}
	row("project id", r.ProjectID, unsetProject)
	if r.ProjectName.Value != "" {
		row("project name", r.ProjectName, "")
	}
	row("IAM endpoint", r.IAMEndpoint, "not set")
	c := r.Credentials
	switch {
	case c.Source != "":
		detail := string(c.Kind)
		if c.AccessKey != "" {
			detail += ", access key " + c.AccessKey
		}
		if c.Expires != nil {
			detail += ", expires " + c.Expires.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "credentials\t%s\t%s\n", detail, c.Source)
	case c.AuthToken != "":
		fmt.Fprintf(tw, "credentials\tIAM token\t%s\n", c.AuthToken)
	default:
		fmt.Fprintf(tw, "credentials\t-\tnone found\n")
	}
	if c.AuthToken != "" && c.Source != "" {
		fmt.Fprintf(tw, "IAM token\tset\t%s\n", c.AuthToken)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.Error != "" {
		fmt.Fprintf(w, "\nerror: %s\n", c.Error)
	}
	fmt.Fprintln(w, "\nLooked for credentials in, in this order:")
	for _, l := range r.Looked {
		fmt.Fprintf(w, "  %s: %s\n", l.Source, l.Result)
	}
	return nil
}
