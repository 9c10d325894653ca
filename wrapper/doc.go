// Package wrapper is the client Go services use to call the DLI enhanced datasource connection
// API of Huawei Cloud and Open Telekom Cloud: one Client method per operation of the spec, named
// after its operationId (the vendor SDK's names), taking and returning the types of package gen.
//
// Every call is checked against the spec before a byte is sent, signed (AK/SK) or carries an IAM
// token, retried only where that is safe, bounded in what it reads, and ends in the decoded
// answer or a typed error: *ValidationError (nothing was sent), *APIError (DLI or its gateway
// refused, with the DLI code, message, status and request id), *InvalidAnswerError (the answer
// is not what the operation promises), *RedirectError (DLI never redirects), or a transport
// error. A create whose answer was lost is looked up by name: it returns the connection that
// exists, or fails with *CreateOutcomeError saying whether one does (WithRecover). Credentials go to the configured endpoint's origin and nowhere else, and never appear
// in any fmt verb, log/slog output, encoding/json output or error message.
//
// A first call, here against the fake DLI of package fake so that it runs anywhere (the
// package's Example, in full):
//
//	srv, err := fake.Start(fake.Options{
//		...
//	})
//	...
//	defer srv.Close()
//	client, err := wrapper.New(wrapper.Config{
//		Endpoint:    srv.URL(), // or Region: "eu-de", "cn-north-4", ...
//		ProjectID:   exampleProject,
//		Credentials: signer.Keys("EXAMPLEAK", "EXAMPLESK"),
//	})
//	...
//	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
//		...
//	})
//	...
//	conn, err := client.WaitActive(ctx, created.ConnectionID, wrapper.WithPollInterval(100*time.Millisecond))
//
// Against the real service, configure Region (or Endpoint), ProjectID and Credentials (or a
// CredentialsProvider of temporary keys), or read them all with ConfigFromEnv, which finds them
// where the vendor SDK and Open Telekom Cloud's tools do and takes a platform's temporary keys
// (ECS agency, OIDC federation, CCE pod identity). The Example functions show complete programs.
//
// Where things are. The per-operation code is generated from the spec by
// internal/cmd/genwrapper (go generate); everything else is hand-written and shared by every
// operation:
//
//   - operations.gen.go: the Client methods, each operation's descriptor (path, parameters,
//     retry class) and query encoder. encode.gen.go: the request bodies' encoders, byte for byte
//     what json.Marshal writes. answers.gen.go: is_success and the fields an answer must carry,
//     and the calls of the answers' decoders, which are package internal/answers's (its
//     decode.gen.go, on internal/jsondec, decodes exactly what encoding/json decodes).
//   - client.go, config.go: New, Config, ConfigFromEnv, DiscoverConfig (the credentials chain of
//     package credentials); keys.go: the keys of every attempt (fixed, or a credentials.Cache's),
//     the signing clock and the secrets the scrubber knows; unauthorized.go: the one retry after
//     a 401 on temporary keys or an expired signature, ClockSkewError; transport.go: the
//     client's own transport, made for many goroutines (a connection kept per call in flight,
//     HTTP/2 when offered, the environment's proxy and roots, time limits),
//     Config.MaxConnsPerHost and IdleConnTimeout, CloseIdleConnections; endpoints.go: regions
//     and their DLI and IAM endpoints from the spec's servers; iam.go: the project id of a
//     region from IAM, for a Config without ProjectID; rules.go, validate.go: the spec's request
//     rules (internal/specrules, generated), compiled per operation on first use.
//   - call.go: one call: validate, build each attempt's request (request.go), sign (package
//     signer), send through the middleware (middleware.go, options.go), read the answer bounded
//     (answer.go), retry where safe (retry.go), decode or fail (errors.go). callinfo.go: the
//     Call that middleware sees around the attempts (for a span per call). redirect.go keeps
//     credentials on the endpoint's origin; scrub.go removes secrets from text servers send.
//   - recover.go: a create whose answer was lost (a broken connection, a 5xx, the deadline) is
//     looked up as the spec's x-recover says (the lookup is generated into operations.gen.go)
//     and returned, sent again, or reported; recover_errors.go: CreateOutcomeError and
//     IsAlreadyExists.
//   - body.go: request bodies encoded once per call into pooled buffers; json.go: what the
//     generated encoders and decoders call.
//   - wait.go, paging.go: WaitActive for the documented "create, then wait for ACTIVE"
//     procedure, and Connections, an iterator over every page.
//
// The signer (wrapper/signer) and the credentials chain and cache (wrapper/credentials) are
// packages of their own, importable alone by any caller of a Huawei Cloud or Open Telekom Cloud
// API.
package wrapper
