package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// A prototype, measured here before any change to wrapper/: encoding the create body by
// appending bytes in field order, byte for byte what encoding/json produces (the differential
// test and fuzz target below check that), instead of json.Marshal's reflection walk. It is
// what the numbers suggest for the 20,000-host create (see BenchmarkBodyCreate20000/op=append
// and /op=validate+append); it is not used by any client of the benchmarks.

// appendCreate appends the JSON of r as json.Marshal(r) writes it.
func appendCreate(b []byte, r *gen.CreateEnhancedConnectionRequest) []byte {
	b = append(b, `{"dest_network_id":`...)
	b = appendString(b, r.DestNetworkID)
	b = append(b, `,"dest_vpc_id":`...)
	b = appendString(b, r.DestVpcID)
	if len(r.ElasticResourcePools) > 0 {
		b = append(b, `,"elastic_resource_pools":`...)
		b = appendStrings(b, r.ElasticResourcePools)
	}
	if len(r.Hosts) > 0 {
		b = append(b, `,"hosts":[`...)
		for i := range r.Hosts {
			if i > 0 {
				b = append(b, ',')
			}
			h := &r.Hosts[i]
			b = append(b, '{')
			sep := false
			if h.IP != nil {
				b = append(b, `"ip":`...)
				b = appendString(b, *h.IP)
				sep = true
			}
			if h.Name != nil {
				if sep {
					b = append(b, ',')
				}
				b = append(b, `"name":`...)
				b = appendString(b, *h.Name)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	if len(r.Queues) > 0 {
		b = append(b, `,"queues":`...)
		b = appendStrings(b, r.Queues)
	}
	if r.RoutetableID != nil {
		b = append(b, `,"routetable_id":`...)
		b = appendString(b, *r.RoutetableID)
	}
	if len(r.Tags) > 0 {
		b = append(b, `,"tags":[`...)
		for i, t := range r.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"key":`...)
			b = appendString(b, t.Key)
			b = append(b, `,"value":`...)
			b = appendString(b, t.Value)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString quotes s. Printable ASCII other than `"`, `\`, `<`, `>` and `&` is copied as is;
// anything else goes through encoding/json, so escaping (HTML-safe, U+2028/2029, invalid UTF-8)
// is exactly json.Marshal's.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func TestAppendCreateMatchesJSONMarshal(t *testing.T) {
	rt := "rt-1"
	for _, r := range []gen.CreateEnhancedConnectionRequest{
		{},
		seedCreate(t),
		bigCreate(t),
		{Name: "a<b>&\"\\\n\u2028é\xff", DestVpcID: "v", DestNetworkID: "n", ElasticResourcePools: []string{"e1", ""}, Queues: []string{}, RoutetableID: &rt,
			Hosts: []gen.Host{{}, {IP: &rt}, {Name: &rt}}, Tags: []gen.Tag{{Key: "k", Value: ""}}},
	} {
		want, err := json.Marshal(&r)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendCreate(nil, &r); !bytes.Equal(got, want) {
			t.Fatalf("appendCreate differs from json.Marshal:\n got %.300s\nwant %.300s", got, want)
		}
	}
}

// FuzzAppendCreate decodes arbitrary JSON into the request type and checks the appender against
// json.Marshal on it.
func FuzzAppendCreate(f *testing.F) {
	f.Add([]byte(`{"name":"test1","dest_vpc_id":"v","dest_network_id":"n","queues":["q1","q2"],"hosts":[{"ip":"192.168.0.1","name":"ecs-97f8-0001"},{}]}`))
	f.Add([]byte(`{"name":"\u003c\u2028\ud800","tags":[{"key":"é","value":"\u0000"}],"routetable_id":"x","elastic_resource_pools":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r gen.CreateEnhancedConnectionRequest
		if json.Unmarshal(data, &r) != nil {
			return
		}
		want, err := json.Marshal(&r)
		if err != nil {
			t.Skip()
		}
		if got := appendCreate(nil, &r); !bytes.Equal(got, want) {
			t.Fatalf("appendCreate differs from json.Marshal:\n got %s\nwant %s", got, want)
		}
	})
}

// BenchmarkEncodeCreate20000 measures the prototype against json.Marshal, alone and after
// validation (what a validating client pays before signing): json.Marshal (what gen's client
// does), json.Encoder into a reused buffer (pooled buffers), the appender into a reused buffer.
func BenchmarkEncodeCreate20000(b *testing.B) {
	body := bigCreate(b)
	v, err := wrapper.DefaultValidator()
	if err != nil {
		b.Fatal(err)
	}
	path := map[string]string{"project_id": benchProject}
	var buf []byte
	var pooled bytes.Buffer
	enc := json.NewEncoder(&pooled)
	for _, c := range []struct {
		name     string
		validate bool
		encode   func() error
	}{
		{"json.Marshal", false, func() error { _, err := json.Marshal(&body); return err }},
		{"json.Encoder-reused-buffer", false, func() error { pooled.Reset(); return enc.Encode(&body) }},
		{"append", false, func() error { buf = appendCreate(buf[:0], &body); return nil }},
		{"validate+json.Marshal", true, func() error { _, err := json.Marshal(&body); return err }},
		{"validate+json.Encoder-reused-buffer", true, func() error { pooled.Reset(); return enc.Encode(&body) }},
		{"validate+append", true, func() error { buf = appendCreate(buf[:0], &body); return nil }},
		{"validate+append-fresh-buffer", true, func() error {
			// No pool: a new buffer per call, sized from the number of hosts.
			buf = appendCreate(make([]byte, 0, 512+48*len(body.Hosts)), &body)
			return nil
		}},
	} {
		b.Run("op="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.validate {
					if err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &body); err != nil {
						b.Fatal(err)
					}
				}
				if err := c.encode(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProposalCreate20000 projects the proposed wrapper change end to end: the floor plus
// validation, with the body appended (appendCreate) instead of json.Marshal, into a fresh buffer
// (client=proposal-append) or a pooled one (client=proposal-append-pooled). That is what
// wrapper.Client would do after the change, minus its retry and header transports (about
// 0.1 ms here). The current clients run beside it for the ratios.
func BenchmarkProposalCreate20000(b *testing.B) {
	body := bigCreate(b)
	srv := startServer(b, nil)
	var cs []client
	for _, c := range clients(b, srv.URL) {
		if c.name != oursNoValidate {
			cs = append(cs, c)
		}
	}
	cs = append(cs, proposalClient(b, srv.URL, false), proposalClient(b, srv.URL, true))
	for _, c := range cs {
		b.Run("client="+c.name, func(b *testing.B) {
			o := c.create(body)
			ctx := context.Background()
			if err := o(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := o(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}

func proposalClient(tb testing.TB, baseURL string, pooled bool) client {
	v, err := wrapper.DefaultValidator()
	if err != nil {
		tb.Fatal(err)
	}
	hc := &http.Client{Transport: newTransport()}
	signer := wrapper.NewSigner(benchAK, benchSK)
	url := baseURL + "/v2.0/" + benchProject + "/datasource/enhanced-connections"
	path := map[string]string{"project_id": benchProject}
	name := "proposal-append"
	if pooled {
		name += "-pooled"
	}
	return client{
		name: name,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			return func(ctx context.Context) error {
				if err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &body); err != nil {
					return err
				}
				bp := new([]byte)
				if pooled {
					bp = bodyBuffers.Get().(*[]byte)
					// The benchmark server reads the whole body before it answers, so the
					// buffer is free once the answer is read; the wrapper must instead release
					// it when the transport has closed every body it handed out.
					defer bodyBuffers.Put(bp)
				} else {
					*bp = make([]byte, 0, 512+48*len(body.Hosts))
				}
				*bp = appendCreate((*bp)[:0], &body)
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(*bp))
				if err != nil {
					return err
				}
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("User-Agent", "proposal")
				req.Header.Set("X-Project-Id", benchProject)
				if err := signer.Sign(req); err != nil {
					return err
				}
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				data, err := io.ReadAll(resp.Body)
				if err != nil {
					return err
				}
				if resp.StatusCode != http.StatusCreated {
					return fmt.Errorf("HTTP %d: %s", resp.StatusCode, data)
				}
				var out gen.CreateEnhancedConnectionResponse
				if err := json.Unmarshal(data, &out); err != nil {
					return err
				}
				return wantCreated(out.ConnectionID)
			}
		},
	}
}
