package wrapper

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// FuzzValidateCreateBody feeds arbitrary JSON to the create check, in both forms it accepts:
// decoded into the generated struct, it must never panic and must agree with kin-openapi on
// the JSON the struct encodes to; decoded into any, it must agree with kin-openapi directly.
func FuzzValidateCreateBody(f *testing.F) {
	v := vtValidator(f)
	var schema *vtBodyOperation
	for _, op := range vtBodyOperations(f) {
		if op.id == "CreateEnhancedConnection" {
			schema = &op
		}
	}
	if schema == nil {
		f.Fatal("no CreateEnhancedConnection in the spec")
	}
	for _, seed := range []string{
		`{"name":"test","dest_vpc_id":"v","dest_network_id":"n"}`,
		`{"name":"test1","dest_vpc_id":"22094d8f-c310-4621-913d-4c4d655d8495","dest_network_id":"78f2562a-36e4-4b39-95b9-f5aab22e1281","queues":["q1","q2"],"hosts":[{"ip":"192.168.0.1","name":"ecs-97f8-0001"},{"ip":"192.168.0.2","name":"ecs-97f8-0002"}]}`,
		`{"name":"a-b","dest_vpc_id":"","dest_network_id":"n","hosts":[{"ip":"01.2.3.4"},{"name":"1x"},{}]}`,
		`{"name":"t","dest_vpc_id":"v","dest_network_id":"n","tags":[{"key":"_sys_x","value":"v"},{"key":"été","value":""},{"key":" k","value":"v "}]}`,
		`{"name":"t","dest_vpc_id":"v","dest_network_id":"n","hosts":null,"tags":[null],"queues":[1]}`,
		`{"name":null,"hosts":[{"ip":null,"name":null}],"routetable_id":5}`,
		`[]`, `null`, `"x"`, `{}`,
	} {
		f.Add([]byte(seed))
	}
	path := vtPath()
	kinAccepts := func(t *testing.T, doc any) bool {
		return schema.schema.VisitJSON(doc, vtKinOptions...) == nil
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var typed gen.CreateEnhancedConnectionRequest
		if json.Unmarshal(data, &typed) == nil {
			err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &typed)
			var verr *ValidationError
			if err != nil && !errors.As(err, &verr) {
				t.Fatalf("typed body: not a validation error: %v", err)
			}
			sent, err2 := json.Marshal(&typed)
			if err2 != nil {
				t.Fatal(err2)
			}
			var asSent any
			if err2 := json.Unmarshal(sent, &asSent); err2 != nil {
				t.Fatal(err2)
			}
			if kin := kinAccepts(t, asSent); kin != (err == nil) {
				t.Fatalf("typed body %s: kin-openapi accepts %v, we say %v", sent, kin, err)
			}
		}
		var doc any
		if json.Unmarshal(data, &doc) == nil {
			err := v.ValidateRequest("CreateEnhancedConnection", path, nil, doc)
			var verr *ValidationError
			if err != nil && !errors.As(err, &verr) {
				t.Fatalf("JSON body: not a validation error: %v", err)
			}
			if kin := kinAccepts(t, doc); kin != (err == nil) {
				t.Fatalf("JSON body %s: kin-openapi accepts %v, we say %v", data, kin, err)
			}
		}
	})
}
