package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
	"github.com/dli-openapi/enhanced-connections/fake"
)

// The vendor's client after a 401, against the fake's gateway: a clock 20 minutes off fails
// every call (the SDK neither reads the gateway's time nor retries), and a 401 on fixed keys is
// sent once per call, as it should be. The wrapper's figures for the same cases are in its
// TestClockSkewIsCorrectedFromTheGatewaysAnswer and TestFixedKeysAreNeverRetriedAfterA401.
func TestVendorAfterA401(t *testing.T) {
	const ak, sk, project = "VENDORAK0000001", "vendor-secret-key-0123456789", "0123456789abcdef0123456789abcdef"
	cases := []struct {
		name   string
		offset time.Duration
		sk     string
		want   string // in each error
	}{
		{"clock 20 minutes behind the gateway's", 20 * time.Minute, sk, "signature expired"},
		{"a wrong secret key", 0, "not-the-secret-key", "APIGW.0301"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, err := fake.Start(fake.Options{Credentials: map[string]string{ak: sk}, Platform: fake.PlatformOptions{GatewayClockOffset: c.offset}})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			list := vendorsdk.New(srv.URL(), project, ak, c.sk, nil).List(10)
			failed := 0
			for range 5 {
				if _, err := list(); err != nil {
					failed++
					if !strings.Contains(err.Error(), c.want) {
						t.Errorf("error %v lacks %q", err, c.want)
					}
				}
			}
			t.Logf("vendor, %s: 5 calls, %d failed, %d requests reached the gateway", c.name, failed, len(srv.Requests()))
			if failed != 5 || len(srv.Requests()) != 5 {
				t.Errorf("%d of 5 failed in %d requests; want 5 in 5 (no correction, no retry)", failed, len(srv.Requests()))
			}
		})
	}
}
