package fake

import (
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// The generic authorization API as it applies to connections: the object of a connection and
// the one privilege a project can hold on it.
const (
	connectionObjectPrefix = "edsconnections."
	connectionObjectType   = "edsconnections"
	privilegeBindQueue     = "BIND_QUEUE"
)

// grantChange is one object of a RunAuthorizationAction, checked and resolved: the connection
// and whether the grantee holds BIND_QUEUE on it afterwards.
type grantChange struct {
	conn    *connection
	granted bool
}

// authorize applies a RunAuthorizationAction of project: every object must be a live connection
// of project and every privilege BIND_QUEUE, and the grantee another project. The request is
// all or nothing: nothing changes unless every object passes.
func (s *store) authorize(project string, req *gen.RunAuthorizationActionRequest) *dliError {
	switch {
	case req.UserName != "":
		return paramError("user_name: a connection is shared with a project (projectId), not with a user.")
	case req.ProjectID == "":
		return paramError("projectId: is required to share a connection.")
	case req.ProjectID == project:
		return paramError("projectId: a project cannot be granted access to its own connection.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	changes := make([]grantChange, 0, len(req.Privileges))
	for _, p := range req.Privileges {
		c, err := s.liveObject(project, p.Object)
		if err != nil {
			return err
		}
		for _, priv := range p.Privileges {
			if priv != privilegeBindQueue {
				return paramError("privileges: " + priv + " is not a privilege of a connection (only " + privilegeBindQueue + ").")
			}
		}
		switch req.Action {
		case gen.AuthorizationGrant, gen.AuthorizationRevoke:
			if len(p.Privileges) == 0 {
				return paramError("privileges: " + string(req.Action) + " needs at least one privilege.")
			}
			changes = append(changes, grantChange{conn: c, granted: req.Action == gen.AuthorizationGrant})
		case gen.AuthorizationUpdate:
			// update sets the grantee's privileges to the list: BIND_QUEUE, or none.
			changes = append(changes, grantChange{conn: c, granted: len(p.Privileges) > 0})
		default:
			return paramError("action: want grant, revoke or update.")
		}
	}
	for _, ch := range changes {
		ch.conn.setGrant(req.ProjectID, ch.granted)
	}
	return nil
}

// setGrant records or withdraws a project's BIND_QUEUE; doing either twice changes nothing,
// so a retried PUT is harmless. Callers hold s.mu.
func (c *connection) setGrant(project string, granted bool) {
	i := slices.Index(c.grantedProjects, project)
	switch {
	case granted && i < 0:
		c.grantedProjects = append(c.grantedProjects, project)
	case !granted && i >= 0:
		c.grantedProjects = slices.Delete(c.grantedProjects, i, i+1)
	}
}

// liveObject resolves an authorization object to a live connection of project. Callers hold
// s.mu.
func (s *store) liveObject(project, object string) (*connection, *dliError) {
	id, ok := strings.CutPrefix(object, connectionObjectPrefix)
	if !ok {
		return nil, paramError("user input validation failed, object " + object + " is not supported: the fake DLI knows only " + connectionObjectPrefix + "<connection id>.")
	}
	return s.live(project, id)
}

// objectPrivileges answers ListAuthorizationPrivileges for a connection object of project: one
// entry per project holding BIND_QUEUE, in the order they were granted.
func (s *store) objectPrivileges(project, object string) (connID string, privs []gen.AuthorizationPrivilege, err *dliError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.liveObject(project, object)
	if err != nil {
		return "", nil, err
	}
	privs = make([]gen.AuthorizationPrivilege, 0, len(c.grantedProjects))
	for _, p := range c.grantedProjects {
		privs = append(privs, gen.AuthorizationPrivilege{
			Object:     connectionObjectPrefix + c.id,
			ProjectID:  p,
			Privileges: []string{privilegeBindQueue},
		})
	}
	return c.id, privs, nil
}

// paramError is a refusal with the parameter-check code, DLI.0001.
func paramError(msg string) *dliError { return &dliError{code: codeParameter, msg: msg} }
