// Package wrapper is the hand-written layer over the generated client (package gen) that Go
// services use to call the DLI enhanced datasource connection API of Huawei Cloud and Open
// Telekom Cloud.
//
// It adds what the generated code cannot know, each concern in its own file:
//
//   - signer.go: AK/SK request signing (SDK-HMAC-SHA256), byte for byte what the vendor SDK
//     produces; usable alone as Sign, an http.RoundTripper or an oapi-codegen RequestEditorFn.
//   - config.go, endpoints.go: credentials from code or the vendor SDK's environment variables,
//     IAM tokens, and region endpoints read from the spec's servers (an unknown region is an
//     error, never a panic).
//   - validate.go, rules.go: every request checked against the spec before a byte is sent, with
//     the field and the rule named, faster than json.Marshal of the same body. The rules and
//     servers come from rules.gen.json, generated from the spec by go generate, so the wrapper
//     neither links an OpenAPI or YAML parser nor parses the spec when a program starts.
//   - encode.go, body.go: the bodies that can carry 20,000 hosts (create, update) written by
//     hand, byte for byte what encoding/json writes, once per call into a pooled buffer that the
//     signature and every attempt read.
//   - errors.go: *APIError with the DLI error code, message, HTTP status and request id, also for
//     a 2xx answer with is_success false; IsNotFound knows DLI's 400 DLI.0001 for a missing
//     connection.
//   - retry.go, transport.go: idempotent calls (GET, PUT, DELETE, and the POSTs the spec marks
//     x-idempotent) retried with capped, jittered backoff honouring Retry-After; any other POST
//     only when it provably never left, so a create is never duplicated; each attempt headed
//     and signed afresh.
//   - wait.go, paging.go: WaitActive for the documented "create, then check ACTIVE" procedure,
//     and Connections, an iterator over every page.
//
// Secrets never appear in %v, %+v, %#v, slog output or error messages.
//
// A first call, here against the fake DLI of package fake so that it runs anywhere:
//
//	srv, _ := fake.Start(fake.Options{})
//	defer srv.Close()
//	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: "0123456789abcdef0123456789abcdef"})
//	...
//	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
//		Name: "rds_conn", DestVpcID: vpcID, DestNetworkID: subnetID, Queues: []string{"q1"},
//	})
//	conn, err := client.WaitActive(ctx, *created.ConnectionID)
//
// Against the real service, configure Region (or Endpoint), ProjectID and Credentials, or read
// them all with ConfigFromEnv. The Example functions show complete programs.
package wrapper
