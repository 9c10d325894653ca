// Package bench compares, side by side and in one run, three ways of calling the DLI enhanced
// connection API against the same loopback server answering the documented bodies:
//
//   - client=ours-validate and client=ours-novalidate: wrapper.Client of this repository, with
//     its spec validation on and off;
//   - client=vendor: services/dli/v1 of github.com/huaweicloud/huaweicloud-sdk-go-v3;
//   - client=floor: a request built by hand with net/http, encoding/json and wrapper.NewSigner,
//     the least any correct client must do (encode, sign, send, read, decode).
//
// It is a module of its own so that the main module never depends on the vendor SDK. Run
// ./run.sh for the benchstat tables and ratios, ./weight.sh for the dependency weight.
package bench
