package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// TestJudge: what a lookup that found connections of the request's name makes of them. Only
// exactly one, of the request's VPC and subnet, created no earlier than RecoverClockSkew before
// the call began, is adopted.
func TestJudge(t *testing.T) {
	start := time.Date(2026, 5, 28, 12, 0, 0, 0, time.UTC)
	req := validCreate()
	mine := func(mutate func(*gen.EnhancedConnection)) gen.EnhancedConnection {
		c := gen.EnhancedConnection{ID: "c1", Name: req.Name, DestVpcID: req.DestVpcID, DestNetworkID: req.DestNetworkID,
			CreateTime: start.Add(time.Second).UnixMilli()}
		if mutate != nil {
			mutate(&c)
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		found  []gen.EnhancedConnection
		adopt  bool
		reason string
	}{
		{"one, just made", []gen.EnhancedConnection{mine(nil)}, true, ""},
		{"DLI's clock ahead of ours", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) { c.CreateTime = start.Add(time.Hour).UnixMilli() })}, true, ""},
		{"DLI's clock behind, within the allowance", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) {
			c.CreateTime = start.Add(-RecoverClockSkew).UnixMilli()
		})}, true, ""},
		{"one millisecond older than the allowance", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) {
			c.CreateTime = start.Add(-RecoverClockSkew).UnixMilli() - 1
		})}, false, "it was created before this call began at 2026-05-28T12:00:00Z (less 5m0s for clock skew)"},
		{"no create_time", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) { c.CreateTime = 0 })}, false,
			"it has no create_time, so whether this call made it cannot be told"},
		{"another VPC", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) { c.DestVpcID = "vpc-2" })}, false,
			`its dest_vpc_id is "vpc-2", not "22094d8f-c310-4621-913d-4c4d655d8495"`},
		{"another subnet", []gen.EnhancedConnection{mine(func(c *gen.EnhancedConnection) { c.DestNetworkID = "subnet-2" })}, false,
			`its dest_network_id is "subnet-2", not "78f2562a-36e4-4b39-95b9-f5aab22e1281"`},
		{"two, both matching", []gen.EnhancedConnection{mine(nil), mine(func(c *gen.EnhancedConnection) { c.ID = "c2" })}, false,
			"2 connections have that name: which one this call made cannot be told"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recoverer{op: &opCreateEnhancedConnection, body: &req, start: start}
			item, reason := r.judge(tc.found)
			assert.Equal(t, tc.adopt, item != nil)
			assert.Equal(t, tc.reason, reason)
		})
	}
}

// TestClassifyCreateFailure: which failures of a create leave open whether it happened.
func TestClassifyCreateFailure(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want failureKind
	}{
		{"a refusal naming a field", &APIError{StatusCode: 400, Code: "DLI.0001"}, failDefinitive},
		{"unauthorized", &APIError{StatusCode: 401, Code: "APIGW.0301"}, failDefinitive},
		{"is_success false in a 201", &APIError{StatusCode: 201, Message: "is_success is false"}, failDefinitive},
		{"already exists", &APIError{StatusCode: 400, Code: "DLI.0006"}, failExists},
		{"throttled", &APIError{StatusCode: 429, Code: "APIGW.0308"}, failAmbiguous},
		{"DLI's 500", &APIError{StatusCode: 500, Code: "DLI.0999"}, failAmbiguous},
		{"gateway timeout", &APIError{StatusCode: 504, Code: "APIGW.0203"}, failAmbiguous},
		{"a 201 without connection_id", &InvalidAnswerError{StatusCode: 201, Field: "connection_id"}, failAmbiguous},
		{"an answer too large", &InvalidAnswerError{StatusCode: 201, Err: ErrAnswerTooLarge}, failAmbiguous},
		{"a redirect", &RedirectError{StatusCode: 302}, failDefinitive},
		{"another origin", fmt.Errorf("dli: x: %w", errOtherOrigin), failDefinitive},
		{"a refused dial", fmt.Errorf("dli: x: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), failDefinitive},
		{"a failed DNS lookup", fmt.Errorf("dli: x: %w", &net.DNSError{Err: "no such host", Name: "dli.example"}), failDefinitive},
		{"a reset", fmt.Errorf("dli: x: %w", &net.OpError{Op: "read", Err: syscall.ECONNRESET}), failAmbiguous},
		{"the deadline", fmt.Errorf("dli: x: %w", context.DeadlineExceeded), failAmbiguous},
		{"a cut answer", errors.New("unexpected EOF"), failAmbiguous},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, classifyCreateFailure(tc.err)) })
	}
}

// TestRecoverLookupPages: the service's name filter is not documented as exact. Against one
// that ignores it and lists 250 connections, the lookup reads every page and compares the names
// itself: the one of the request's name, on the third page, is adopted.
func TestRecoverLookupPages(t *testing.T) {
	req := validCreate()
	var all []gen.EnhancedConnection
	for i := range 250 {
		c := gen.EnhancedConnection{ID: "id-" + strconv.Itoa(i), Name: "other_" + strconv.Itoa(i), DestVpcID: "vpc-x", DestNetworkID: "subnet-x",
			Status: gen.ConnectionActive, CreateTime: time.Now().UnixMilli()}
		if i == 230 {
			c.Name, c.DestVpcID, c.DestNetworkID = req.Name, req.DestVpcID, req.DestNetworkID
		}
		all = append(all, c)
	}
	srv := newSignedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			reply(http.StatusGatewayTimeout, "application/json", `{"error_code":"APIGW.0203","error_msg":"Backend timeout."}`)(w, r)
			return
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		page := all[min(offset, len(all)):min(offset+limit, len(all))]
		body, _ := json.Marshal(map[string]any{"is_success": true, "message": "", "count": len(page), "connections": page})
		reply(http.StatusOK, "application/json", string(body))(w, r)
	})
	c := newTestClient(t, srv.URL)
	resp, err := c.CreateEnhancedConnection(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, "id-230", resp.ConnectionID)
	assert.True(t, IsRecovered(resp), resp.Message)
	assert.Equal(t, 1+3, srv.count(), "the create and three pages of 100")
}

// TestRecoverScrubsWhatTheLookupFound: what a lookup found is text a server sent; a server that
// echoes the client's secret key in it does not get it into the error, whatever the verb.
func TestRecoverScrubsWhatTheLookupFound(t *testing.T) {
	req := validCreate()
	srv := newSignedServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			reply(http.StatusGatewayTimeout, "application/json", `{"error_code":"APIGW.0203","error_msg":"Backend timeout."}`)(w, r)
			return
		}
		page := []gen.EnhancedConnection{{ID: "id-" + testSK, Name: req.Name, DestVpcID: "vpc-" + testSK, DestNetworkID: req.DestNetworkID,
			Status: gen.ConnectionActive, CreateTime: time.Now().UnixMilli()}}
		body, _ := json.Marshal(map[string]any{"is_success": true, "message": "", "count": 1, "connections": page})
		reply(http.StatusOK, "application/json", string(body))(w, r)
	})
	c := newTestClient(t, srv.URL)
	_, err := c.CreateEnhancedConnection(context.Background(), req)
	var oe *CreateOutcomeError
	require.True(t, errors.As(err, &oe), "got %v", err)
	assert.Equal(t, CreateExists, oe.Outcome)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		assert.NotContains(t, fmt.Sprintf(verb, err), testSK, verb)
		assert.NotContains(t, fmt.Sprintf(verb, oe.Found), testSK, verb)
	}
	assert.Contains(t, err.Error(), "dest_vpc_id", "the found connection is still described")
}
