package main

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// specOps reads the operations from the spec itself, not from the generated descriptors.
func specOps(t *testing.T) map[string]*openapi3.Operation {
	t.Helper()
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	ops := map[string]*openapi3.Operation{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, op := range item.Operations() {
			// Path item parameters apply to each operation; copy them in for the tests below.
			cp := *op
			cp.Parameters = append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...)
			ops[op.OperationID] = &cp
		}
	}
	require.NotEmpty(t, ops)
	return ops
}

// properties lists a schema's properties with allOf merged in.
func properties(s *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	for _, part := range s.AllOf {
		for k, v := range properties(part.Value) {
			out[k] = v
		}
	}
	for k, v := range s.Properties {
		out[k] = v.Value
	}
	return out
}

// Every operation of the spec is a command named by its operationId, and nothing else is.
func TestEveryOperationIsACommand(t *testing.T) {
	ops := specOps(t)
	var ids []string
	for id := range ops {
		ids = append(ids, id)
		cmd, ok := lookup(id)
		require.True(t, ok, "operation %s has no command: run go generate ./...", id)
		oc, ok := cmd.(opCommand)
		require.True(t, ok, "%s is not an operation command", id)
		assert.Equal(t, id, oc.op.id)
		assert.Equal(t, ops[id].Summary, oc.op.summary, "%s: help's summary is the spec's", id)
	}
	var generated []string
	for _, op := range specOperations {
		generated = append(generated, op.id)
	}
	slices.Sort(ids)
	assert.Equal(t, ids, generated, "commands.gen.go lists exactly the spec's operations")
}

// Every path parameter a caller gives is a positional argument, in template order, and every
// query parameter and top-level body property has a flag or is named as --body only.
func TestEveryFieldHasAnArgumentOrFlag(t *testing.T) {
	template := regexp.MustCompile(`\{([^{}]+)\}`)
	for id, spec := range specOps(t) {
		c, _ := lookup(id)
		op := c.(opCommand).op
		o := newOpFlags(op, id)

		var args []string
		for _, m := range template.FindAllStringSubmatch(op.path, -1)[1:] { // project_id is the client's
			p := spec.Parameters.GetByInAndName(openapi3.ParameterInPath, m[1])
			require.NotNil(t, p, "%s: path parameter %s", id, m[1])
			if len(p.Schema.Value.Enum) == 1 {
				continue // the wrapper fills it in
			}
			args = append(args, m[1])
		}
		var got []string
		for _, a := range op.args {
			got = append(got, a.name)
		}
		assert.Equal(t, args, got, "%s: positional arguments", id)

		for _, ref := range spec.Parameters {
			if p := ref.Value; p.In == openapi3.ParameterInQuery {
				assert.True(t, o.fs.Lookup(kebab(p.Name)) != nil || o.fs.Lookup("query-"+kebab(p.Name)) != nil,
					"%s: query parameter %s has no flag", id, p.Name)
			}
		}
		if spec.RequestBody == nil {
			assert.Nil(t, op.body, id)
			continue
		}
		require.NotNil(t, op.body, id)
		bodyOnly := map[string]bool{}
		for _, p := range o.bodyOnly {
			bodyOnly[p.name] = true
		}
		for name := range properties(spec.RequestBody.Value.Content.Get("application/json").Schema.Value) {
			flagged := o.fs.Lookup(kebab(name)) != nil || o.fs.Lookup("body-"+kebab(name)) != nil
			assert.True(t, flagged || bodyOnly[name], "%s: body property %s has neither a flag nor a --body note", id, name)
		}
		assert.NotNil(t, o.fs.Lookup("body"), id)
		assert.NotNil(t, o.fs.Lookup("file"), id)
	}
}

// The short names are kept by hand: each must name an operation the spec has, fit its flags,
// and never shadow another command.
func TestAliases(t *testing.T) {
	ops := specOps(t)
	seen := map[string]bool{}
	for _, op := range specOperations {
		seen[op.id] = true
	}
	for _, b := range builtins {
		seen[b.name] = true
	}
	for _, a := range commandAliases {
		_, ok := ops[a.operation]
		assert.True(t, ok, "alias %s names operation %s, which the spec does not have", a.name, a.operation)
		assert.False(t, seen[a.name], "alias %s is taken twice", a.name)
		seen[a.name] = true
		if op := operationByID(a.operation); op != nil && len(a.preset) > 0 {
			_, err := parseInterleaved(newOpFlags(op, a.name).fs, a.preset)
			assert.NoError(t, err, "alias %s: preset %v", a.name, a.preset)
		}
	}

	for _, a := range flagAliases {
		fits := false
		for id, spec := range ops {
			o := newOpFlags(operationByID(id), id)
			for _, ref := range spec.Parameters {
				if (ref.Value.In == openapi3.ParameterInQuery || ref.Value.In == openapi3.ParameterInPath) && ref.Value.Name == a.field {
					fits = fits || o.fs.Lookup(a.flag) != nil
				}
			}
			if spec.RequestBody != nil {
				props := properties(spec.RequestBody.Value.Content.Get("application/json").Schema.Value)
				if _, ok := props[a.field]; ok {
					fits = fits || o.fs.Lookup(a.flag) != nil
				}
			}
		}
		assert.True(t, fits, "flag alias --%s names %s, which no operation of the spec has in a form it fits", a.flag, a.field)
	}
}

func TestHelpListsEveryCommandWithItsOperationID(t *testing.T) {
	code, out, errOut := runCLI(t, "help")
	require.Equal(t, exitOK, code, errOut)
	for _, op := range specOperations {
		line := `(?m)^  ` + op.id + `\s+`
		for _, a := range aliasesOf(op.id) {
			line += regexp.QuoteMeta(a) + `\b.*`
		}
		if len(aliasesOf(op.id)) == 0 {
			line += `-\s+`
		}
		assert.Regexp(t, line+regexp.QuoteMeta(op.summary), out, op.id)
	}
	for _, b := range builtins {
		assert.Regexp(t, `(?m)^  `+b.name+`\s+`+regexp.QuoteMeta(b.summary), out)
	}
	for _, c := range exitCodes {
		assert.Regexp(t, `(?m)^  `+strconv.Itoa(c.code)+`\s+`+regexp.QuoteMeta(c.meaning), out)
	}
}
