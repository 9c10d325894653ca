// Package signer signs HTTP requests for the API gateway of Huawei Cloud and Open Telekom Cloud
// (SDK-HMAC-SHA256 with an AK/SK pair, V11-HMAC-SHA256 with a derived key), byte for byte as the
// vendor's huaweicloud-sdk-go-v3 does, and verifies such signatures as the gateway does. It
// needs the standard library only and knows nothing of DLI, so any caller of any of these
// clouds' APIs can import it alone; package wrapper builds on it.
//
// Files:
//   - signer.go: Signer (New, NewDerived), Sign, EditRequest (an oapi-codegen
//     RequestEditorFn) and RoundTripper (signs every attempt afresh).
//   - canonical.go: the canonical request, the string to sign, header and query rules.
//   - verify.go: Verify, VerifyAt and VerifyHeadersAt (the checks that need no body, so that a
//     server can refuse a stranger before reading what it sends), SignatureError.
//   - credentials.go, secret.go: Credentials and Secret, which keep the SK and tokens out of every
//     fmt verb, log/slog and encoding/json, also when held in unexported fields.
//
// The vendor's test vectors (testdata/signer-vectors.json, computed by the vendor SDK) are
// reproduced by the tests, and the verifier accepts the vendor's own signatures.
package signer
