package fake

import "github.com/dli-openapi/enhanced-connections/gen"

// LiveConnections returns the connections of projectID that are not deleted, in creation order,
// as ListEnhancedConnections shows them. It sends no request, so a test reads the state this way
// without consuming a fault it injected for the client under test.
func (s *Server) LiveConnections(projectID string) []gen.EnhancedConnection {
	return s.store.list(projectID, listQuery{})
}
