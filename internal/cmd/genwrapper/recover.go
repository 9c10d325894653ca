package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// xRecover is the vendor extension on a create that says how a client finds the created resource
// again when the create's answer was lost (the spec's info.description explains it):
//
//	x-recover:
//	  lookup: ListEnhancedConnections     # an idempotent operation of the spec
//	  query: {name: name}                 # lookup query parameter: request body field
//	  page: {limit: limit, offset: offset} # the lookup's paging parameters
//	  items: connections                  # the array of the lookup's answer
//	  key: [name]                         # fields of body and item that select the resource
//	  match: [dest_vpc_id, dest_network_id] # fields that must be equal too
//	  created: create_time                # item field: creation time, ms since the epoch
//	  answer: {connection_id: id}         # create answer field: item field
//
// Every name is checked against the spec and gen, so that a renamed field or parameter stops
// the generator instead of generating a recovery that never finds anything.
const xRecover = "x-recover"

// recoverItemType is the gen type the wrapper's recovery (wrapper/recover.go) compares: its
// errors carry the found items as that type.
const recoverItemType = "EnhancedConnection"

// recoverModel is an operation's x-recover, resolved against the spec's operations and gen.
type recoverModel struct {
	Lookup *opModel
	// Query are the lookup's query parameters, each filled from a body field.
	Query []recoverQuery
	// Limit and Offset page through the lookup.
	Limit, Offset *paramModel
	// Items is the array field of the lookup's success type.
	Items field
	// Key and Match are fields of both the body and the items.
	Key, Match []recoverField
	// Created is the items' creation time.
	Created field
	// Answer fills the create's success type from an item.
	Answer []recoverAnswer
}

type recoverQuery struct {
	param *paramModel
	body  field
}

type recoverField struct {
	name       string
	body, item field
}

type recoverAnswer struct {
	answer, item field
}

// recoverKeys are the keys an x-recover object has; any other is a typo.
var recoverKeys = []string{"answer", "created", "items", "key", "lookup", "match", "page", "query"}

// resolveRecover reads the x-recover of every operation that has one, now that every operation
// is known (the lookup is another operation).
func resolveRecover(ops []*opModel, g *goTypes) error {
	byID := map[string]*opModel{}
	for _, op := range ops {
		byID[op.ID] = op
	}
	for _, op := range ops {
		if op.recoverRaw == nil {
			continue
		}
		m, err := recoverOf(op, op.recoverRaw, byID, g)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", op.ID, xRecover, err)
		}
		op.Recover = m
	}
	return nil
}

