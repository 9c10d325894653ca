package fake

import (
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// maxTags is how many tags a connection may have (user guide; dli_02_0396).
const maxTags = 20

// defaultTagPage is the page size of the tag API when the client sends no limit (dli_02_0501,
// 0513, 0399).
const defaultTagPage = 1000

// checkUniqueKeys refuses a tag list that names a key twice: a connection has one value per key.
func checkUniqueKeys(tags []gen.Tag) *dliError {
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if seen[t.Key] {
			return paramError("tags: key " + t.Key + " is given twice; a key has one value.")
		}
		seen[t.Key] = true
	}
	return nil
}

// addTags adds tags to a live connection of project; a key it has already takes the new value.
// The connection keeps at most maxTags tags; the request is all or nothing.
func (s *store) addTags(project, id string, tags []gen.Tag) *dliError {
	if err := checkUniqueKeys(tags); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	merged := slices.Clone(c.tags)
	for _, t := range tags {
		if i := slices.IndexFunc(merged, func(m gen.Tag) bool { return m.Key == t.Key }); i >= 0 {
			merged[i].Value = t.Value
		} else {
			merged = append(merged, t)
		}
	}
	if len(merged) > maxTags {
		return paramError("tags: a connection has at most 20 tags.")
	}
	c.tags = merged
	return nil
}

// deleteTags removes tags from a live connection of project: by key, and by value too when one
// is given. A tag the connection does not have is no error (dli_02_0397 calls it idempotent).
func (s *store) deleteTags(project, id string, tags []gen.DeleteTag) *dliError {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return err
	}
	c.tags = slices.DeleteFunc(c.tags, func(t gen.Tag) bool {
		return slices.ContainsFunc(tags, func(d gen.DeleteTag) bool {
			return d.Key == t.Key && (d.Value == nil || *d.Value == t.Value)
		})
	})
	return nil
}

// tagsOf returns one page of the tags of a live connection of project, and how many it has.
func (s *store) tagsOf(project, id string, limit, offset *int32) ([]gen.Tag, int, *dliError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(project, id)
	if err != nil {
		return nil, 0, err
	}
	lo, hi := page(len(c.tags), limit, offset)
	return slices.Clone(c.tags[lo:hi]), len(c.tags), nil
}

// projectTags returns one page of the tag keys of project's live connections, sorted, each with
// its values, sorted; and how many keys there are.
func (s *store) projectTags(project string, limit, offset *int32) ([]gen.TagWithValues, int) {
	s.mu.Lock()
	values := map[string][]string{}
	for _, c := range s.byProject[project] {
		if c.deleted {
			continue
		}
		for _, t := range c.tags {
			if !slices.Contains(values[t.Key], t.Value) {
				values[t.Key] = append(values[t.Key], t.Value)
			}
		}
	}
	s.mu.Unlock()
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	lo, hi := page(len(keys), limit, offset)
	out := make([]gen.TagWithValues, 0, hi-lo)
	for _, k := range keys[lo:hi] {
		vs := values[k]
		slices.Sort(vs)
		out = append(out, gen.TagWithValues{Key: k, Values: vs})
	}
	return out, len(keys)
}

// resourceFilter is a decoded ResourceInstancesFilter.
type resourceFilter struct {
	withoutTags bool
	tags        []gen.TagWithValues
	nameHas     []string // resource_name matches
}

// newResourceFilter checks what the schema cannot: keys given once, values once per key.
func newResourceFilter(f *gen.ResourceInstancesFilter) (resourceFilter, *dliError) {
	if f == nil {
		return resourceFilter{}, nil
	}
	keys := map[string]bool{}
	for _, t := range f.Tags {
		if keys[t.Key] {
			return resourceFilter{}, paramError("tags: key " + t.Key + " is given twice.")
		}
		keys[t.Key] = true
		for i, v := range t.Values {
			if slices.Contains(t.Values[:i], v) {
				return resourceFilter{}, paramError("tags: value " + v + " of key " + t.Key + " is given twice.")
			}
		}
	}
	q := resourceFilter{withoutTags: f.WithoutAnyTag, tags: f.Tags}
	matched := map[gen.TagMatchKey]bool{}
	for _, m := range f.Matches {
		if matched[m.Key] {
			return resourceFilter{}, paramError("matches: key " + string(m.Key) + " is given twice.")
		}
		matched[m.Key] = true
		q.nameHas = append(q.nameHas, m.Value) // resource_name is the only key the schema allows
	}
	return q, nil
}

// keeps applies the filter to one connection.
func (q resourceFilter) keeps(c *connection) bool {
	for _, sub := range q.nameHas {
		if !strings.Contains(c.name, sub) {
			return false
		}
	}
	if q.withoutTags {
		return len(c.tags) == 0
	}
	for _, want := range q.tags {
		i := slices.IndexFunc(c.tags, func(t gen.Tag) bool { return t.Key == want.Key })
		if i < 0 || (len(want.Values) > 0 && !slices.Contains(want.Values, c.tags[i].Value)) {
			return false
		}
	}
	return true
}

// kept lists project's live connections that the filter keeps, in creation order. Callers
// hold s.mu.
func (s *store) kept(project string, q resourceFilter) []*connection {
	var kept []*connection
	for _, c := range s.byProject[project] {
		if !c.deleted && q.keeps(c) {
			kept = append(kept, c)
		}
	}
	return kept
}

// countResources is how many of project's live connections the filter keeps.
func (s *store) countResources(project string, q resourceFilter) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.kept(project, q))
}

// resources returns one page of project's live connections that the filter keeps, in creation
// order, and how many it keeps in all.
func (s *store) resources(project string, q resourceFilter, limit, offset *int32) ([]gen.ResourceInstance, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.kept(project, q)
	lo, hi := page(len(kept), limit, offset)
	out := make([]gen.ResourceInstance, 0, hi-lo)
	for _, c := range kept[lo:hi] {
		out = append(out, gen.ResourceInstance{ResourceID: c.id, ResourceName: c.name, Tags: slices.Clone(c.tags)})
	}
	return out, len(kept)
}

// page is the range [lo, hi) of n items that limit and offset select (defaultTagPage items from
// 0 when absent); the validator has refused negative values and a limit below 1.
func page(n int, limit, offset *int32) (lo, hi int) {
	size := defaultTagPage
	if limit != nil {
		size = int(*limit)
	}
	if offset != nil {
		lo = min(int(*offset), n)
	}
	return lo, min(lo+size, n)
}
