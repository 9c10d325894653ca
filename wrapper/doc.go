// Package wrapper is the client Go services use to call the DLI enhanced datasource connection
// API of Huawei Cloud and Open Telekom Cloud: one Client method per operation of the spec, named
// after its operationId (the vendor SDK's names), taking and returning the types of package gen.
//
// Every call is checked against the spec before a byte is sent, signed (AK/SK) or carries an IAM
// token, retried only where that is safe, bounded in what it reads, and ends in the decoded
// answer or a typed error: *ValidationError (nothing was sent), *APIError (DLI or its gateway
// refused, with the DLI code, message, status and request id), *InvalidAnswerError (the answer
// is not what the operation promises), *RedirectError (DLI never redirects), or a transport
// error. Credentials go to the configured endpoint's origin and nowhere else, and never appear
// in any fmt verb, log/slog output, encoding/json output or error message.
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
//	conn, err := client.WaitActive(ctx, created.ConnectionID)
//
// Against the real service, configure Region (or Endpoint), ProjectID and Credentials, or read
// them all with ConfigFromEnv. The Example functions show complete programs.
//
// Where things are. The per-operation code is generated from the spec by
// internal/cmd/genwrapper (go generate); everything else is hand-written and shared by every
// operation:
//
//   - operations.gen.go: the Client methods, each operation's descriptor (path, parameters,
//     retry class) and query encoder. encode.gen.go: the request bodies' encoders, byte for byte
//     what json.Marshal writes. decode.gen.go: the answers' decoders on internal/jsondec, exactly
//     what encoding/json decodes. answers.gen.go: is_success and the fields an answer must carry.
//   - client.go, config.go: New, Config, ConfigFromEnv; transport.go: the client's own
//     transport, made for many goroutines (a connection kept per call in flight, HTTP/2 when
//     offered, the environment's proxy and roots, time limits), Config.MaxConnsPerHost and
//     IdleConnTimeout, CloseIdleConnections; endpoints.go: regions and their DLI and IAM
//     endpoints from the spec's servers; iam.go: the project id of a region from IAM, for a
//     Config without ProjectID; rules.go, validate.go: the spec's request rules
//     (internal/specrules, generated), compiled per operation on first use.
//   - call.go: one call: validate, build each attempt's request (request.go), sign (package
//     signer), send through the middleware (middleware.go, options.go), read the answer bounded
//     (answer.go), retry where safe (retry.go), decode or fail (errors.go). callinfo.go: the
//     Call that middleware sees around the attempts (for a span per call). redirect.go keeps
//     credentials on the endpoint's origin; scrub.go removes secrets from text servers send.
//   - body.go: request bodies encoded once per call into pooled buffers; json.go: what the
//     generated encoders and decoders call.
//   - wait.go, paging.go: WaitActive for the documented "create, then wait for ACTIVE"
//     procedure, and Connections, an iterator over every page.
//
// The signer (wrapper/signer) is a package of its own, importable alone by any caller of a
// Huawei Cloud or Open Telekom Cloud API.
package wrapper