func recoverOf(op *opModel, raw any, byID map[string]*opModel, g *goTypes) (*recoverModel, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want an object, got %T", raw)
	}
	for k := range obj {
		if !slices.Contains(recoverKeys, k) {
			return nil, fmt.Errorf("unknown key %q (known: %s)", k, strings.Join(recoverKeys, ", "))
		}
	}
	for _, k := range recoverKeys {
		if _, ok := obj[k]; !ok {
			return nil, fmt.Errorf("%s is missing", k)
		}
	}
	if op.Idempotent || op.BodyType == "" || op.NoContent {
		return nil, fmt.Errorf("only a create (a POST with a body and an answer, not idempotent) is recovered")
	}
	lookupID, ok := obj["lookup"].(string)
	if !ok {
		return nil, fmt.Errorf("lookup: want an operationId")
	}
	lookup := byID[lookupID]
	switch {
	case lookup == nil:
		return nil, fmt.Errorf("lookup: the spec has no operation %q", lookupID)
	case !lookup.Idempotent || lookup.NoContent:
		return nil, fmt.Errorf("lookup: %s is not an idempotent operation with an answer: a lookup is retried like a GET", lookupID)
	}
	m := &recoverModel{Lookup: lookup}
	bodyFields, err := fieldsByJSON(g, op.BodyType)
	if err != nil {
		return nil, err
	}
	lookupAnswer, err := fieldsByJSON(g, lookup.SuccessType)
	if err != nil {
		return nil, err
	}
	createAnswer, err := fieldsByJSON(g, op.SuccessType)
	if err != nil {
		return nil, err
	}
	queryParam := func(what, name string) (*paramModel, error) {
		for _, q := range lookup.QueryParams {
			if q.Name == name {
				return q, nil
			}
		}
		return nil, fmt.Errorf("%s: %s has no query parameter %q", what, lookupID, name)
	}

	query, err := stringMap(obj["query"], "query")
	if err != nil {
		return nil, err
	}
	if len(query) == 0 {
		return nil, fmt.Errorf("query: name at least one parameter: listing everything is not a lookup")
	}
	for _, name := range sortedMapKeys(query) {
		p, err := queryParam("query", name)
		if err != nil {
			return nil, err
		}
		bf, ok := bodyFields[query[name]]
		if !ok {
			return nil, fmt.Errorf("query: the body of %s has no field %q", op.ID, query[name])
		}
		if scalar(p.Shape).kind != kString || bf.shape.kind != kString {
			return nil, fmt.Errorf("query: %s (%s) and body field %s (%s) must both be strings", name, p.Shape.goType(), bf.json, bf.shape.goType())
		}
		m.Query = append(m.Query, recoverQuery{param: p, body: bf})
	}

	page, err := stringMap(obj["page"], "page")
	if err != nil {
		return nil, err
	}
	for k := range page {
		if k != "limit" && k != "offset" {
			return nil, fmt.Errorf("page: unknown key %q (want limit and offset)", k)
		}
	}
	for _, k := range []string{"limit", "offset"} {
		p, err := queryParam("page."+k, page[k])
		if err != nil {
			return nil, err
		}
		if p.Shape.kind != kPointer || p.Shape.elem.kind != kInt32 {
			return nil, fmt.Errorf("page.%s: %s is %s; the recovery pages with *int32", k, p.Name, p.Shape.goType())
		}
		if k == "limit" {
			m.Limit = p
		} else {
			m.Offset = p
		}
	}

	itemsName, ok := obj["items"].(string)
	if !ok {
		return nil, fmt.Errorf("items: want a field name")
	}
	items, ok := lookupAnswer[itemsName]
	switch {
	case !ok:
		return nil, fmt.Errorf("items: the answer of %s has no field %q", lookupID, itemsName)
	case items.shape.kind != kSlice || items.shape.elem.kind != kStruct:
		return nil, fmt.Errorf("items: %s is %s, not an array of objects", itemsName, items.shape.goType())
	case items.shape.elem.name != recoverItemType:
		return nil, fmt.Errorf("items: %s lists %s; the wrapper's recovery (wrapper/recover.go) compares %s only: teach it the new type",
			itemsName, items.shape.elem.name, recoverItemType)
	}
	m.Items = items
	itemFields, err := fieldsByJSON(g, items.shape.elem.name)
	if err != nil {
		return nil, err
	}

	both := func(what string) ([]recoverField, error) {
		names, ok := stringList(obj[what])
		if !ok {
			return nil, fmt.Errorf("%s: want a list of field names", what)
		}
		var out []recoverField
		for _, name := range names {
			bf, ok := bodyFields[name]
			if !ok {
				return nil, fmt.Errorf("%s: the body of %s has no field %q", what, op.ID, name)
			}
			itf, ok := itemFields[name]
			if !ok {
				return nil, fmt.Errorf("%s: %s (the items of %s) has no field %q", what, recoverItemType, lookupID, name)
			}
			if bf.shape.kind != kString || itf.shape.kind != kString {
				return nil, fmt.Errorf("%s: %s is %s in the body and %s in the items; only strings are compared", what, name, bf.shape.goType(), itf.shape.goType())
			}
			out = append(out, recoverField{name: name, body: bf, item: itf})
		}
		return out, nil
	}
	if m.Key, err = both("key"); err != nil {
		return nil, err
	}
	if len(m.Key) == 0 {
		return nil, fmt.Errorf("key: name at least one field")
	}
	if m.Match, err = both("match"); err != nil {
		return nil, err
	}

	createdName, ok := obj["created"].(string)
	if !ok {
		return nil, fmt.Errorf("created: want a field name")
	}
	created, ok := itemFields[createdName]
	switch {
	case !ok:
		return nil, fmt.Errorf("created: %s has no field %q", recoverItemType, createdName)
	case created.shape.kind != kInt64:
		return nil, fmt.Errorf("created: %s is %s; want int64 milliseconds since the epoch", createdName, created.shape.goType())
	}
	m.Created = created

	answer, err := stringMap(obj["answer"], "answer")
	if err != nil {
		return nil, err
	}
	if len(answer) == 0 {
		return nil, fmt.Errorf("answer: name at least one field of the create's answer")
	}
	for _, name := range sortedMapKeys(answer) {
		af, ok := createAnswer[name]
		if !ok {
			return nil, fmt.Errorf("answer: the answer of %s has no field %q", op.ID, name)
		}
		itf, ok := itemFields[answer[name]]
		if !ok {
			return nil, fmt.Errorf("answer: %s has no field %q", recoverItemType, answer[name])
		}
		if af.shape.goType() != itf.shape.goType() {
			return nil, fmt.Errorf("answer: %s is %s and %s is %s", name, af.shape.goType(), itf.json, itf.shape.goType())
		}
		m.Answer = append(m.Answer, recoverAnswer{answer: af, item: itf})
	}
	// The recovered answer says it succeeded, and how: the envelope every answer of the spec has.
	for name, kind := range map[string]kind{"is_success": kPointer, "message": kString} {
		if f, ok := createAnswer[name]; !ok || f.shape.kind != kind {
			return nil, fmt.Errorf("the answer of %s needs %s (%v) for a recovered answer to say so", op.ID, name, kind)
		}
	}
	return m, nil
}

