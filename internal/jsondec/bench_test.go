package jsondec_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// documentedList is the documented list answer, one connection, as the reference pages show
// it (indented).
const documentedList = "../../testdata/examples/ListEnhancedConnections.response-200.facts-3-3.json"

// documentedListOf is the answer bench/ measures the clients with: the documented connection
// repeated n times with distinct ids, names and peer ids, compact (420 KB for 1,000).
func documentedListOf(tb testing.TB, n int) []byte {
	raw, err := os.ReadFile(documentedList)
	if err != nil {
		tb.Fatal(err)
	}
	var doc struct {
		IsSuccess   bool              `json:"is_success"`
		Message     string            `json:"message"`
		Count       int               `json:"count"`
		Connections []json.RawMessage `json:"connections"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		tb.Fatal(err)
	}
	tmpl := string(doc.Connections[0])
	conns := make([]json.RawMessage, n)
	for i := range conns {
		c := strings.ReplaceAll(tmpl, "4c693ecc-bab8-4113-a838-129cedc9a563", fmt.Sprintf("4c693ecc-bab8-4113-a838-%012d", i))
		c = strings.ReplaceAll(c, "d2ae6628-fa37-4e04-806d-c59c497492d1", fmt.Sprintf("d2ae6628-fa37-4e04-806d-%012d", i))
		c = strings.ReplaceAll(c, `"withvpc"`, fmt.Sprintf(`"withvpc_%04d"`, i))
		conns[i] = json.RawMessage(c)
	}
	doc.Count, doc.Connections = n, conns
	data, err := json.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// listAnswer is a list answer of n connections with every field of a connection set, hosts
// and routes included, deterministic.
func listAnswer(n int) []byte {
	str := func(s string) *string { return &s }
	i64 := func(v int64) *int64 { return &v }
	boolean := func(v bool) *bool { return &v }
	uuid := func(kind, i int) *string {
		return str(fmt.Sprintf("%08x-5609-40c9-affd-%012x", kind*1000003+i, i*7919))
	}
	list := connList{Count: new(int32), IsSuccess: boolean(true), Message: str("")}
	*list.Count = int32(n)
	for i := 0; i < n; i++ {
		status := connStatuses[i%len(connStatuses)]
		peerSt := peerStatuses[i%len(peerStatuses)]
		c := conn{
			ID:            uuid(1, i),
			Name:          str(fmt.Sprintf("conn_%d", i)),
			Status:        &status,
			CreateTime:    i64(1566888011125 + int64(i)*1000),
			DestVpcID:     uuid(2, i),
			DestNetworkID: uuid(3, i),
			IsPrivis:      boolean(i%2 == 0),
			Ipv6Enable:    boolean(false),
			AvailableQueueInfo: []peer{{
				Name: str(fmt.Sprintf("queue_%d", i%17)), PeerID: uuid(4, i), Status: &peerSt,
				ErrMsg: str(""), UpdateTime: i64(1566889577861 + int64(i)),
			}},
			ElasticResourcePools: []peer{},
			Hosts: []host{
				{IP: str(fmt.Sprintf("192.168.%d.%d", i/250, i%250+1)), Name: str(fmt.Sprintf("ecs-97f8-%04d", i))},
			},
		}
		if i%4 == 0 {
			c.Routes = []route{{Name: str("route"), Cidr: str("192.168.2.0/24"), CreateTime: i64(1566888011125)}}
		}
		list.Connections = append(list.Connections, c)
	}
	data, err := json.Marshal(list)
	if err != nil {
		panic(err)
	}
	return data
}

// TestBenchAnswers checks that the benchmarks' answers decode the same both ways.
func TestBenchAnswers(t *testing.T) {
	for name, data := range benchAnswers(t) {
		t.Logf("%s: %d bytes", name, len(data))
		jsondectest.Check(t, data, decodeConnList)
	}
}

// benchAnswers are the answers of the benchmarks by name: the documented one-connection
// answer, the 1,000 connections bench/ uses, and 1,000 connections with hosts and routes.
func benchAnswers(tb testing.TB) map[string][]byte {
	small, err := os.ReadFile(documentedList)
	if err != nil {
		tb.Fatal(err)
	}
	return map[string][]byte{
		"documented":        small,
		"1000":              documentedListOf(tb, 1000),
		"1000-hosts-routes": listAnswer(1000),
	}
}

// BenchmarkDecodeList decodes each answer with encoding/json and with the hand-written
// decoder, into a new value each time as the client does. Besides the wall time it reports
// cpu-ns/op, the process's CPU time per decode, which stays comparable on a shared machine.
func BenchmarkDecodeList(b *testing.B) {
	answers := benchAnswers(b)
	for _, name := range []string{"1000", "1000-hosts-routes", "documented"} {
		data := answers[name]
		b.Run(name+"/encoding_json", func(b *testing.B) {
			measure(b, data, func() error {
				var v connList
				return json.Unmarshal(data, &v)
			})
		})
		b.Run(name+"/jsondec", func(b *testing.B) {
			measure(b, data, func() error {
				var v connList
				return jsondec.Unmarshal(data, &v, decodeConnList)
			})
		})
	}
}

func measure(b *testing.B, data []byte, decode func() error) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := decode(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
