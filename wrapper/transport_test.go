package wrapper

import (
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emptyList is a list answer the client decodes as a success.
const emptyList = `{"is_success":true,"message":"","count":0,"connections":[]}`

// tlsServer is an httptest TLS server on loopback that counts the connections clients open;
// with http2 it offers h2 in ALPN.
type tlsServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newTLSServer(t testing.TB, http2 bool, h http.HandlerFunc) *tlsServer {
	t.Helper()
	s := &tlsServer{Server: httptest.NewUnstartedServer(h)}
	s.EnableHTTP2 = http2
	s.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

// trust makes c's own transport trust srv's certificate, as the system roots trust DLI's. It
// must run before c's first call: the transport reads its TLS settings then.
func trust(t testing.TB, c *Client, srv *tlsServer) {
	t.Helper()
	require.NotNil(t, c.transport, "the client has no transport of its own")
	c.transport().TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
}

// TestOwnTransportKeepsAConnectionPerCall makes N calls in flight at once (the server holds
// each until all N arrived, so N connections must exist over HTTP/1.1), then lets N goroutines
// make many more calls: a transport that keeps every connection it needed opens no new one,
// whatever the interleaving, because N calls in flight never need more than N connections.
// http.DefaultTransport keeps 2 and would dial again and again. Over HTTP/2, every answer comes
// over HTTP/2.
func TestOwnTransportKeepsAConnectionPerCall(t *testing.T) {
	for _, tt := range []struct {
		http2      bool
		goroutines int
	}{{false, 8}, {false, 64}, {true, 64}} {
		t.Run(fmt.Sprintf("http2=%t/goroutines=%d", tt.http2, tt.goroutines), func(t *testing.T) {
			var holding atomic.Bool
			holding.Store(true)
			var arrived atomic.Int64
			all := make(chan struct{})
			srv := newTLSServer(t, tt.http2, func(w http.ResponseWriter, r *http.Request) {
				if holding.Load() {
					if arrived.Add(1) == int64(tt.goroutines) {
						close(all)
					}
					select {
					case <-all:
					case <-r.Context().Done():
						return
					}
				}
				_, _ = io.WriteString(w, emptyList)
			})
			var http1Answers atomic.Int64
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Middleware = []Middleware{func(req *http.Request, next Next) (*http.Response, error) {
					resp, err := next(req)
					if err == nil && resp.ProtoMajor != 2 {
						http1Answers.Add(1)
					}
					return resp, err
				}}
			})
			trust(t, c, srv)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			require.NoError(t, concurrently(tt.goroutines, tt.goroutines, func() error {
				_, err := c.ListEnhancedConnections(ctx, nil)
				return err
			}))
			holding.Store(false)
			before := srv.conns.Load()
			if !tt.http2 {
				require.GreaterOrEqual(t, before, int64(tt.goroutines), "every held call had a connection")
			}
			require.NoError(t, concurrently(tt.goroutines, 20*tt.goroutines, func() error {
				_, err := c.ListEnhancedConnections(ctx, nil)
				return err
			}))
			assert.Equal(t, before, srv.conns.Load(), "connections opened after every goroutine had one")
			if tt.http2 {
				assert.Zero(t, http1Answers.Load(), "answers not over HTTP/2")
			}
		})
	}
}

// concurrently makes calls calls of f on n goroutines and returns the first error.
func concurrently(n, calls int, f func() error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for next.Add(1) <= int64(calls) {
				if err := f(); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// TestMaxConnsPerHostBoundsConnections has 12 goroutines share a client limited to 3
// connections: every call succeeds, and the server never sees a fourth connection (the limit
// counts idle ones too, and all 3 are kept).
func TestMaxConnsPerHostBoundsConnections(t *testing.T) {
	srv := newTLSServer(t, false, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, emptyList) })
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConnsPerHost = 3 })
	trust(t, c, srv)
	require.NoError(t, concurrently(12, 240, func() error {
		_, err := c.ListEnhancedConnections(context.Background(), nil)
		return err
	}))
	assert.LessOrEqual(t, srv.conns.Load(), int64(3))
}

