package metadata

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder is a DialFunc that records every address it is asked to dial and dials nothing.
type recorder struct {
	mu    sync.Mutex
	addrs []string
}

var errRecorded = errors.New("recorded, not dialed")

func (r *recorder) dial(_ context.Context, network, addr string) (net.Conn, error) {
	r.mu.Lock()
	r.addrs = append(r.addrs, network+" "+addr)
	r.mu.Unlock()
	return nil, errRecorded
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.addrs)
}

// TestDialerDialsOnlyTheMappedAddressAndLoopback proves the mapping: a dial of exactly
// 169.254.169.254:80 reaches the real dialer as the emulator's loopback address, a loopback IP
// literal reaches it unchanged, and every other address is refused without reaching it.
func TestDialerDialsOnlyTheMappedAddressAndLoopback(t *testing.T) {
	const target = "127.0.0.1:5555"
	cases := []struct {
		network, addr string
		want          string // what the real dialer is asked for; "" when the dial is refused
	}{
		{"tcp", "169.254.169.254:80", "tcp " + target},
		{"tcp4", "169.254.169.254:80", "tcp4 " + target},
		{"tcp", "127.0.0.1:8080", "tcp 127.0.0.1:8080"},
		{"tcp", "127.9.9.9:8080", "tcp 127.9.9.9:8080"},
		{"tcp6", "[::1]:8080", "tcp6 [::1]:8080"},
		{"tcp", "[::ffff:127.0.0.1]:8080", "tcp [::ffff:127.0.0.1]:8080"},
		{"tcp", "169.254.169.254:443", ""},
		{"tcp", "169.254.169.254:8080", ""},
		{"tcp", "169.254.169.254", ""},
		{"tcp", "[::ffff:169.254.169.254]:80", ""},
		{"tcp", "169.254.169.253:80", ""},
		{"tcp", "10.0.0.1:80", ""},
		{"tcp", "0.0.0.0:80", ""},
		{"tcp", "[fd00::1]:80", ""},
		{"tcp", "[fe80::a9fe:a9fe]:80", ""},
		{"tcp", "metadata.internal:80", ""},
		{"tcp", "localhost:80", ""},
		{"tcp", "iam.eu-de.otc.t-systems.com:443", ""},
		{"udp", "169.254.169.254:80", ""},
		{"udp", "127.0.0.1:53", ""},
		{"unix", "/var/run/x.sock", ""},
	}
	for _, c := range cases {
		t.Run(c.network+" "+c.addr, func(t *testing.T) {
			var r recorder
			d := NewDialer(target, r.dial)
			_, err := d.DialContext(context.Background(), c.network, c.addr)
			got := r.seen()
			if c.want == "" {
				if !errors.Is(err, ErrRefused) {
					t.Errorf("err %v, want ErrRefused", err)
				}
				if len(got) != 0 || d.Refused() != 1 {
					t.Errorf("dialed %q (refused %d), want nothing dialed and 1 refusal", got, d.Refused())
				}
				return
			}
			if !errors.Is(err, errRecorded) || !slices.Equal(got, []string{c.want}) {
				t.Errorf("dialed %q (err %v), want exactly %q", got, err, c.want)
			}
		})
	}
}

// TestDialerRefusesATargetThatIsNotLoopback checks that a wrong target can not turn the mapping
// into a dial of another machine.
func TestDialerRefusesATargetThatIsNotLoopback(t *testing.T) {
	for _, target := range []string{"10.0.0.1:80", "169.254.169.254:80", "example.com:80", "", "127.0.0.1"} {
		var r recorder
		d := NewDialer(target, r.dial)
		_, err := d.DialContext(context.Background(), "tcp", ServiceAddr)
		if !errors.Is(err, ErrRefused) || len(r.seen()) != 0 || d.Mapped() != 0 {
			t.Errorf("target %q: err %v, dialed %q, mapped %d; want a refusal and nothing dialed", target, err, r.seen(), d.Mapped())
		}
	}
}

// TestDefaultTransportReachesOnlyTheEmulator installs the transport as http.DefaultTransport and
// sends, with an http.Client without a Transport (as the vendor's metadata client is), requests
// to the metadata service and to other addresses, while the environment names a proxy. Only the
// emulator's loopback address is ever dialed, the proxy never is, and the other requests fail
// with ErrRefused.
func TestDefaultTransportReachesOnlyTheEmulator(t *testing.T) {
	var proxyHits atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		proxyHits.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("HTTPS_PROXY", proxy.URL)
	t.Setenv("NO_PROXY", "")

	e := Start(Keys{Access: "TMPAK", Secret: "s", SecurityToken: "st", ExpiresAt: time.Now().Add(time.Hour)})
	defer e.Close()
	var mu sync.Mutex
	var dialed []string
	inner := func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		dialed = append(dialed, addr)
		mu.Unlock()
		return (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, network, addr)
	}
	d := NewDialer(e.Addr(), inner)
	restore := InstallDefaultTransport(d)
	defer restore()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	hc := &http.Client{Timeout: 10 * time.Second} // nil Transport: http.DefaultTransport

	req, err := http.NewRequest(http.MethodPut, "http://169.254.169.254"+TokenPath, http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(TokenTTLHeader, "21600")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || e.Counts().TokenPUTs != 1 {
		t.Fatalf("HTTP %d, emulator counts %+v; want 200 and the PUT counted", resp.StatusCode, e.Counts())
	}

	for _, u := range []string{
		"http://169.254.169.254:8080" + TokenPath,
		"https://169.254.169.254" + SecurityKeyPath,
		"http://10.255.255.1/",
		"http://[fd00::1]/",
		"http://example.invalid/",
		"https://iam.myhuaweicloud.com/v3/projects",
	} {
		resp, err := hc.Get(u)
		if err == nil {
			resp.Body.Close()
			t.Errorf("GET %s: HTTP %d, want a refused dial", u, resp.StatusCode)
			continue
		}
		if !errors.Is(err, ErrRefused) {
			t.Errorf("GET %s: %v, want ErrRefused", u, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialed) == 0 {
		t.Error("the emulator was never dialed")
	}
	for _, a := range dialed {
		if a != e.Addr() {
			t.Errorf("dialed %s; only the emulator (%s) may be", a, e.Addr())
		}
	}
	if n := proxyHits.Load(); n != 0 {
		t.Errorf("the proxy of the environment got %d requests", n)
	}
	if d.Mapped() != int64(len(dialed)) {
		t.Errorf("%d mapped dials, %d real dials", d.Mapped(), len(dialed))
	}
}

// TestClosedPortRefuses checks that ClosedPort's address refuses a connection while it is held.
func TestClosedPortRefuses(t *testing.T) {
	addr, release, err := ClosedPort()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if !isLoopback(addr) {
		t.Fatalf("%s is not a loopback address", addr)
	}
	for range 3 {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err == nil {
			c.Close()
			t.Fatalf("dial %s: connected, want refused", addr)
		}
		if !strings.Contains(strings.ToLower(err.Error()), "refused") {
			t.Errorf("dial %s: %v, want connection refused", addr, err)
		}
	}
}
