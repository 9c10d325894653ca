package jsondec_test

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// TestPointersDistinct checks that every pointer field of a decoded answer has a target of its
// own, although the targets come from shared arrays: writing through one changes no other.
func TestPointersDistinct(t *testing.T) {
	var v connList
	if err := jsondec.Unmarshal(listAnswer(300), &v, decodeConnList); err != nil {
		t.Fatal(err)
	}
	strs := map[*string]bool{}
	ints := map[*int64]bool{}
	bools := map[*bool]bool{}
	for _, c := range v.Connections {
		for _, p := range []*string{c.ID, c.Name, c.DestVpcID, c.DestNetworkID, c.Hosts[0].IP, c.Hosts[0].Name, c.AvailableQueueInfo[0].Name, c.AvailableQueueInfo[0].PeerID, c.AvailableQueueInfo[0].ErrMsg} {
			if strs[p] {
				t.Fatalf("a *string target is shared: %q", *p)
			}
			strs[p] = true
		}
		for _, p := range []*int64{c.CreateTime, c.AvailableQueueInfo[0].UpdateTime} {
			if ints[p] {
				t.Fatal("an *int64 target is shared")
			}
			ints[p] = true
		}
		for _, p := range []*bool{c.IsPrivis, c.Ipv6Enable} {
			if bools[p] {
				t.Fatal("a *bool target is shared")
			}
			bools[p] = true
		}
	}
	before := *v.Connections[1].Name
	*v.Connections[0].Name = "changed"
	if *v.Connections[1].Name != before {
		t.Error("writing one name changed another")
	}
}