// fieldsByJSON maps a gen struct's fields by their JSON names.
func fieldsByJSON(g *goTypes, typeName string) (map[string]field, error) {
	fs, err := g.structFields(typeName)
	if err != nil {
		return nil, err
	}
	out := make(map[string]field, len(fs))
	for _, f := range fs {
		out[f.json] = f
	}
	return out, nil
}

// scalar is the shape behind a pointer.
func scalar(s *shape) *shape {
	if s.kind == kPointer {
		return s.elem
	}
	return s
}

func stringMap(v any, what string) (map[string]string, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: want an object of names", what)
	}
	out := make(map[string]string, len(obj))
	for k, v := range obj {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s.%s: want a name, got %T", what, k, v)
		}
		out[k] = s
	}
	return out, nil
}

func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func sortedMapKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// emitRecovery writes the recovery descriptor of an operation with x-recover: closures over the
// gen types that the hand-written recovery (wrapper/recover.go) calls.
func emitRecovery(e *emitter, op *opModel) {
	r := op.Recover
	body := "gen." + op.BodyType
	var keys, matches []string
	for _, k := range r.Key {
		keys = append(keys, fmt.Sprintf("%q", k.name))
	}
	for _, k := range r.Match {
		matches = append(matches, fmt.Sprintf("%q", k.name))
	}
	e.comment("", fmt.Sprintf("recover%s finds a %s again after its answer was lost: the spec's x-recover, "+
		"a lookup with %s.", op.ID, op.ID, r.Lookup.ID))
	e.p("var recover%s = recovery{", op.ID)
	e.p("\tlookup: &op%s,", r.Lookup.ID)
	e.p("\tkey: []string{%s},", strings.Join(keys, ", "))
	e.p("\tmatch: []string{%s},", strings.Join(matches, ", "))
	e.p("\tcreated: %q,", r.Created.json)

	e.p("\tkeyValues: func(body any) []string {")
	e.p("\t\tb := body.(*%s)", body)
	var vals []string
	for _, k := range r.Key {
		vals = append(vals, "string(b."+k.body.goName+")")
	}
	e.p("\t\treturn []string{%s}", strings.Join(vals, ", "))
	e.p("\t},")

	e.p("\tparams: func(body any, limit, offset int32) any {")
	e.p("\t\tb := body.(*%s)", body)
	var fields []string
	for i, q := range r.Query {
		v := fmt.Sprintf("q%d", i)
		e.p("\t\t%s := %s(b.%s)", v, scalar(q.param.Shape).goType(), q.body.goName)
		ref := "&" + v
		if q.param.Shape.kind != kPointer {
			ref = v
		}
		fields = append(fields, fmt.Sprintf("%s: %s", q.param.GoField, ref))
	}
	fields = append(fields, fmt.Sprintf("%s: &limit", r.Limit.GoField), fmt.Sprintf("%s: &offset", r.Offset.GoField))
	e.p("\t\treturn &gen.%s{%s}", r.Lookup.ParamsType, strings.Join(fields, ", "))
	e.p("\t},")

	e.p("\titems: func(answer any) []gen.%s { return answer.(*gen.%s).%s },", recoverItemType, r.Lookup.SuccessType, r.Items.goName)

	e.p("\tsameKey: func(body any, item *gen.%s) bool {", recoverItemType)
	e.p("\t\tb := body.(*%s)", body)
	var conds []string
	for _, k := range r.Key {
		conds = append(conds, fmt.Sprintf("string(item.%s) == string(b.%s)", k.item.goName, k.body.goName))
	}
	e.p("\t\treturn %s", strings.Join(conds, " && "))
	e.p("\t},")

	e.p("\tmismatch: func(body any, item *gen.%s) (field, found, want string) {", recoverItemType)
	e.p("\t\tb := body.(*%s)", body)
	if len(r.Match) > 0 {
		e.p("\t\tswitch {")
		for _, k := range r.Match {
			e.p("\t\tcase string(item.%s) != string(b.%s):", k.item.goName, k.body.goName)
			e.p("\t\t\treturn %q, string(item.%s), string(b.%s)", k.name, k.item.goName, k.body.goName)
		}
		e.p("\t\t}")
	}
	e.p("\t\treturn \"\", \"\", \"\"")
	e.p("\t},")

	e.p("\tcreatedAt: func(item *gen.%s) int64 { return item.%s },", recoverItemType, r.Created.goName)

	e.p("\tadopt: func(item *gen.%s, message string, out any) {", recoverItemType)
	var set []string
	for _, a := range r.Answer {
		set = append(set, fmt.Sprintf("%s: item.%s", a.answer.goName, a.item.goName))
	}
	e.p("\t\t*out.(*gen.%s) = gen.%s{%s, IsSuccess: Ptr(true), Message: message}", op.SuccessType, op.SuccessType, strings.Join(set, ", "))
	e.p("\t},")
	e.p("}")
}

// recoverDoc is the paragraph of a recovered create's method documentation.
func recoverDoc(op *opModel) string {
	r := op.Recover
	var keys, matches []string
	for _, k := range r.Key {
		keys = append(keys, k.name)
	}
	for _, k := range r.Match {
		matches = append(matches, k.name)
	}
	return fmt.Sprintf("When its answer is lost (a broken connection, a 5xx or gateway timeout, the deadline after it left), "+
		"it is found again with %s (the spec's x-recover): exactly one item with the request's %s, and the same %s, created since the call "+
		"began (less RecoverClockSkew), is returned as the answer, marked as recovered (IsRecovered). When the lookup finds nothing "+
		"the create is retried like an idempotent call; anything else is never adopted and fails with *CreateOutcomeError, as does "+
		"a first attempt that DLI refuses because the name exists. WithRecover(false) turns this off: then it is retried only when it "+
		"provably never left (a failed dial).",
		r.Lookup.ID, strings.Join(keys, ", "), strings.Join(matches, " and "))
}
