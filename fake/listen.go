package fake

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"sync"
)

// Running is a Server listening on a TCP address. The Server is embedded, so its methods
// (Calls, InjectFaults, ...) are at hand.
type Running struct {
	*Server
	listener net.Listener
	http     *http.Server
	done     chan struct{}
	close    sync.Once
	closeErr error
}

// Start builds a Server from opts and listens on opts.Addr (default 127.0.0.1:0, a free
// loopback port).
func Start(opts Options) (*Running, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	return s.Start("")
}

// Start listens on addr ("" means Options.Addr) and serves s until Close. Unless
// Options.AllowNonLoopback is set, addr must be a loopback address or "localhost": the fake
// trusts whoever reaches it.
func (s *Server) Start(addr string) (*Running, error) {
	if addr == "" {
		addr = s.opts.Addr
	}
	if !s.opts.AllowNonLoopback {
		if err := checkLoopbackAddr(addr); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fake: listen: %w", err)
	}
	if !s.opts.AllowNonLoopback {
		// "localhost" could resolve to something else on an odd machine: check what we got.
		if ap, err := netip.ParseAddrPort(ln.Addr().String()); err != nil || !ap.Addr().IsLoopback() {
			_ = ln.Close()
			return nil, fmt.Errorf("fake: %s is not a loopback address; set Options.AllowNonLoopback to listen there", ln.Addr())
		}
	}
	r := &Running{
		Server:   s,
		listener: ln,
		http: &http.Server{
			Handler:           s,
			ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
			IdleTimeout:       s.opts.IdleTimeout,
			// ReadTimeout stays 0: the body stage sets the body's deadline itself, after the
			// faults' delays and with the wait for room under MaxBodyBytesInFlight in it.
			// WriteTimeout stays 0 too: it would also bound Fault.Delay.
		},
		done: make(chan struct{}),
	}
	go func() {
		defer close(r.done)
		_ = r.http.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return r, nil
}

// checkLoopbackAddr accepts "localhost:port" and loopback IPs; an empty host means every
// interface and is refused.
func checkLoopbackAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("fake: address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("fake: refusing to listen on %q: not a loopback address (set Options.AllowNonLoopback)", addr)
}

// URL is the base URL of the server, e.g. "http://127.0.0.1:41234", for
// gen.NewClientWithResponses and the wrapper's endpoint option.
func (r *Running) URL() string { return "http://" + r.listener.Addr().String() }

// Close stops listening, closes every connection (in-flight requests see their context end) and
// waits for the server to stop. Calling it again, or Shutdown after it, returns the first result.
func (r *Running) Close() error {
	r.close.Do(func() {
		err := r.http.Close()
		<-r.done
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			r.closeErr = err
		}
	})
	return r.closeErr
}

// Shutdown stops listening, closes idle connections, and waits until the requests in flight have
// been answered; if ctx ends first, it closes the remaining connections as Close does and
// returns ctx's error. Connections hijacked by Fault.Drop are not waited for. Calling it again,
// or Close after it, returns the first result.
func (r *Running) Shutdown(ctx context.Context) error {
	r.close.Do(func() {
		err := r.http.Shutdown(ctx)
		if err != nil {
			_ = r.http.Close()
			r.closeErr = fmt.Errorf("fake: shutdown: %w", err)
		}
		<-r.done
	})
	return r.closeErr
}
