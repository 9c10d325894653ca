package wrapper

import (
	"context"
	"iter"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// defaultPageSize is the service's own default for limit.
const defaultPageSize = 100

// Connections ranges over every connection that filter selects, fetching pages of
// filter.Limit (default 100) as the loop needs them. filter may be nil; its Offset is where the
// first page starts. A failed page is yielded once as an error and ends the sequence.
//
//	active := &gen.ListEnhancedConnectionsParams{Status: wrapper.Ptr(string(gen.ConnectionActive))}
//	for conn, err := range client.Connections(ctx, active) {
//		if err != nil {
//			log.Fatal(err)
//		}
//		fmt.Println(conn.Name)
//	}
func (c *Client) Connections(ctx context.Context, filter *gen.ListEnhancedConnectionsParams) iter.Seq2[gen.EnhancedConnection, error] {
	return func(yield func(gen.EnhancedConnection, error) bool) {
		var params gen.ListEnhancedConnectionsParams
		if filter != nil {
			params = *filter
		}
		limit := int32(defaultPageSize)
		if params.Limit != nil {
			// limit=0 means "everything in one answer" to the service; keep that meaning.
			limit = *params.Limit
		}
		offset := int32(0)
		if params.Offset != nil {
			offset = *params.Offset
		}
		for {
			params.Limit, params.Offset = &limit, &offset
			page, err := c.ListEnhancedConnections(ctx, &params)
			if err != nil {
				yield(gen.EnhancedConnection{}, err)
				return
			}
			for _, conn := range page.Connections {
				if !yield(conn, nil) {
					return
				}
			}
			n := int32(len(page.Connections))
			if limit == 0 || n < limit || n == 0 {
				return
			}
			offset += n
		}
	}
}

// Ptr returns a pointer to a copy of v, for the optional fields that stay pointers in the
// generated types because absent and zero differ there: the query parameters of a list (limit=0
// means "everything") and is_success.
//
//	page, err := client.ListEnhancedConnections(ctx, &gen.ListEnhancedConnectionsParams{Limit: wrapper.Ptr(int32(10))})
func Ptr[T any](v T) *T { return &v }
