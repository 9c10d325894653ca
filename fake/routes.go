package fake

import (
	"net/netip"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// route is a custom route of a connection.
type route struct {
	name    string
	cidr    string       // as the client sent it, and as Show returns it
	prefix  netip.Prefix // for the "not identical" check
	created time.Time
}

// parseCIDR reads a route's destination: an IPv4 network, or a bare address standing for /32.
// IPv6 is refused because the fake's connections never have ipv6_enable set, which the user
// guide requires for IPv6 routes.
func parseCIDR(cidr string) (netip.Prefix, *dliError) {
	var (
		p   netip.Prefix
		err error
	)
	if strings.Contains(cidr, "/") {
		p, err = netip.ParsePrefix(cidr)
	} else {
		var a netip.Addr
		if a, err = netip.ParseAddr(cidr); err == nil {
			p = netip.PrefixFrom(a, a.BitLen())
		}
	}
	switch {
	case err != nil:
		return p, &dliError{code: codeParameter, msg: "cidr: not a network range."}
	case !p.Addr().Is4():
		return p, &dliError{code: codeParameter, msg: "cidr: IPv6 routes need a connection with IPv6 enabled."}
	}
	return p, nil
}

// addRoute adds a route whose name and network are both new to the connection.
func (s *store) addRoute(project, id string, req *gen.CreateRouteRequest) *dliError {
	prefix, err := parseCIDR(req.Cidr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	for _, r := range c.routes {
		if r.name == req.Name {
			return &dliError{code: codeExists, msg: "Route " + req.Name + " already exists."}
		}
		if r.prefix == prefix {
			return &dliError{code: codeExists, msg: "Route " + r.name + " already has cidr " + r.cidr + "."}
		}
	}
	c.routes = append(c.routes, &route{name: req.Name, cidr: req.Cidr, prefix: prefix, created: s.now()})
	return nil
}

// deleteRoute removes a route by name.
func (s *store) deleteRoute(project, id, name string) *dliError {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	for i, r := range c.routes {
		if r.name == name {
			c.routes = append(c.routes[:i], c.routes[i+1:]...)
			return nil
		}
	}
	return &dliError{code: codeParameter, msg: "Route " + name + " does not exist."}
}
