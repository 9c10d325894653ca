package schemacheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testParams(t *testing.T) *Params {
	return NewParams([]Param{
		{Name: "limit", In: "query", Required: true, Schema: compileJSON(t, `{"type": "integer", "minimum": 0}`)},
		{Name: "name", In: "query", Schema: compileJSON(t, `{"type": "string", "maxLength": 3}`)},
		{Name: "X-Trace", In: "header", Required: true, Schema: compileJSON(t, `{"type": "string", "minLength": 1}`)},
	})
}

func TestParams(t *testing.T) {
	type full struct {
		Limit int32   `form:"limit" json:"limit"`
		Name  *string `form:"name,omitempty" json:"name,omitempty"`
		Trace *string `json:"x-trace,omitempty"` // headers match case-insensitively
		Other string  `json:"-"`
	}
	type partial struct {
		Name *string `form:"name,omitempty"`
	}
	long, empty := "long", ""
	for _, tc := range []struct {
		name   string
		params any
		want   []want
	}{
		{"valid", &full{Limit: 1, Trace: &long}, nil},
		{"by value", full{Limit: 0, Trace: &long}, nil},
		{"query and header violations", &full{Limit: -1, Name: &long, Trace: &empty}, []want{{"limit", "minimum"}, {"name", "maxLength"}, {"X-Trace", "minLength"}}},
		{"absent required header", &full{}, []want{{"X-Trace", "required"}}},
		{"no params", nil, []want{{"limit", "required"}, {"X-Trace", "required"}}},
		{"nil pointer", (*full)(nil), []want{{"limit", "required"}, {"X-Trace", "required"}}},
		{"a struct without the required fields", &partial{}, []want{{"limit", "required"}, {"X-Trace", "required"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testParams(t)
			r := NewReport(0)
			require.NoError(t, p.Check(r, tc.params, "query"))
			require.NoError(t, p.Check(r, tc.params, "header"))
			assert.Equal(t, tc.want, nilIfEmpty(pathsAndRules(r.Violations)))
		})
	}
}

func TestParamsRefusesWhatItCannotMatch(t *testing.T) {
	type stray struct {
		Page *int `form:"page"`
	}
	type withChan struct {
		Name chan int `form:"name"`
	}
	p := testParams(t)
	for _, params := range []any{&stray{}, withChan{}, 5, "limit=1"} {
		assert.Error(t, p.Check(NewReport(0), params, "query"), "%T", params)
	}
}
