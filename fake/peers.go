package fake

import (
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// peering is the VPC peering of one queue or elastic resource pool with the connection's VPC.
// Its state is not stored but derived from the clock when read, so that a test advancing an
// injected clock sees CREATING turn ACTIVE without any goroutine or sleep.
type peering struct {
	name    string
	id      string
	started time.Time
	failMsg string // non-empty: the peering ends FAILED with this err_msg
}

// peerState is what a peering looks like at one instant.
type peerState struct {
	status  gen.PeerStatus
	errMsg  string
	updated time.Time
}

// state derives the peering's state at now: CREATING until delay has passed, then final.
func (p *peering) state(now time.Time, delay time.Duration) peerState {
	done := p.started.Add(delay)
	if now.Before(done) {
		return peerState{status: gen.PeerCreating, updated: p.started}
	}
	if p.failMsg != "" {
		return peerState{status: gen.PeerFailed, errMsg: p.failMsg, updated: done}
	}
	return peerState{status: gen.PeerActive, updated: done}
}

// newPeerings starts one peering per name. Whether it will fail is decided now, from the names
// registered with FailPeering, so a later registration cannot flip a finished peering.
// Callers hold s.mu.
func (s *store) newPeerings(names []string, now time.Time) []*peering {
	out := make([]*peering, 0, len(names))
	for _, n := range names {
		out = append(out, &peering{name: n, id: uuid.NewString(), started: now, failMsg: s.failing[n]})
	}
	return out
}

// failPeering makes future peerings of name end FAILED with errMsg; an empty errMsg undoes it.
func (s *store) failPeering(name, errMsg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if errMsg == "" {
		delete(s.failing, name)
		return
	}
	s.failing[name] = errMsg
}

// bind adds peerings for queues and pools that are not bound yet.
func (s *store) bind(project, id string, queues, pools []string) (string, *dliError) {
	return s.changeBindings(project, id, queues, pools, "bind", func(c *connection, names string) (string, *dliError) {
		for _, q := range queues {
			if indexPeering(c.queues, q) >= 0 {
				return "", &dliError{code: codeExists, msg: "Queue " + q + " is already bound to connection " + c.id + "."}
			}
		}
		for _, p := range pools {
			if indexPeering(c.pools, p) >= 0 {
				return "", &dliError{code: codeExists, msg: "Elastic resource pool " + p + " is already bound to connection " + c.id + "."}
			}
		}
		now := s.now()
		c.queues = append(c.queues, s.newPeerings(queues, now)...)
		c.pools = append(c.pools, s.newPeerings(pools, now)...)
		return "associated peer connection for queues: " + names + ".", nil
	})
}

// unbind removes the peerings of queues and pools; every one of them must be bound.
func (s *store) unbind(project, id string, queues, pools []string) (string, *dliError) {
	return s.changeBindings(project, id, queues, pools, "unbind", func(c *connection, names string) (string, *dliError) {
		for _, q := range queues {
			if indexPeering(c.queues, q) < 0 {
				return "", &dliError{code: codeNoObject, msg: "There is no queue named " + q + " bound to connection " + c.id + "."}
			}
		}
		for _, p := range pools {
			if indexPeering(c.pools, p) < 0 {
				return "", &dliError{code: codeNoObject, msg: "There is no elastic resource pool named " + p + " bound to connection " + c.id + "."}
			}
		}
		c.queues = slices.DeleteFunc(c.queues, func(p *peering) bool { return slices.Contains(queues, p.name) })
		c.pools = slices.DeleteFunc(c.pools, func(p *peering) bool { return slices.Contains(pools, p.name) })
		return "Disassociated peer connection for queues:" + names + ".", nil
	})
}

// changeBindings checks the names, which must name at least one queue or pool, then runs change
// on the live connection under the store's lock; change gets the names as the service quotes them.
func (s *store) changeBindings(project, id string, queues, pools []string, verb string,
	change func(c *connection, names string) (string, *dliError)) (string, *dliError) {
	names, err := checkBindingNames(queues, pools)
	if err != nil {
		return "", err
	}
	if names == "{}" {
		return "", &dliError{code: codeParameter, msg: "queues: name at least one queue or elastic resource pool to " + verb + "."}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return "", err
	}
	return change(c, names)
}

func indexPeering(ps []*peering, name string) int {
	return slices.IndexFunc(ps, func(p *peering) bool { return p.name == name })
}

// checkBindingNames refuses names the service would not bind (empty, repeated, the shared
// `default` queue) and returns the names as the service quotes them in its messages: "{q1,e1}".
func checkBindingNames(queues, pools []string) (string, *dliError) {
	for _, list := range []struct {
		field string
		names []string
	}{{"queues", queues}, {"elastic_resource_pools", pools}} {
		for i, n := range list.names {
			switch {
			case strings.TrimSpace(n) == "":
				return "", &dliError{code: codeParameter, msg: list.field + ": a name must not be empty."}
			case slices.Index(list.names, n) != i:
				return "", &dliError{code: codeParameter, msg: list.field + ": " + n + " is named twice."}
			case list.field == "queues" && n == "default":
				return "", &dliError{code: codeParameter, msg: "queues: an enhanced connection cannot be created for the default queue."}
			}
		}
	}
	return "{" + strings.Join(slices.Concat(queues, pools), ",") + "}", nil
}
