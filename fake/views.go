package fake

import (
	"net/http"
	"slices"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// status is the connection-level state: the pages document only ACTIVE and DELETED; the
// per-queue progress is in the peerings.
func (c *connection) status() string {
	if c.deleted {
		return string(gen.ConnectionDeleted)
	}
	return string(gen.ConnectionActive)
}

// view renders a connection as List and Show return it, at instant now. It copies everything,
// so the result can leave the lock.
func (c *connection) view(now time.Time, delay time.Duration) gen.EnhancedConnection {
	v := gen.EnhancedConnection{
		ID:                   c.id,
		Name:                 c.name,
		Status:               gen.ConnectionStatus(c.status()),
		AvailableQueueInfo:   peerViews(c.queues, now, delay),
		ElasticResourcePools: peerViews(c.pools, now, delay),
		DestVpcID:            c.vpcID,
		DestNetworkID:        c.networkID,
		// Inverted, as both clouds document it: false means privileges have been granted.
		IsPrivis:   ptr(len(c.grantedProjects) == 0),
		CreateTime: c.created.UnixMilli(),
		Hosts:      slices.Clone(c.hosts),
		Ipv6Enable: false,
	}
	for _, r := range c.routes {
		v.Routes = append(v.Routes, gen.Route{Name: r.name, Cidr: r.cidr, CreateTime: r.created.UnixMilli()})
	}
	return v
}

func peerViews(ps []*peering, now time.Time, delay time.Duration) []gen.PeerConnection {
	if len(ps) == 0 {
		return nil
	}
	out := make([]gen.PeerConnection, 0, len(ps))
	for _, p := range ps {
		st := p.state(now, delay)
		out = append(out, gen.PeerConnection{
			PeerID:     p.id,
			Status:     st.status,
			Name:       p.name,
			ErrMsg:     st.errMsg,
			UpdateTime: st.updated.UnixMilli(),
		})
	}
	return out
}

// showOK is the 200 answer of ShowEnhancedConnection: the envelope and the connection, whose
// fields encoding/json promotes from the embedded structs, so that no list of the connection's
// fields is kept here (a field added to the spec's EnhancedConnection is answered at once).
type showOK struct {
	gen.StatusResponse
	gen.EnhancedConnection
}

// VisitShowEnhancedConnectionResponse writes the answer.
func (r showOK) VisitShowEnhancedConnectionResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}

// showResponse wraps a connection in the envelope of ShowEnhancedConnection.
func showResponse(v gen.EnhancedConnection) showOK {
	return showOK{StatusResponse: okStatus(""), EnhancedConnection: v}
}
