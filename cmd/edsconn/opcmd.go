package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// opCommand is an operation as the user invoked it: by its operationId, or by an alias.
type opCommand struct {
	op    *operation
	name  string
	alias *commandAlias
}

// run parses the command line, checks and assembles the request before anything is started or
// sent, connects, calls the operation and prints its answer.
func (c opCommand) run(ctx context.Context, e *env, args []string) int {
	o := newOpFlags(c.op, c.name)
	if c.alias != nil {
		if f := presetConflict(c.alias.preset, args); f != "" {
			return e.usageFail(c.name, c.usageLine(), fmt.Errorf("%s is %s %s, so it takes no other --%s: leave it out, or use %s",
				c.name, c.op.id, strings.Join(c.alias.preset, " "), f, c.op.id))
		}
		args = append(slices.Clone(c.alias.preset), args...)
	}
	pos, err := parseInterleaved(o.fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.help(e.stdout)
		return exitOK
	}
	if err != nil {
		if o.failed != nil {
			err = o.failed
		}
		return e.usageFail(c.name, c.usageLine(), err)
	}
	if pos, err = o.pathArgs(c.op, pos); err != nil {
		return e.usageFail(c.name, c.usageLine(), err)
	}
	if err := e.setOutput(o.g.output, "json", "table"); err != nil {
		return e.fail(err)
	}
	r := &request{args: pos, query: o.queryValues()}
	if c.op.body != nil {
		if r.body, err = o.buildBody(c.op, e.stdin); err != nil {
			return e.fail(err)
		}
	}
	if err := e.connect(o.g); err != nil {
		return e.fail(err)
	}
	defer e.close()
	e.timeoutHint = fmt.Sprintf("each call may take --timeout %s, retries included", o.g.timeout)
	var out any
	if o.all {
		out, err = o.pager.fetchAll(ctx, e, c.op, r)
	} else {
		out, err = e.call(ctx, c.op, r)
		err = e.settleCreate(out, err)
	}
	var invalid *wrapper.ValidationError
	if errors.As(err, &invalid) {
		fmt.Fprintf(e.stderr, "edsconn %s: %s\n", c.name, c.refusal(o, r, invalid))
		return exitUsage
	}
	if err != nil {
		return e.fail(err)
	}
	return e.fail(e.print(out, c.op.answer))
}

// call sends one request of op and returns its answer as the server sent it (or noContent).
func (e *env) call(ctx context.Context, op *operation, r *request) (any, error) {
	e.answers.take()
	out, err := op.call(ctx, e.client, r)
	if err != nil {
		return nil, err
	}
	if _, ok := out.(noContent); ok {
		return out, nil
	}
	// A create recovered after its answer was lost has no answer of its own to print as sent:
	// the last one read was the lookup's list.
	if resp, ok := out.(*gen.CreateEnhancedConnectionResponse); ok && wrapper.IsRecovered(resp) {
		e.answers.take()
		return out, nil
	}
	if raw := e.answers.take(); raw != nil {
		return rawAnswer(raw), nil
	}
	return out, nil
}

// presetConflict returns the name of a flag the user gives that an alias sets itself to another
// value, "" when there is none: an alias means one thing, and `list --all=false` should not
// quietly be something else. Saying the same again (`list --all`, as README and help offer it)
// is fine.
func presetConflict(preset, args []string) string {
	set := map[string]string{} // name -> value, "true" for a boolean flag given bare
	for _, p := range preset {
		if strings.HasPrefix(p, "-") {
			name, value, ok := strings.Cut(strings.TrimLeft(p, "-"), "=")
			if !ok {
				value = "true"
			}
			set[name] = value
		}
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, value, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok {
			value = "true"
		}
		if want, preset := set[name]; preset && value != want {
			return name
		}
	}
	return ""
}

// usageLine is the synopsis of the command.
func (c opCommand) usageLine() string {
	parts := []string{"edsconn", c.name}
	for _, a := range c.op.args {
		parts = append(parts, metavar(a.name))
	}
	return strings.Join(append(parts, "[flags]"), " ")
}

// pathArgs fills the path parameters from their flags and the positional arguments: the
// arguments take, in order, the parameters no flag gave.
func (o *opFlags) pathArgs(op *operation, pos []string) ([]string, error) {
	args := make([]string, len(op.args))
	var open []int
	for i, f := range o.path {
		if f.set {
			args[i] = f.value.(string)
			continue
		}
		open = append(open, i)
	}
	if len(pos) > len(open) {
		return nil, argCountError(op.args, o.pathFlags, open, pos)
	}
	for j, i := range open {
		if j >= len(pos) {
			return nil, argCountError(op.args, o.pathFlags, open, pos)
		}
		args[i] = pos[j]
	}
	return args, nil
}

// argCountError says which arguments a command wants, and which flag gives each instead.
func argCountError(want []param, flags [][]string, open []int, got []string) error {
	names := make([]string, len(want))
	for i, a := range want {
		names[i] = metavar(a.name)
	}
	switch {
	case len(want) == 0:
		return fmt.Errorf("takes no arguments, got %s", quoteAll(got))
	case len(got) > len(open):
		return fmt.Errorf("takes %d argument%s (%s), got %d: unexpected %s", len(want), plural(len(want)),
			strings.Join(names, " "), len(want)-len(open)+len(got), quoteAll(got[len(open):]))
	}
	var missing []string
	for _, i := range open[len(got):] {
		missing = append(missing, names[i]+" (or "+dashes(flags[i][0])+")")
	}
	return fmt.Errorf("takes %d argument%s (%s), got %d: missing %s", len(want), plural(len(want)),
		strings.Join(names, " "), len(want)-len(open)+len(got), strings.Join(missing, " "))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func quoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}

// maxPages bounds --all, so that a server that never ends a list cannot keep the CLI forever.
const maxPages = 10000

// fetchAll calls a paged operation until a short page and merges the pages' lists into the
// first answer (with count, when the answer has one, set to the merged length).
func (p *pager) fetchAll(ctx context.Context, e *env, op *operation, r *request) (any, error) {
	var limit *int64
	if v, ok := r.query[p.limit].(int64); ok {
		limit = &v
	} else if p.pageSize > 0 {
		limit = &p.pageSize
	}
	offset, _ := r.query[p.offset].(int64)
	var merged map[string]any
	items := []any{}
	for page := 0; ; page++ {
		if page == maxPages {
			return nil, fmt.Errorf("%s: still more after %d pages: stopped", op.id, maxPages)
		}
		if limit != nil {
			r.query[p.limit] = *limit
		}
		r.query[p.offset] = offset
		out, err := e.call(ctx, op, r)
		if err != nil {
			return nil, err
		}
		var g any
		if raw, ok := out.(rawAnswer); ok {
			g, err = decodeAnswer(raw)
		} else {
			g, err = toGeneric(out)
		}
		if err != nil {
			return nil, err
		}
		m, _ := g.(map[string]any)
		list, _ := m[p.list].([]any)
		items = append(items, list...)
		if merged == nil {
			merged = m
		}
		n := int64(len(list))
		if n == 0 || (limit != nil && (*limit == 0 || n < *limit)) {
			break
		}
		offset += n
	}
	merged[p.list] = items
	if count, ok := op.answer.prop("count"); ok && count.schema.typ == "integer" {
		merged["count"] = len(items)
	}
	return merged, nil
}

// toGeneric is v as encoding/json sees it: maps, slices, strings, json.Number, bools.
func toGeneric(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var g any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&g); err != nil {
		return nil, err
	}
	return g, nil
}
