package fake

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestLog(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{Now: clock.Now})
	_, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project)+"?limit=5", "", http.Header{"X-Project-Id": {project}})
	require.NoError(t, err)
	mustSend(t, r, "GET", "/nowhere", "")
	mustSend(t, r, "POST", connsPath(project), `{"name":"x-y"}`)
	r.InjectFaults("CreateEnhancedConnection", Fault{Status: 502, AfterHandler: true})
	mustSend(t, r, "POST", connsPath(project), `{"name":"ok","dest_vpc_id":"v","dest_network_id":"n"}`)

	reqs := r.Requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, RecordedRequest{
		Time: clock.Now(), Method: "GET", Path: connsPath(project), RawQuery: "limit=5",
		OperationID: "ListEnhancedConnections", Header: reqs[0].Header, Status: 200,
	}, reqs[0])
	assert.Equal(t, project, reqs[0].Header.Get("X-Project-Id"))
	assert.Equal(t, "", reqs[1].OperationID)
	assert.Equal(t, 404, reqs[1].Status)
	assert.Equal(t, "CreateEnhancedConnection", reqs[2].OperationID)
	assert.Equal(t, 400, reqs[2].Status)
	assert.Equal(t, `{"name":"x-y"}`, string(reqs[2].Body))
	assert.Equal(t, 502, reqs[3].Status, "the status the client got, not the operation's")

	reqs[0].Header.Set("X-Project-Id", "changed")
	assert.Equal(t, project, r.Requests()[0].Header.Get("X-Project-Id"), "callers get copies")

	assert.Equal(t, 1, r.Calls("ListEnhancedConnections"))
	assert.Equal(t, 1, r.Calls("CreateEnhancedConnection"), "the invalid create never reached it")
	assert.Equal(t, 2, r.Calls(""))
}

func TestEveryAnswerHasARequestID(t *testing.T) {
	r := start(t, Options{})
	seen := map[string]bool{}
	for _, path := range []string{connsPath(project), "/nowhere", connsPath(project) + "/" + missingID} {
		a := mustSend(t, r, "GET", path, "")
		id := a.header.Get("X-Request-Id")
		assert.Len(t, id, 32)
		assert.False(t, seen[id])
		seen[id] = true
	}
}
