// Package fake is an in-memory emulator of the DLI enhanced datasource connection API, for tests
// and for local runs of tools that talk to DLI.
//
// Typical use in a test:
//
//	srv, err := fake.Start(fake.Options{ActivationDelay: time.Minute, Now: clock.Now})
//	if err != nil { t.Fatal(err) }
//	defer srv.Close()
//	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
//	client, _ := gen.NewClientWithResponses(srv.URL())
//	... // exercise the client, then check srv.Calls("CreateEnhancedConnection") == 1
//
// A Server is an http.Handler: the oapi-codegen strict server generated from the spec (package
// gen), mounted on an http.ServeMux, behind middleware that behaves like the API gateway and the
// service in front of the real handlers:
//
//	record -> iam -> routing -> faults -> auth -> body -> signature -> validate -> generated router -> operations
//
// The stages (record in observe.go, routing in routing.go, faults in faults.go, auth and
// signature in auth.go, body in body.go, validate in validate.go):
//
//   - record logs every request as it arrives, for Requests, fills in its status before the
//     answer is sent (so a client that saw an outcome finds it logged), gives every answer an
//     X-Request-Id, and writes the Options.Logger line when done.
//   - iam answers IAM's GET /v3/projects?name=<region> (Options.Projects, iam.go), so that a
//     client without a project id can find it; it is recorded as operation IAMLookupOperationID,
//     the vendor SDK's name for it. Everything else goes on.
//   - routing finds the spec operation (404 APIGW.0101 otherwise). It reads no body.
//   - faults injects queued or random failures (see Fault), before or after the operation ran.
//   - auth decides everything about credentials that does not need the body (401 APIGW.0301):
//     IAM tokens, and the shape, access key, signed headers and X-Sdk-Date of an AK/SK
//     signature. A refused request gets its 401 without a byte of its body being read.
//   - body waits for room under Options.MaxBodyBytesInFlight (503 with Retry-After when none
//     comes within Options.ReadBodyTimeout), reads the body within that time again (408 when it
//     trickles) up to the gateway's 12 MB (413), refuses data after the JSON value (400
//     DLI.0001), and makes the body replayable for the stages after it.
//   - signature verifies an AK/SK signature over the body's hash, now that the body is read.
//   - validate checks the request against the spec (400 DLI.0001 naming the field), so a
//     request the spec refuses never reaches an operation: path, query and header parameters,
//     then the body's media type, presence, JSON and schema, with the spec's request rules
//     generated as Go (internal/specrules, checked by internal/schemacheck), the rules the
//     wrapper validates with. Routing uses the same rules. So the fake links no OpenAPI, YAML
//     or JSON Schema library, and a program that embeds it (edsconn) pays nothing for it at
//     start; kin-openapi, an independent implementation, stays in the tests as a second
//     opinion that must agree on every refusal, edge case, documented body and real-world
//     case (validate_kin_test.go).
//
// Every answer given before the body is read (unread.go) goes out at once and closes the
// connection, because the unread body rules out the next request on it; what the client still
// sends is discarded for up to two seconds first, so that a client still writing its body
// reads the answer instead of a reset connection. Start adds the connection-level bounds:
// Options.ReadHeaderTimeout and Options.IdleTimeout.
//
// The other files: server.go (setup), specops.go (the operations compiled from the rules, and
// the route of a request), options.go, listen.go (Start, Close, Shutdown), budget.go
// (the body budget), grants.go (GrantPrivilegeOnCreate), requestlog.go, errors.go; store.go,
// list.go, peers.go, routes.go (network routes of a connection) and views.go are the emulated
// state; handlers*.go are the operations. internal/bodyload measures the memory of a real
// `edsconn fake-server` under many large bodies at once.
//
// State lives in the Server (no package-level state), guarded by one mutex, so a Server can be
// shared by many goroutines and many Servers can run in one test binary.
//
// Behaviour follows the vendors' reference pages where they say something, and the choices below
// where they do not:
//
//   - A missing connection, or one of another project, is answered with 400 DLI.0001
//     "Connection <id> does not exist." by every operation, as the real service does.
//   - Deletion is soft: a deleted connection is still shown (status DELETED) and listed with
//     status=DELETED, but every other operation treats it as missing; deleting it again is 400
//     DLI.0001.
//   - Connection names are unique among a project's connections that are not deleted: a second
//     create with the same name is 400 DLI.0006 (object already exists). The reference pages do
//     not say; refusing makes name-based lookups by clients unambiguous.
//   - Each bound queue or pool gets a peering that is CREATING until Options.ActivationDelay has
//     passed on the injected clock, then ACTIVE, or FAILED with err_msg for names registered with
//     FailPeering before the binding was made. States are computed when read, so no goroutine
//     runs in the background.
//   - Binding a queue or pool that is already bound is 400 DLI.0006; unbinding one that is not
//     bound is 400 DLI.0002 (object does not exist); a bind or unbind naming nothing, an empty
//     name, a name twice, or the `default` queue is 400 DLI.0001. Requests are all or nothing.
//   - Route names are unique within a connection and two routes may not have the same network
//     (compared as parsed prefixes, a bare address counting as /32 or /128): 400 DLI.0006.
//     IPv6 routes are refused (DLI.0001) because no connection of the fake has IPv6 enabled.
//     Deleting a missing route is 400 DLI.0001. The v3 and the deprecated v2.0 paths share the
//     same routes.
//   - Sharing (RunAuthorizationAction, grants.go): a grant of BIND_QUEUE on
//     `edsconnections.<id>` to another project shows in ShowEnhancedConnectionPrivilege, in
//     ListAuthorizationPrivileges and as isPrivis false in List and Show; revoke and update with
//     an empty list withdraw it. Granting twice or revoking what is not granted changes nothing
//     (the PUT is retried by clients). Refused with 400 DLI.0001: another object kind, another
//     privilege, grant or revoke of no privilege, a grantee user instead of a project, the
//     owner itself; a missing connection is "does not exist". All or nothing per request.
//     Server.GrantPrivilege does the same grant without a request.
//   - Tags (tags.go): the tags given at create and those of BatchCreateResourceTags are the same
//     list; they show in ShowResourceTags, filter ListEnhancedConnections by `tags`, and are
//     listed (ListResourcesTags: keys and values sorted), filtered and counted
//     (ListResourcesByTags, CountResourcesByTags: every key of `tags` with one of its values, an
//     empty value list meaning any value; `without_any_tag`; `resource_name` matches as a
//     substring; `total_count` before `limit`/`offset`, which default to 1000 and 0). A key given
//     again takes the new value; a connection keeps at most 20 tags and a request names a key
//     once (400 DLI.0001 otherwise, also at create). Removing a tag that is not there succeeds;
//     with a value, a tag is removed only if it has that value. A deleted connection's tags are
//     gone from every listing.
package fake
