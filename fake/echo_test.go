package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// exampleOf builds a value of schema s from the spec's examples: the schema's own example, or
// one built from its items' or properties' examples.
func exampleOf(t *testing.T, where string, s *openapi3.Schema) any {
	t.Helper()
	if s.Example != nil {
		return s.Example
	}
	switch {
	case s.Type.Is("array") && s.Items != nil:
		return []any{exampleOf(t, where+"[]", s.Items.Value)}
	case s.Type.Is("object"):
		obj := map[string]any{}
		for name, p := range s.Properties {
			obj[name] = exampleOf(t, where+"."+name, p.Value)
		}
		return obj
	}
	for _, sub := range s.AllOf {
		if sub.Value.Example != nil {
			return sub.Value.Example
		}
	}
	t.Fatalf("%s has no example in spec/enhanced-connections.yaml: give it one, so that this test can send it", where)
	return nil
}

// TestEveryCreateFieldTheAnswerHasIsAnswered: every field of the create body that the
// connection's answer also has (by name, with the same type in the spec) comes back as it was
// sent, so that a field added to both in the spec needs no change in the fake (it answers from
// what the create sent: store.go's echo). Fields the fake computes (peerings, hosts) are
// checked by their own tests.
func TestEveryCreateFieldTheAnswerHasIsAnswered(t *testing.T) {
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	create := doc.Components.Schemas["CreateEnhancedConnectionRequest"].Value
	answer := doc.Components.Schemas["EnhancedConnection"].Value
	body := map[string]any{}
	var echoed []string
	for name, p := range create.Properties {
		body[name] = exampleOf(t, "CreateEnhancedConnectionRequest."+name, p.Value)
		if a, ok := answer.Properties[name]; ok && sameType(p.Value, a.Value) {
			echoed = append(echoed, name)
		}
	}
	require.NotEmpty(t, echoed)
	raw, err := json.Marshal(body)
	require.NoError(t, err)

	r := start(t, Options{})
	resp, err := http.Post(r.URL()+connsPath(project), "application/json", bytes.NewReader(raw))
	require.NoError(t, err)
	created, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode, "%s answered %s", raw, created)
	var c struct {
		ID string `json:"connection_id"`
	}
	require.NoError(t, json.Unmarshal(created, &c))

	resp, err = http.Get(r.URL() + connsPath(project) + "/" + c.ID)
	require.NoError(t, err)
	shown, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	var got map[string]any
	require.NoError(t, json.Unmarshal(shown, &got))
	for _, name := range echoed {
		if name == "hosts" {
			continue // replaced by UpdateEnhancedConnection; its own tests
		}
		sent, _ := json.Marshal(body[name])
		back, _ := json.Marshal(got[name])
		assert.JSONEq(t, string(sent), string(back), "the fake drops or changes the create's %s: keep it in fake/store.go's echo (computedFields in fake/views.go lists what is not)", name)
	}
}

// sameType reports whether two schemas describe the same JSON type, items included.
func sameType(a, b *openapi3.Schema) bool {
	if a == nil || b == nil || a.Type == nil || b.Type == nil || !a.Type.Permits((*b.Type)[0]) {
		return a != nil && b != nil && a.Type == nil && b.Type == nil
	}
	if a.Type.Is("array") {
		return a.Items != nil && b.Items != nil && sameType(a.Items.Value, b.Items.Value)
	}
	return true
}
