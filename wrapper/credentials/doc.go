// Package credentials finds and renews the AK/SK keys that sign requests to Huawei Cloud and
// Open Telekom Cloud: from the variables and files the vendor SDK and OTC's tools read, and from
// the platform services that hand out temporary keys (OIDC federation at IAM, CCE pod identity,
// the ECS metadata service). It knows nothing of DLI and needs only the standard library, package
// signer and a YAML parser (for clouds.yaml), so any caller of these clouds' APIs can import it
// alone; package wrapper builds on it. aws-sdk-go-v2's credentials/ and aws.CredentialsCache are
// the model.
//
// A Provider hands out a Value (keys, their expiry, where they came from); a Cache keeps a
// provider's keys and renews them before they expire, safely under any number of goroutines;
// Discover walks the chain, without a network call, and says what it found and where it looked:
//
//	d := credentials.Discover(credentials.DiscoverOptions{})
//	if d.Err != nil { ... } // a source set up in part: d.Err names it, d.Looked lists the chain
//	keys := credentials.NewCache(d.Provider, credentials.CacheOptions{})
//	v, err := keys.Retrieve(ctx) // at every request: the cache answers from memory
//	err = signer.New(v.Credentials()).Sign(req)
//
// The vendor SDK's providers show the wire formats, and also what not to do: its refresh has no
// lock and no single-flight, so under concurrency it races and calls the metadata service once
// per request for the last 40 minutes of every key, a failed refresh fails calls whose keys are
// still valid, its OIDC exchange always goes to its default IAM endpoint, and its default chain
// never tries CCE pod identity. Here: one refresh at a time, started 15 minutes before expiry
// while callers go on with the current keys, failures that keep valid keys, the region's IAM,
// and pod identity before the metadata service.
//
// Where the sources disagree, the choices made: OIDC federation wins over keys set beside it, as
// in the vendor SDK's environment and profile providers; CCE pod identity comes before the
// metadata service (the vendor puts it after, where in a pod the node's agency would answer
// first); the metadata service is asked only for a client of the real service, never for a local
// fake; secure.yaml's values win over clouds.yaml's, as in openstacksdk; the region an OTC
// project name starts with is its region, as in gophertelekomcloud; AWS_ACCESS_KEY_ID, which
// gophertelekomcloud also reads, is named but not read (it most often holds AWS keys); the keys
// of OIDC federation are asked to live 6 hours, the vendor's choice.
//
// Files:
//   - value.go: Value, Provider, ProviderFunc, Static.
//   - cache.go: Cache and CacheOptions, the renewal rules.
//   - discover.go: Discover, the chain's order and the settings (region, project, IAM endpoint);
//     env.go: the variables; profile.go: the vendor's INI profile; cloudsyaml.go: clouds.yaml
//     and secure.yaml.
//   - metadata.go, oidc.go, podidentity.go: the platform sources; httpjson.go: what they share
//     (the credential JSON in both spellings, bounded answers, error texts without secrets);
//     clients.go: their HTTP clients (never the DLI client's).
//   - errors.go: SourceError, RefreshError, ErrIncomplete, ErrNoCredentials.
package credentials
