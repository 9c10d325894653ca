package fake

import (
	"encoding/json"
	"fmt"
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
	var v gen.EnhancedConnection
	if err := json.Unmarshal(c.echo, &v); err != nil {
		// echoOf keeps only what decodes into the answer; reaching this is a bug of the fake.
		panic(fmt.Sprintf("fake: a create's fields do not fit the answer: %v", err))
	}
	v.ID = c.id
	v.Status = gen.ConnectionStatus(c.status())
	v.AvailableQueueInfo = peerViews(c.queues, now, delay)
	v.ElasticResourcePools = peerViews(c.pools, now, delay)
	// Inverted, as both clouds document it: false means privileges have been granted.
	v.IsPrivis = ptr(len(c.grantedProjects) == 0)
	v.CreateTime = c.created.UnixMilli()
	v.Hosts = slices.Clone(c.hosts)
	for _, r := range c.routes {
		v.Routes = append(v.Routes, gen.Route{Name: r.name, Cidr: r.cidr, CreateTime: r.created.UnixMilli()})
	}
	return v
}

// computedFields are the create's fields whose answers the fake computes itself (peerings for
// queues and pools, hosts that the PUT replaces) or that no answer repeats.
var computedFields = []string{"queues", "elastic_resource_pools", "hosts", "tags"}

// echoOf is the JSON of req without computedFields: what every answer repeats as it was sent.
func echoOf(req *gen.CreateEnhancedConnectionRequest) ([]byte, *dliError) {
	b, err := json.Marshal(req)
	if err == nil {
		var m map[string]json.RawMessage
		if err = json.Unmarshal(b, &m); err == nil {
			for _, k := range computedFields {
				delete(m, k)
			}
			if b, err = json.Marshal(m); err == nil {
				err = json.Unmarshal(b, new(gen.EnhancedConnection))
			}
		}
	}
	if err != nil {
		return nil, &dliError{code: codeServer, msg: "Internal service error."}
	}
	return b, nil
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
