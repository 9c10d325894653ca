package fake

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// createGrants are the privileges to grant to connections by name as they are created, for
// callers that cannot know a connection's id in advance (the CLI's fake-server flags).
type createGrants struct {
	mu     sync.Mutex
	byName map[string][]string // connection name -> project ids
}

func newCreateGrants() *createGrants { return &createGrants{byName: make(map[string][]string)} }

// GrantPrivilegeOnCreate makes every connection named name that is created from now on, in any
// project, granted to projectID at once, as GrantPrivilege would do right after the create: the
// client that sees the 201 also sees the grant. It fails on an empty name or project id.
func (s *Server) GrantPrivilegeOnCreate(name, projectID string) error {
	if name == "" || projectID == "" {
		return fmt.Errorf("fake: GrantPrivilegeOnCreate needs a connection name and a project id")
	}
	s.grants.mu.Lock()
	defer s.grants.mu.Unlock()
	if !slices.Contains(s.grants.byName[name], projectID) {
		s.grants.byName[name] = append(s.grants.byName[name], projectID)
	}
	return nil
}

// projectsFor returns the projects to grant a new connection named name to.
func (g *createGrants) projectsFor(name string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.byName[name])
}

// grantOnCreate is the strict-server middleware behind GrantPrivilegeOnCreate: it runs after a
// create has succeeded and before its answer is written. It sits in the server setup rather
// than in the operation, so the operations stay what the API does.
func (s *Server) grantOnCreate(f gen.StrictHandlerFunc, operationID string) gen.StrictHandlerFunc {
	if operationID != "CreateEnhancedConnection" {
		return f
	}
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		resp, err := f(ctx, w, r, request)
		req, okReq := request.(gen.CreateEnhancedConnectionRequestObject)
		created, okResp := resp.(gen.CreateEnhancedConnection201JSONResponse)
		if err != nil || !okReq || !okResp || req.Body == nil || created.ConnectionID == "" {
			return resp, err
		}
		for _, project := range s.grants.projectsFor(req.Body.Name) {
			s.store.grant(created.ConnectionID, project)
		}
		return resp, err
	}
}