// TestOwnTransportSettings checks what each Config makes of the client's transport: the knobs,
// and the defaults a service relies on (HTTP/2, the environment's proxy, time limits).
func TestOwnTransportSettings(t *testing.T) {
	tests := []struct {
		name                string
		cfg                 func(*Config)
		maxConns, idleConns int
		idleTimeout         time.Duration
		wantOwn             bool
	}{
		{"defaults", func(*Config) {}, 0, defaultMaxIdleConnsPerHost, 90 * time.Second, true},
		{"bounded", func(c *Config) { c.MaxConnsPerHost = 16 }, 16, 16, 90 * time.Second, true},
		{"idle timeout", func(c *Config) { c.IdleConnTimeout = 5 * time.Second }, 0, defaultMaxIdleConnsPerHost, 5 * time.Second, true},
		{"HTTPClient without a transport", func(c *Config) {
			c.HTTPClient = &http.Client{Timeout: time.Minute}
			c.MaxConnsPerHost = 8
		}, 8, 8, 90 * time.Second, true},
		{"HTTPClient with a transport", func(c *Config) { c.HTTPClient = &http.Client{Transport: &http.Transport{}} }, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig("https://127.0.0.1:1")
			tt.cfg(&cfg)
			c, err := New(cfg)
			require.NoError(t, err)
			if !tt.wantOwn {
				assert.Nil(t, c.transport)
				return
			}
			tr := c.transport()
			require.NotNil(t, tr)
			assert.NotSame(t, http.DefaultTransport, tr)
			assert.Equal(t, tt.maxConns, tr.MaxConnsPerHost)
			assert.Equal(t, tt.idleConns, tr.MaxIdleConnsPerHost)
			assert.Zero(t, tr.MaxIdleConns, "no cap over all hosts")
			assert.Equal(t, tt.idleTimeout, tr.IdleConnTimeout)
			assert.True(t, tr.ForceAttemptHTTP2)
			assert.NotNil(t, tr.Proxy)
			assert.NotNil(t, tr.DialContext)
			assert.Equal(t, defaultTLSHandshakeTimeout, tr.TLSHandshakeTimeout)
			require.NotNil(t, tr.HTTP2)
			assert.Equal(t, h2PingAfter, tr.HTTP2.SendPingTimeout)
		})
	}
}

// TestConnectionSettingsNeedTheOwnTransport: with the caller's transport the client's knobs
// would be ignored, so New refuses them, naming them; negative values are refused too. Without
// knobs the caller's transport carries every request.
func TestConnectionSettingsNeedTheOwnTransport(t *testing.T) {
	var used atomic.Int64
	callers := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(emptyList)), Request: r}, nil
	})
	for _, tt := range []struct {
		name string
		cfg  func(*Config)
		want string
	}{
		{"MaxConnsPerHost with a transport", func(c *Config) {
			c.HTTPClient, c.MaxConnsPerHost = &http.Client{Transport: callers}, 4
		}, "MaxConnsPerHost and IdleConnTimeout shape the client's own transport"},
		{"IdleConnTimeout with a transport", func(c *Config) {
			c.HTTPClient, c.IdleConnTimeout = &http.Client{Transport: callers}, time.Second
		}, "HTTPClient.Transport is set"},
		{"negative MaxConnsPerHost", func(c *Config) { c.MaxConnsPerHost = -1 }, "must not be negative"},
		{"negative IdleConnTimeout", func(c *Config) { c.IdleConnTimeout = -time.Second }, "must not be negative"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig("https://127.0.0.1:1")
			tt.cfg(&cfg)
			_, err := New(cfg)
			require.ErrorIs(t, err, ErrInvalidConfig)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	cfg := testConfig("https://127.0.0.1:1")
	cfg.HTTPClient = &http.Client{Transport: callers}
	c, err := New(cfg)
	require.NoError(t, err)
	_, err = c.ListEnhancedConnections(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), used.Load())
	c.CloseIdleConnections() // the caller's transport is the caller's: nothing to do, no panic
}

// TestClientsShareNoConnections: two clients of one endpoint each have their own pool, and
// CloseIdleConnections of one leaves the other's alone.
func TestClientsShareNoConnections(t *testing.T) {
	srv := newTLSServer(t, false, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, emptyList) })
	c1, c2 := newTestClient(t, srv.URL), newTestClient(t, srv.URL)
	trust(t, c1, srv)
	trust(t, c2, srv)
	ctx := context.Background()
	steps := []struct {
		name  string
		do    func() error
		conns int64
	}{
		{"first client's call", func() error { _, err := c1.ListEnhancedConnections(ctx, nil); return err }, 1},
		{"second client's call opens its own", func() error { _, err := c2.ListEnhancedConnections(ctx, nil); return err }, 2},
		{"first client's second call reuses", func() error { _, err := c1.ListEnhancedConnections(ctx, nil); return err }, 2},
		{"first client closes its idle ones", func() error { c1.CloseIdleConnections(); return nil }, 2},
		{"second client keeps its own", func() error { _, err := c2.ListEnhancedConnections(ctx, nil); return err }, 2},
		{"first client dials again", func() error { _, err := c1.ListEnhancedConnections(ctx, nil); return err }, 3},
	}
	for _, s := range steps {
		require.NoError(t, s.do(), s.name)
		require.Equal(t, s.conns, srv.conns.Load(), s.name)
	}
}

