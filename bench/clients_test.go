package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// op is one call of a workload, ready to repeat. It checks the decoded answer just enough to
// prove the client decoded it (an id, the number of hosts or connections), at equal cost for all.
type op func(ctx context.Context) error

// client is one way of calling the API. Each method returns a fresh op, so that every
// goroutine of a parallel benchmark gets its own (the loopback limit's pre-signed request must
// not be shared); whatever a user would build once (a body in the client's own type, query
// parameters) is built there, outside the timed loop.
type client struct {
	name   string
	create func(body gen.CreateEnhancedConnectionRequest) op
	show   func() op
	list   func(n int) op
}

// Client names, as they appear in the benchmark names (client=...).
const (
	oursValidate   = "ours-validate"
	oursNoValidate = "ours-novalidate"
	vendor         = "vendor"
	floor          = "floor"
	loopback       = "loopback"
)

// clientMaker builds one client against a server's base URL, with its own connection pool.
type clientMaker struct {
	name string
	make func(tb testing.TB, baseURL string) client
}

// makers lists every client of the benchmarks in the order they are defined; the interleaved
// runner (cmd/rounds) chooses the order they run in.
var makers = []clientMaker{
	{oursValidate, func(tb testing.TB, u string) client { return oursClient(tb, u, oursValidate, false) }},
	{oursNoValidate, func(tb testing.TB, u string) client { return oursClient(tb, u, oursNoValidate, true) }},
	{vendor, vendorClient},
	{floor, floorClient},
	{loopback, loopbackClient},
}

// sameRequestClients are the clients that make the workload's real call: all but the loopback
// limit, whose request is the same for every workload.
var sameRequestClients = []string{oursValidate, oursNoValidate, vendor, floor}

func wantCreated(id string) error {
	if id == "" {
		return fmt.Errorf("no connection_id in the answer")
	}
	return nil
}

func wantHosts(n int, err error) error {
	if err == nil && n != fixture.ShowHosts {
		return fmt.Errorf("got %d hosts, want %d", n, fixture.ShowHosts)
	}
	return err
}

func wantConnections(want int) func(got int, err error) error {
	return func(got int, err error) error {
		if err == nil && got != want {
			return fmt.Errorf("got %d connections, want %d", got, want)
		}
		return err
	}
}

// oursClient is wrapper.Client, through package ours.
func oursClient(tb testing.TB, baseURL, name string, disableValidation bool) client {
	c, err := ours.New(ours.Options{
		Endpoint:          baseURL,
		ProjectID:         fixture.ProjectID,
		AccessKey:         fixture.AK,
		SecretKey:         fixture.SK,
		HTTPClient:        &http.Client{Transport: fixture.NewTransport()},
		DisableValidation: disableValidation,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return client{
		name: name,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			call := c.Create(body)
			return func(ctx context.Context) error {
				id, err := call(ctx)
				if err != nil {
					return err
				}
				return wantCreated(id)
			}
		},
		show: func() op {
			call := c.Show(fixture.ShowID)
			return func(ctx context.Context) error { return wantHosts(call(ctx)) }
		},
		list: func(n int) op {
			call, want := c.List(n), wantConnections(n)
			return func(ctx context.Context) error { return want(call(ctx)) }
		},
	}
}

// vendorClient is huaweicloud-sdk-go-v3's DliClient, through package vendorsdk.
func vendorClient(_ testing.TB, baseURL string) client {
	c := vendorsdk.New(baseURL, fixture.ProjectID, fixture.AK, fixture.SK, fixture.NewTransport())
	return client{
		name: vendor,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			call := c.Create(body)
			return func(context.Context) error {
				id, err := call()
				if err != nil {
					return err
				}
				return wantCreated(id)
			}
		},
		show: func() op {
			call := c.Show(fixture.ShowID)
			return func(context.Context) error { return wantHosts(call()) }
		},
		list: func(n int) op {
			call, want := c.List(n), wantConnections(n)
			return func(context.Context) error { return want(call()) }
		},
	}
}

// floorClient is the practical floor: a request built by hand, the body encoded once with
// encoding/json, signed with our signer (the vendor's algorithm), sent with net/http, the
// answer read and decoded into the generated type. No validation, retries or typed errors.
func floorClient(_ testing.TB, baseURL string) client {
	return floorClientOn(baseURL, &http.Client{Transport: fixture.NewTransport()})
}

// floorClientOn is the floor sending through hc.
func floorClientOn(baseURL string, hc *http.Client) client {
	sign := ours.NewSigner(fixture.AK, fixture.SK)
	prefix := baseURL + fixture.Prefix
	do := func(ctx context.Context, method, url string, body any, want int, out any) error {
		var rd io.Reader
		if body != nil {
			b, err := json.Marshal(body)
			if err != nil {
				return err
			}
			rd = bytes.NewReader(b)
		}
		req, err := http.NewRequestWithContext(ctx, method, url, rd)
		if err != nil {
			return err
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("User-Agent", "floor")
		req.Header.Set("X-Project-Id", fixture.ProjectID)
		if err := sign(req); err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != want {
			return fmt.Errorf("HTTP %d: %s", resp.StatusCode, data)
		}
		return json.Unmarshal(data, out)
	}
	return client{
		name: floor,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			return func(ctx context.Context) error {
				var out gen.CreateEnhancedConnectionResponse
				if err := do(ctx, http.MethodPost, prefix, &body, http.StatusCreated, &out); err != nil {
					return err
				}
				return wantCreated(out.ConnectionID)
			}
		},
		show: func() op {
			return func(ctx context.Context) error {
				var out gen.ShowEnhancedConnectionResponse
				err := do(ctx, http.MethodGet, prefix+"/"+fixture.ShowID, nil, http.StatusOK, &out)
				return wantHosts(len(out.Hosts), err)
			}
		},
		list: func(n int) op {
			url, want := prefix+"?limit="+strconv.Itoa(n), wantConnections(n)
			return func(ctx context.Context) error {
				var out gen.ListEnhancedConnectionsResponse
				err := do(ctx, http.MethodGet, url, nil, http.StatusOK, &out)
				return want(len(out.Connections), err)
			}
		},
	}
}

// loopbackClient is the loopback limit, the same for every workload: a GET built and signed
// once, sent again and again over a kept-alive connection, answered with 200 and an empty body
// that is read to the end. No client can do less for a call on this machine.
func loopbackClient(tb testing.TB, baseURL string) client {
	hc := &http.Client{Transport: fixture.NewTransport()}
	sign := ours.NewSigner(fixture.AK, fixture.SK)
	newOp := func() op {
		req, err := http.NewRequest(http.MethodGet, baseURL+fixture.LoopbackPath, nil)
		if err != nil {
			tb.Fatal(err)
		}
		req.Header.Set("User-Agent", "loopback")
		req.Header.Set("X-Project-Id", fixture.ProjectID)
		if err := sign(req); err != nil {
			tb.Fatal(err)
		}
		return func(context.Context) error {
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("loopback: HTTP %d", resp.StatusCode)
			}
			return err
		}
	}
	return client{
		name:   loopback,
		create: func(gen.CreateEnhancedConnectionRequest) op { return newOp() },
		show:   newOp,
		list:   func(int) op { return newOp() },
	}
}
