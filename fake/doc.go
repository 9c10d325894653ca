// Package fake is an in-memory emulator of the DLI enhanced datasource connection API, for tests
// and for local runs of tools that talk to DLI.
//
// Typical use in a test:
//
//	srv, err := fake.Start(fake.Options{ActivationDelay: time.Minute})
//	if err != nil { ... }
//	defer srv.Close()
//	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
//	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: project})
//	... // exercise the client, then check what the fake saw:
//	fmt.Println(srv.Calls("CreateEnhancedConnection"), srv.Connections(project))
//
// A Server is an http.Handler: the oapi-codegen strict server generated from the spec (package
// gen), mounted on an http.ServeMux, behind middleware that behaves like the API gateway and the
// service in front of the real handlers:
//
//	record -> platform -> iam -> routing -> faults -> auth -> body -> signature -> validate -> generated router -> operations
//
// The stages (record in observe.go, platform in platform.go, routing in routing.go, faults in
// faults.go, auth and signature in auth.go, body in body.go, validate in validate.go):
//
//   - record logs every request as it arrives, for Requests, fills in its status before the
//     answer is sent (so a client that saw an outcome finds it logged), gives every answer an
//     X-Request-Id and the gateway's clock in its Date header, and writes the Options.Logger
//     line when done. It keeps no value of X-Security-Token, and no header value at all of a
//     request to a platform path, served or not.
//   - platform answers the platform services that Options.Platform turns on, on their real
//     paths: the ECS metadata service (metadata.go), IAM's OIDC exchange and securitytokens
//     (oidc.go), CCE pod identity (podidentity.go). Each judges its own credentials; the keys
//     they issue live in tempkeys.go. A request is recorded under the service's operation id
//     (MetadataKeysOperationID, ...). The path of a service that is off goes on, to be 404.
//   - iam answers IAM's GET /v3/projects?name=<region> (Options.Projects, iam.go), so that a
//     client without a project id can find it; with Options.Projects nil it also finds an OTC
//     project name, <region>_<suffix> of a known region (eu-de_sub), with
//     DefaultProjectID(name) as id under the region's project. It is recorded as operation
//     IAMLookupOperationID, the vendor SDK's name for it. Everything else goes on.
//   - routing finds the spec operation (404 APIGW.0101 otherwise). It reads no body.
//   - faults injects queued or random failures (see Fault), before or after the operation ran.
//   - auth decides everything about credentials that does not need the body (401 APIGW.0301):
//     IAM tokens, and the shape, access key, signed headers and X-Sdk-Date of an AK/SK
//     signature (against the gateway's clock, gatewayclock.go), and for a temporary key its
//     security token, revocation and expiry (auth_temporary.go). A refused request gets its 401
//     without a byte of its body being read.
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
// the route of a request), options.go, listen.go (Start, Close, Shutdown), budget.go (the body
// budget), grants.go (GrantPrivilegeOnCreate), requestlog.go, errors.go, inspect.go
// (LiveConnections: the state without a request); credjson.go (the two spellings of temporary
// credentials) and platformbody.go (the platform services' small bodies); store.go,
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
//
// The platform services (Options.Platform) follow the vendor SDK v0.1.215, the ECS, IAM and CCE
// pages and real gateway messages, and these choices where they are silent:
//
//   - Any service on makes authentication required. Every key issued (an AK of 20 characters
//     A-Z and 2-7, a 40-character SK, a 160-character security token) works on DLI and IAM's
//     lookup, in any project, with its security token in a signed X-Security-Token, until just
//     before its expiry on Options.Now (truncated to the millisecond, so that the time on the
//     wire is exact), unless RevokeTemporaryKeys withdrew it. Refusals say why in words
//     without a secret: "the security token is missing: ...", "... does not belong to the
//     access key", "the temporary access key has expired" or "... has been revoked".
//   - The metadata service and pod identity each hand out one key until
//     PlatformOptions.KeyRotateBefore before its expiry, under one lock, so concurrent clients
//     get the same key; securitytokens issues a new key per call, living duration_seconds (900
//     to 86400, 900 when absent, 400 outside, as IAM's page says).
//   - Metadata: the session token's TTL is 60 to 21600 seconds (the ECS guide's 1 to 360
//     minutes; 21600 when the header is absent, 400 outside), measured on Options.Now; a token
//     PUT through a proxy (X-Forwarded-For) is 403, as the guide says; GET on the token path or
//     another method on the keys path is 405. A token sent when optional must still be valid;
//     with MetadataNoTokenService the header is ignored. The token check comes before the agency
//     check, so a client without a token is not told "no agency" first. Errors are plain text.
//   - Credential JSON: the metadata service and securitytokens write access, secret,
//     securitytoken and expires_at with microseconds; pod identity writes accessKeyId,
//     secretAccessKey, securityToken and expiration in whole seconds (never later than the
//     real expiry). PlatformOptions.AlternateSpelling swaps them.
//   - OIDC exchange: no X-Idp-Id or no id token is 400, an IdP not configured 404 (Keystone's
//     "could not find"), a token of RejectedIDTokens 401; a scope is accepted and not checked.
//     The IAM token lives 24 hours on Options.Now. securitytokens takes it from X-Auth-Token
//     first (IAM's page) or the body, only the "token" method, and only tokens of the exchange
//     (not Options.Tokens). Errors are Keystone's body, like the project lookup's.
//   - Pod identity: no Authorization is 401, one not in PodIdentityTokens 403, in plain text;
//     the body is read (64 KiB at most, like every platform body) and not checked.
//   - SetOutage answers 503 without Retry-After, IAM's in Keystone's body; the lookup fails
//     with IAM. Faults, Options.ErrorRate and Options.Latency apply to DLI's operations only.
//   - X-Sdk-Date is judged against the gateway's clock when the headers arrive, not again once
//     the body is read. The Date header of every answer, the platform services' included, is
//     the gateway's clock.
//   - Calls counts a platform operation whenever its service was not down, and the IAM lookup
//     once authenticated; Calls("") counts DLI's operations only.
package fake
