package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// held reports whether rb still owns its buffer, i.e. has not returned it to the pool.
func held(rb *requestBody) bool {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	return rb.buf != nil
}

func TestRequestBodyIsReusedOnlyAfterTheCallAndEveryReader(t *testing.T) {
	rb := newRequestBody(func(b []byte) []byte { return append(b, `{"x":1}`...) })
	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/x", nil)
	require.NoError(t, err)
	require.NoError(t, rb.editRequest(context.Background(), req))
	assert.Equal(t, int64(7), req.ContentLength)

	again, err := req.GetBody()
	require.NoError(t, err)
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"x":1}`, string(got))
	var hashed bytes.Buffer
	_, err = io.Copy(&hashed, again) // through WriteTo, as the signer hashes
	require.NoError(t, err)
	assert.Equal(t, `{"x":1}`, hashed.String())

	rb.release()
	rb.release()
	assert.True(t, held(rb), "two readers are still open")
	require.NoError(t, req.Body.Close())
	require.NoError(t, req.Body.Close(), "a second Close is harmless")
	assert.True(t, held(rb), "a second Close of the same reader does not count twice")
	require.NoError(t, again.Close())
	assert.False(t, held(rb), "the last Close returns the buffer")

	_, err = req.Body.Read(make([]byte, 1))
	assert.ErrorIs(t, err, http.ErrBodyReadAfterClose)
	_, err = req.GetBody()
	assert.ErrorIs(t, err, errBodyReleased)
}

func TestRequestBodyWithoutReadersIsReleasedAtOnce(t *testing.T) {
	rb := newRequestBody(func(b []byte) []byte { return append(b, "{}"...) })
	rb.release()
	assert.False(t, held(rb))
}

// blockingWriter blocks its first Write until released, as a network write to a slow peer does.
type blockingWriter struct {
	entered, unblock chan struct{}
	got              []byte
}

func (w *blockingWriter) Write(p []byte) (int, error) {
	close(w.entered)
	<-w.unblock
	w.got = append(w.got, p...)
	return len(p), nil
}

func TestRequestBodyCloseDuringAWriteNeitherBlocksNorFreesTheBuffer(t *testing.T) {
	rb := newRequestBody(func(b []byte) []byte { return append(b, `{"hosts":[]}`...) })
	rc, err := rb.open()
	require.NoError(t, err)
	rb.release()

	w := &blockingWriter{entered: make(chan struct{}), unblock: make(chan struct{})}
	done := make(chan error)
	go func() {
		_, err := rc.(io.WriterTo).WriteTo(w)
		done <- err
	}()
	<-w.entered
	// net/http may close a request body from another goroutine while it is being written.
	// Close must return (this would hang otherwise) and must not free the buffer the write
	// is still reading.
	require.NoError(t, rc.Close())
	assert.True(t, held(rb), "the buffer stays while a write reads it")
	close(w.unblock)
	require.NoError(t, <-done)
	assert.Equal(t, `{"hosts":[]}`, string(w.got))
	assert.False(t, held(rb), "the buffer is returned when the write ends")
}

func TestReadAnswerSizesFromContentLengthAndStopsAtTheLimit(t *testing.T) {
	big := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		name    string
		length  int64
		limit   int64
		wantErr error
	}{
		{"exact", 5000, 1 << 20, nil},
		{"unknown", -1, 1 << 20, nil},
		{"too small a claim", 10, 1 << 20, nil},
		{"a claim over the limit fails before reading", 1 << 40, 1 << 20, ErrAnswerTooLarge},
		{"exactly the limit", -1, 5000, nil},
		{"one byte over the limit", -1, 4999, ErrAnswerTooLarge},
		{"a false claim under the limit", 100, 4999, ErrAnswerTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAnswer(strings.NewReader(big), tc.length, tc.limit)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, big, string(*got))
			releaseAnswer(got)
		})
	}
	boom := errors.New("boom")
	_, err := readAnswer(io.MultiReader(strings.NewReader("abc"), iotestErrReader{boom}), 3, 100)
	assert.ErrorIs(t, err, boom)
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

// TestEveryPooledBodyGoesBackWhenItsCallEnds runs each body-carrying call through a client whose
// transport is a fake that consumes and closes every body, with retries, and checks that every
// body handed out was closed and its buffer released by the time the call returned.
func TestEveryPooledBodyGoesBackWhenItsCallEnds(t *testing.T) {
	var mu sync.Mutex
	var seen []*bodyReader
	var puts atomic.Int64
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if br, ok := r.Body.(*bodyReader); ok {
			mu.Lock()
			seen = append(seen, br)
			mu.Unlock()
		}
		if err := signer.Verify(r, func(ak string) (string, bool) { return testSK, ak == testAK }); err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
		status, body := http.StatusOK, `{"is_success":true,"message":""}`
		if r.Method == http.MethodPost {
			status, body = http.StatusCreated, createdAnswer
		}
		if r.Method == http.MethodPut && puts.Add(1)%2 == 1 {
			status = http.StatusServiceUnavailable // every other PUT is retried
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: base} })
	ctx := context.Background()
	// Bodies beyond smallBody come from the pool; smaller ones are per-call copies.
	big := vtBigCreate(1000)
	for range 5 {
		_, err := c.CreateEnhancedConnection(ctx, big)
		require.NoError(t, err)
		_, err = c.UpdateEnhancedConnection(ctx, testConnID, gen.UpdateEnhancedConnectionRequest{Hosts: big.Hosts})
		require.NoError(t, err)
	}
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, seen, 15, "5 creates, 5 updates of 2 attempts each")
	for i, br := range seen {
		br.owner.mu.Lock()
		closed, buf := br.closed, br.owner.buf
		br.owner.mu.Unlock()
		assert.True(t, closed, "body %d closed", i)
		assert.Nil(t, buf, "buffer of body %d released", i)
	}
}

// TestABodyReadAfterTheCallReturnedIsIntact uses a transport that, as the RoundTripper
// contract allows, answers first and reads (and closes) the request body later, after the call
// has returned and the next call has encoded its own body. The late reader must still read the
// bytes of its own call: the buffer may not have been handed to the next call.
func TestABodyReadAfterTheCallReturnedIsIntact(t *testing.T) {
	type late struct {
		body io.ReadCloser
		want []byte
	}
	var pending []late
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var decoded gen.CreateEnhancedConnectionRequest
		// What was signed is what must be read later: take it from GetBody now.
		rc, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		now, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(now, &decoded); err != nil {
			return nil, err
		}
		pending = append(pending, late{body: r.Body, want: now})
		return &http.Response{StatusCode: http.StatusCreated, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(createdAnswer)), Request: r}, nil
	})
	c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: base} })
	for i := range 20 {
		a, b := vtBigCreate(1000), vtBigCreate(1000) // pooled bodies, beyond smallBody
		a.Name, b.Name = fmt.Sprintf("first_%02d", i), fmt.Sprintf("other_%02d", i)
		_, err := c.CreateEnhancedConnection(context.Background(), a)
		require.NoError(t, err)
		_, err = c.CreateEnhancedConnection(context.Background(), b)
		require.NoError(t, err)
		for _, p := range pending {
			got, err := io.ReadAll(p.body)
			require.NoError(t, err)
			require.NoError(t, p.body.Close())
			require.Equal(t, string(p.want), string(got), "a body read late is the one its call sent")
		}
		pending = pending[:0]
	}
}

// TestBigBodiesSurviveEarlyAnswersAndConcurrency sends large creates concurrently to a server
// that answers half of them without reading the body, so that net/http may still be writing
// (and closes) a body after the call returned, while other calls take buffers from the pool.
// Under -race this proves that no buffer is reused while a transport reads it; the other half
// are checked byte for byte: valid signature, and exactly the JSON encoding/json writes.
func TestBigBodiesSurviveEarlyAnswersAndConcurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("sends about 30 MB")
	}
	var seen, checked, early, bad atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1)%2 == 0 {
			early.Add(1)
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, createdAnswer)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err == nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
			err = signer.Verify(r, func(ak string) (string, bool) { return testSK, ak == testAK })
		}
		var decoded gen.CreateEnhancedConnectionRequest
		if err == nil {
			err = json.Unmarshal(body, &decoded)
		}
		if err == nil {
			if want, _ := json.Marshal(&decoded); !bytes.Equal(body, want) {
				err = fmt.Errorf("body is not what encoding/json writes")
			}
		}
		if err != nil {
			bad.Add(1)
			t.Errorf("request of %d bytes: %v", len(body), err)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		checked.Add(1)
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, createdAnswer)
	}))
	t.Cleanup(srv.Close)
	// Writes trickle out in small pieces, so that an early answer arrives well before the body
	// is written: net/http then returns the answer and goes on writing the body.
	slow := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return slowConn{conn}, nil
	}}
	t.Cleanup(slow.CloseIdleConnections)
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Credentials.SecurityToken = Secret{}
		cfg.HTTPClient = &http.Client{Transport: slow}
	})

	const workers, perWorker = 4, 4
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				// About 800 KB: more than net/http's server drains from a body its handler
				// did not read, so that it answers and closes while the client still writes.
				body := vtBigCreate(20000 - w*perWorker - i)
				body.Name = fmt.Sprintf("conn_%d_%d", w, i)
				if _, err := c.CreateEnhancedConnection(context.Background(), body); err != nil {
					t.Errorf("worker %d, create %d: %v", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, bad.Load())
	assert.Equal(t, int64(workers*perWorker), checked.Load()+early.Load())
	t.Logf("%d bodies checked byte for byte, %d answered before they were read", checked.Load(), early.Load())
}

// slowConn writes in pieces of 16 KB and yields between them.
type slowConn struct{ net.Conn }

func (c slowConn) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n, err := c.Conn.Write(p[:min(len(p), 16<<10)])
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
		time.Sleep(20 * time.Microsecond)
	}
	return written, nil
}
