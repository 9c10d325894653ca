package metadata

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// ServiceAddr is the address the vendor SDK dials for the metadata service (its internal
// MetadataEndpoint, http://169.254.169.254, which a program cannot change).
const ServiceAddr = "169.254.169.254:80"

// ErrRefused is the error of every dial a Dialer refuses.
var ErrRefused = errors.New("refused: only the metadata service's address (mapped to the emulator) and loopback IP literals are dialed here")

// DialFunc is net.Dialer.DialContext's signature.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Dialer sends a dial of exactly ServiceAddr (tcp) to a loopback target, passes a dial of a
// loopback IP literal on unchanged, and refuses everything else before anything is dialed: any
// other port of 169.254.169.254, any other IP, and every host name (no DNS lookup is made). A
// target that is not a loopback IP literal is refused too, so nothing but loopback is ever
// dialed.
type Dialer struct {
	inner DialFunc

	mu     sync.Mutex
	target string

	mapped, refused atomic.Int64
}

// NewDialer maps ServiceAddr to target. inner makes the real dials; nil means a net.Dialer
// with a 5-second timeout.
func NewDialer(target string, inner DialFunc) *Dialer {
	if inner == nil {
		inner = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	}
	return &Dialer{inner: inner, target: target}
}

// SetTarget maps ServiceAddr to target from now on (another emulator, or a closed port).
func (d *Dialer) SetTarget(target string) {
	d.mu.Lock()
	d.target = target
	d.mu.Unlock()
}

// Mapped is the number of dials of ServiceAddr sent to the target so far.
func (d *Dialer) Mapped() int64 { return d.mapped.Load() }

// Refused is the number of dials refused so far.
func (d *Dialer) Refused() int64 { return d.refused.Load() }

// DialContext dials addr as described on Dialer.
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, d.refuse(network, addr)
	}
	if addr == ServiceAddr {
		d.mu.Lock()
		target := d.target
		d.mu.Unlock()
		if !isLoopback(target) {
			return nil, d.refuse(network, addr+" (mapped to "+target+")")
		}
		d.mapped.Add(1)
		return d.inner(ctx, network, target)
	}
	if !isLoopback(addr) {
		return nil, d.refuse(network, addr)
	}
	return d.inner(ctx, network, addr)
}

func (d *Dialer) refuse(network, addr string) error {
	d.refused.Add(1)
	return fmt.Errorf("dial %s %s: %w", network, addr, ErrRefused)
}

// isLoopback reports whether addr is host:port with a loopback IP literal as host.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// Transport is http.DefaultTransport's settings with every dial made by d and no proxy (a proxy
// from the environment would otherwise be dialed instead of the address asked for).
func Transport(d *Dialer) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = d.DialContext
	t.DialTLSContext = nil
	return t
}

// InstallDefaultTransport makes Transport(d) the process's http.DefaultTransport, which the
// vendor SDK's metadata client uses (its http.Client has a nil Transport), and returns a
// function that puts the old one back. Call it before any goroutine makes a request.
func InstallDefaultTransport(d *Dialer) (restore func()) {
	old := http.DefaultTransport
	http.DefaultTransport = Transport(d)
	return func() { http.DefaultTransport = old }
}
