//go:build !unix

package metadata

import "net"

// ClosedPort returns a loopback address that refuses connections: a port listened on and closed
// again. Unlike on Unix, another program could take it again before it is dialed.
func ClosedPort() (addr string, release func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr = l.Addr().String()
	return addr, func() {}, l.Close()
}
