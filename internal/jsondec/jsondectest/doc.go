// Package jsondectest proves decoders built on package jsondec against encoding/json: Check
// and Compare decode one input both ways and report any disagreement, a Generator writes
// inputs for a Go type by reflection (valid documents, then the mutations where a hand-made
// decoder is likely to part from encoding/json), and Run puts the two together. Everything is
// deterministic from a seed, so that a failure can be replayed and the wrapper's tests can run
// the same check over every generated decoder.
//
// The comparison is stricter than reflect.DeepEqual where a decoder can differ unseen: floats
// by their bits, slices by nil-ness, capacity and the elements past their length (which a
// later duplicate key exposes again). The one accepted divergence is jsondec's: a
// *jsondec.MissingFieldError, which must name a required field that is really absent or null.
package jsondectest
