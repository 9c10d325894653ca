package fake

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartListensOnLoopbackOnly(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"", true},
		{"127.0.0.1:0", true},
		{"localhost:0", true},
		{"0.0.0.0:0", false},
		{":0", false},
		{"192.0.2.1:0", false},
		{"[::]:0", false},
		{"example.com:0", false},
		{"127.0.0.1", false}, // no port
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			r, err := Start(Options{Addr: tt.addr})
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			defer func() { require.NoError(t, r.Close()) }()
			assert.True(t, strings.HasPrefix(r.URL(), "http://127.0.0.1:") || strings.HasPrefix(r.URL(), "http://[::1]:"), r.URL())
			a := mustSend(t, r, "GET", connsPath(project), "")
			assert.Equal(t, http.StatusOK, a.status)
		})
	}
}

func TestServerStartUsesItsOptions(t *testing.T) {
	s, err := New(Options{Addr: "0.0.0.0:0"})
	require.NoError(t, err)
	_, err = s.Start("")
	require.Error(t, err, "Options.Addr is checked too")
	r, err := s.Start("127.0.0.1:0")
	require.NoError(t, err)
	require.NoError(t, r.Close())
	require.NoError(t, r.Close(), "Close twice is fine")
	_, err = http.Get(r.URL() + connsPath(project))
	assert.Error(t, err, "closed servers do not answer")
}

func TestOperationsAreTheSpecs(t *testing.T) {
	s, err := New(Options{})
	require.NoError(t, err)
	ops := s.Operations()
	assert.Equal(t, specOperationIDs(t), ops, "the spec's operationIds, sorted")
	for _, op := range ops {
		assert.NotPanics(t, func() { s.InjectFaults(op, Fault{Status: 500}) }, op)
	}
}
