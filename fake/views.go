package fake

import (
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
		ID:                   ptr(c.id),
		Name:                 ptr(c.name),
		Status:               ptr(gen.ConnectionStatus(c.status())),
		AvailableQueueInfo:   peerViews(c.queues, now, delay),
		ElasticResourcePools: peerViews(c.pools, now, delay),
		DestVpcID:            ptr(c.vpcID),
		DestNetworkID:        ptr(c.networkID),
		// Inverted, as both clouds document it: false means privileges have been granted.
		IsPrivis:   ptr(len(c.grantedProjects) == 0),
		CreateTime: ptr(c.created.UnixMilli()),
		Hosts:      slices.Clone(c.hosts),
		Ipv6Enable: ptr(false),
	}
	for _, r := range c.routes {
		v.Routes = append(v.Routes, gen.Route{Name: ptr(r.name), Cidr: ptr(r.cidr), CreateTime: ptr(r.created.UnixMilli())})
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
			PeerID:     ptr(p.id),
			Status:     ptr(st.status),
			Name:       ptr(p.name),
			ErrMsg:     ptr(st.errMsg),
			UpdateTime: ptr(st.updated.UnixMilli()),
		})
	}
	return out
}

// showResponse wraps a connection in the envelope of ShowEnhancedConnection.
func showResponse(v gen.EnhancedConnection) gen.ShowEnhancedConnection200JSONResponse {
	return gen.ShowEnhancedConnection200JSONResponse{
		IsSuccess:            ptr(true),
		Message:              ptr(""),
		ID:                   v.ID,
		Name:                 v.Name,
		Status:               v.Status,
		AvailableQueueInfo:   v.AvailableQueueInfo,
		ElasticResourcePools: v.ElasticResourcePools,
		DestVpcID:            v.DestVpcID,
		DestNetworkID:        v.DestNetworkID,
		IsPrivis:             v.IsPrivis,
		CreateTime:           v.CreateTime,
		Hosts:                v.Hosts,
		Ipv6Enable:           v.Ipv6Enable,
		Routes:               v.Routes,
	}
}