// The proxy and the system roots come from the environment, which Go reads once per process,
// so they are tested in child processes of the test binary (TestMain runs transportChild).
const (
	transportChildMode     = "WRAPPER_TEST_TRANSPORT_MODE"
	transportChildEndpoint = "WRAPPER_TEST_TRANSPORT_ENDPOINT"
)

// TestOwnTransportHonoursTheEnvironment runs a client in fresh processes whose environment
// names a proxy (HTTPS_PROXY), exemptions (NO_PROXY) and roots (SSL_CERT_FILE):
//   - with the proxy and the test server's certificate as root, a call to https://example.com
//     goes through the proxy (a CONNECT to example.com:443, which the test proxy sends to the
//     TLS server on loopback) and succeeds: nothing but the environment told the client either;
//   - without the certificate it fails on the unknown authority: the roots came from the file;
//   - with example.com in NO_PROXY the proxy is not used for it, and still used for others.
func TestOwnTransportHonoursTheEnvironment(t *testing.T) {
	srv := newTLSServer(t, false, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, emptyList) })
	var mu sync.Mutex
	var connects []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		mu.Lock()
		connects = append(connects, r.Host)
		mu.Unlock()
		upstream, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		go func() { _, _ = io.Copy(upstream, buf); upstream.Close() }()
		_, _ = io.Copy(conn, upstream)
		conn.Close()
	}))
	t.Cleanup(proxy.Close)
	certFile := filepath.Join(t.TempDir(), "root.pem")
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))

	tests := []struct {
		name, mode, noProxy string
		roots               bool
		want                string
		connects            []string
	}{
		{"through the proxy, trusting SSL_CERT_FILE", "call", "", true, "ok", []string{"example.com:443"}},
		{"through the proxy, without the root", "call", "", false, "x509", []string{"example.com:443"}},
		{"NO_PROXY exempts the endpoint", "proxy-for", "example.com", false, "example.com:direct other.example:proxied", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			connects = nil
			mu.Unlock()
			env := []string{transportChildMode + "=" + tt.mode, transportChildEndpoint + "=https://example.com",
				"HTTPS_PROXY=" + proxy.URL, "NO_PROXY=" + tt.noProxy}
			if tt.roots {
				env = append(env, "SSL_CERT_FILE="+certFile, "SSL_CERT_DIR="+t.TempDir())
			} else {
				env = append(env, "SSL_CERT_FILE="+filepath.Join(t.TempDir(), "none.pem"), "SSL_CERT_DIR="+t.TempDir())
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(withoutNetworkEnv(os.Environ()), env...)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), tt.want)
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, tt.connects, connects)
		})
	}
}

// withoutNetworkEnv drops the proxy and root variables of the test's own environment, so
// that the child sees only those the test sets.
func withoutNetworkEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "REQUEST_METHOD", "SSL_CERT_FILE", "SSL_CERT_DIR":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// transportChild is the child process of TestOwnTransportHonoursTheEnvironment: mode "call"
// makes one call to the endpoint and prints "ok" or the error; mode "proxy-for" prints, for the
// endpoint and for another host, whether the client's transport would use the proxy. It
// returns the exit code.
func transportChild(mode, endpoint string) int {
	cfg := testConfig(endpoint)
	cfg.Retry.MaxAttempts = 1 // one CONNECT per call, for the parent to count
	c, err := New(cfg)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	switch mode {
	case "call":
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := c.ListEnhancedConnections(ctx, nil); err != nil {
			var unverified *tls.CertificateVerificationError
			if errors.As(err, &unverified) {
				fmt.Println("x509: no root vouches for the certificate")
				return 0
			}
			fmt.Println(err)
			return 1
		}
		fmt.Println("ok")
	case "proxy-for":
		for _, host := range []string{"example.com", "other.example"} {
			req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/", nil)
			u, err := c.transport().Proxy(req)
			switch {
			case err != nil:
				fmt.Println(err)
				return 1
			case u == nil:
				fmt.Print(host, ":direct ")
			default:
				fmt.Print(host, ":proxied ")
			}
		}
		fmt.Println()
	}
	return 0
}
