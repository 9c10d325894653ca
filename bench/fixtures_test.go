package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// Credentials and project of every client; the loopback server does not check signatures in
// the benchmarks (TestClientsSendTheSameRequests does, once per client and workload).
const (
	benchAK      = "HPUAEXAMPLEAK0000001"
	benchSK      = "ExampleSecretKey0123456789abcdefghijklmnopq"
	benchProject = "48cc2c48765f481480c7db940d6409d1"
	showID       = "4c693ecc-bab8-4113-a838-129cedc9a563"
	listLimit    = 1000
	bigHosts     = 20000
)

// examples is the repository's testdata/examples: the documented bodies, checked against the
// spec by the main module's tests.
const examples = "../testdata/examples"

func readExample(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(examples, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// answers are the pre-serialised bodies the loopback server sends: the same bytes for every
// client, so that server cost is small and equal for all.
type answers struct {
	create []byte // 201 of CreateEnhancedConnection (getting-started example)
	show   []byte // 200 of ShowEnhancedConnection (seed 004, the query page)
	list   []byte // 200 of ListEnhancedConnections with 1,000 connections in the documented shape
}

var loadAnswers = sync.OnceValues(func() (answers, error) {
	var a answers
	var err error
	if a.create, err = os.ReadFile(filepath.Join(examples, "CreateEnhancedConnection.response-201.seed003-getting-started.json")); err != nil {
		return a, err
	}
	if a.show, err = os.ReadFile(filepath.Join(examples, "ShowEnhancedConnection.response-200.seed004-query.json")); err != nil {
		return a, err
	}
	raw, err := os.ReadFile(filepath.Join(examples, "ListEnhancedConnections.response-200.facts-3-3.json"))
	if err != nil {
		return a, err
	}
	// The documented list answer holds one connection; repeat it 1,000 times with distinct ids,
	// names and peer ids, keeping every documented field.
	var doc struct {
		IsSuccess   bool              `json:"is_success"`
		Message     string            `json:"message"`
		Count       int               `json:"count"`
		Connections []json.RawMessage `json:"connections"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return a, err
	}
	tmpl := string(doc.Connections[0])
	conns := make([]json.RawMessage, listLimit)
	for i := range conns {
		c := strings.ReplaceAll(tmpl, "4c693ecc-bab8-4113-a838-129cedc9a563", fmt.Sprintf("4c693ecc-bab8-4113-a838-%012d", i))
		c = strings.ReplaceAll(c, "d2ae6628-fa37-4e04-806d-c59c497492d1", fmt.Sprintf("d2ae6628-fa37-4e04-806d-%012d", i))
		c = strings.ReplaceAll(c, `"withvpc"`, fmt.Sprintf(`"withvpc_%04d"`, i))
		conns[i] = json.RawMessage(c)
	}
	doc.Count, doc.Connections = listLimit, conns
	a.list, err = json.Marshal(doc)
	return a, err
})

// startServer runs the loopback server of the benchmarks. It reads every request body to the
// end (the server of a real call must) and answers from answers by method and path; inspect, when
// not nil, sees every request before it is answered.
func startServer(tb testing.TB, inspect func(r *http.Request, body []byte)) *httptest.Server {
	tb.Helper()
	a, err := loadAnswers()
	if err != nil {
		tb.Fatal(err)
	}
	prefix := "/v2.0/" + benchProject + "/datasource/enhanced-connections"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		if inspect != nil {
			body, _ = io.ReadAll(r.Body)
			inspect(r, body)
		} else {
			_, _ = io.Copy(io.Discard, r.Body)
		}
		var answer []byte
		status := http.StatusOK
		switch {
		case r.Method == http.MethodPost && r.URL.Path == prefix:
			answer, status = a.create, http.StatusCreated
		case r.Method == http.MethodGet && r.URL.Path == prefix:
			answer = a.list
		case r.Method == http.MethodGet && r.URL.Path == prefix+"/"+showID:
			answer = a.show
		default:
			http.Error(w, `{"error_code":"DLI.0001","error_msg":"no such route in the benchmark server"}`, http.StatusBadRequest)
			return
		}
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{fmt.Sprint(len(answer))}
		w.WriteHeader(status)
		_, _ = w.Write(answer)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// seedCreate is the body of the getting-started page (seed 003): two hosts, two queues.
func seedCreate(tb testing.TB) gen.CreateEnhancedConnectionRequest {
	var req gen.CreateEnhancedConnectionRequest
	if err := json.Unmarshal(readExample(tb, "CreateEnhancedConnection.request.seed003-getting-started.json"), &req); err != nil {
		tb.Fatal(err)
	}
	return req
}

// bigCreate is the largest create the spec allows: 20,000 hosts (about 717 KB of JSON), with the
// seed's name, VPC, subnet and queues.
func bigCreate(tb testing.TB) gen.CreateEnhancedConnectionRequest {
	req := seedCreate(tb)
	req.Hosts = make([]gen.Host, bigHosts)
	for i := range req.Hosts {
		name := fmt.Sprintf("host-%05d", i+1)
		ip := fmt.Sprintf("10.0.%d.%d", i/250, i%250+1)
		req.Hosts[i] = gen.Host{Name: &name, IP: &ip}
	}
	return req
}
