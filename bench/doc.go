// Package bench compares, within one interleaved run, the ways of calling the DLI enhanced
// connection API against one loopback server that answers with the documented bodies
// (internal/fixture):
//
//   - client=ours-validate and client=ours-novalidate: wrapper.Client of this repository, with
//     its spec validation on and off, built and called only through internal/ours;
//   - client=vendor: services/dli/v1 of github.com/huaweicloud/huaweicloud-sdk-go-v3;
//   - client=floor: a request built by hand with net/http, encoding/json and our signer, the
//     least any correct client must do (encode, sign, send, read, decode);
//   - client=loopback: the loopback limit, a pre-signed GET answered with an empty body over a
//     kept-alive connection, which no client can beat on the machine.
//
// Workloads sweep sizes: BenchmarkCreate (2 to 20,000 hosts), BenchmarkShow, BenchmarkList (10
// to 10,000 connections), BenchmarkParallel (throughput of many goroutines on one client),
// BenchmarkTLS (the show over TLS, HTTP/1.1 and HTTP/2 offered, 1 to 256 goroutines sharing
// one client with its default transport: handshakes per 1,000 calls, time and CPU per call).
// BenchmarkDecode is the decoder study (internal/decode; cmd/agreement prints its agreement
// table). TestClientsSendTheSameRequests proves that the clients send the same signed request
// for every workload.
//
// It is a module of its own so that the main module never depends on the vendor SDK or the JSON
// libraries. ./run.sh runs everything in interleaved rounds (cmd/rounds) and prints the tables
// (cmd/ratios); cmd/coldstart measures a first call in fresh processes, cmd/clistart the start
// of `edsconn list` beside a minimal signed GET; ./weight.sh the
// dependency weight of the programs in cmd/weight. README.md has the figures and the commands.
//
// cmd/credentials measures the vendor's temporary keys from the ECS metadata service (issue 17)
// against the loopback emulator of internal/metadata, whose dialer maps the vendor's fixed
// metadata address to it and dials nothing but loopback.
package bench
