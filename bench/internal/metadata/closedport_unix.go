//go:build unix

package metadata

import (
	"fmt"
	"net"
	"strconv"
	"syscall"
)

// ClosedPort returns a loopback address that refuses connections and that no other program can
// start listening on until release: a TCP socket bound to it that never listens. (A port that
// was closed could be taken again by anyone, and a test dialing it would then reach a stranger.)
func ClosedPort() (addr string, release func(), err error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return "", nil, fmt.Errorf("closed port: socket: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		_ = syscall.Close(fd)
		return "", nil, fmt.Errorf("closed port: bind: %w", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		_ = syscall.Close(fd)
		return "", nil, fmt.Errorf("closed port: getsockname: %w", err)
	}
	in4, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		_ = syscall.Close(fd)
		return "", nil, fmt.Errorf("closed port: bound to %T", sa)
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(in4.Port)), func() { _ = syscall.Close(fd) }, nil
}
