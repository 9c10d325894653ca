package fake

import (
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// defaultLimit is the page size when the client sends no limit (reference pages).
const defaultLimit = 100

// listQuery is a decoded ListEnhancedConnections request.
type listQuery struct {
	name   *string
	status string    // "" lists connections that are not deleted
	tags   []gen.Tag // every one must match
	limit  int       // 0 lists everything after offset
	offset int
}

// newListQuery decodes the query parameters; the validator has already checked their types.
func newListQuery(p gen.ListEnhancedConnectionsParams) (listQuery, *dliError) {
	q := listQuery{name: p.Name, limit: defaultLimit}
	if p.Status != nil {
		q.status = string(*p.Status)
	}
	if p.Limit != nil {
		q.limit = int(*p.Limit)
	}
	if p.Offset != nil {
		q.offset = int(*p.Offset)
	}
	if p.Tags != nil {
		tags, err := parseTagFilter(*p.Tags)
		if err != nil {
			return q, err
		}
		q.tags = tags
	}
	return q, nil
}

// parseTagFilter reads "k=v,k2=v2". A pair is split at its first "=", so a value may hold "="
// (HWC allows it in values) but a key may not.
func parseTagFilter(s string) ([]gen.Tag, *dliError) {
	if s == "" {
		return nil, nil
	}
	var tags []gen.Tag
	for pair := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok || k == "" {
			return nil, &dliError{code: codeParameter, msg: "tags: want key=value pairs separated by commas."}
		}
		tags = append(tags, gen.Tag{Key: k, Value: v})
	}
	return tags, nil
}

// matches applies the filters of q to one connection.
func (q listQuery) matches(c *connection) bool {
	switch {
	case q.status == "" && c.deleted:
		return false
	case q.status != "" && !strings.EqualFold(q.status, c.status()):
		return false
	case q.name != nil && *q.name != c.name:
		return false
	}
	for _, t := range q.tags {
		if !slices.Contains(c.tags, t) {
			return false
		}
	}
	return true
}

// list returns one page of the project's connections in creation order.
func (s *store) list(project string, q listQuery) []gen.EnhancedConnection {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := []gen.EnhancedConnection{}
	skipped := 0
	for _, c := range s.byProject[project] {
		if !q.matches(c) {
			continue
		}
		if skipped < q.offset {
			skipped++
			continue
		}
		if q.limit > 0 && len(out) == q.limit {
			break
		}
		out = append(out, c.view(now, s.delay))
	}
	return out
}
