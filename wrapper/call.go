package wrapper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// operation is what a call needs to know of one operation of the spec. The values are generated
// from the spec (operations.gen.go), one per operationId.
type operation struct {
	id     string
	method string
	// path is the spec's path template; pathParams names its parameters in order, the first
	// always project_id.
	path       string
	pathParams []string
	// idempotent operations may be retried after an answer or a failure that leaves open
	// whether they ran: GET, PUT, DELETE, and POSTs the spec marks x-idempotent.
	idempotent bool
	// query appends the encoded query parameters of a *XxxParams (nil when the operation has none).
	query func(b []byte, params any) []byte
	// encode appends the JSON of the request body (nil when the operation has none).
	encode func(b []byte, body any) []byte
	// newBody, newParams and newAnswer return a new *gen value of the operation's request body,
	// parameters and success answer (nil when it has none), for code that handles every
	// operation alike.
	newBody, newParams, newAnswer func() any
	// decode decodes a success answer into out: a JSON object of the success type, or an error.
	decode func(data []byte, out any) error
	// required reports a field the spec requires that a decoded answer lacks (nil when the
	// answer has no required fields).
	required func(out any) error
	// envelope reads is_success and message of a decoded answer.
	envelope func(out any) (ok bool, message string)
	// noContent is set for an operation whose documented success answer has no body (a 204):
	// decode then takes an empty body as the success.
	noContent bool
	// recover finds the result of a create whose answer was lost (recover.go); nil for every
	// operation without the spec's x-recover.
	recover *recovery
}

// callArgs are the arguments of one call, as the generated methods pass them.
type callArgs struct {
	// path are the values of the path parameters after project_id, in template order.
	path   [maxPathParams]string
	params any
	body   any
}

// run runs one operation: validate (unless turned off), then attempt, and retry where that is
// safe, until an answer is final; then turn it into out or an error. Nothing is sent for an
// invalid request, and no partial out is returned with an error. (call, in callinfo.go, runs it.)
func (c *Client) run(ctx context.Context, op *operation, a *callArgs, out any, opts []CallOption) error {
	s := c.settings(opts)
	projectID := c.projectID
	if projectID == "" {
		var err error
		if projectID, err = c.projects.ProjectID(ctx); err != nil {
			return fmt.Errorf("dli: %s: %w", op.id, err)
		}
	}
	var values [1 + maxPathParams]string
	pathValues := values[:len(op.pathParams)]
	pathValues[0] = projectID
	copy(pathValues[1:], a.path[:])
	if c.validator != nil {
		if err := c.validator.validate(op.id, op.pathParams, pathValues, a.params, a.body); err != nil {
			return err
		}
	}
	var rawQuery string
	if op.query != nil {
		rawQuery = string(op.query(nil, a.params))
	}
	u, err := c.endpoint.buildURL(op.path, pathValues, rawQuery)
	if err != nil {
		return fmt.Errorf("dli: %s: %w", op.id, err)
	}
	var body attemptBody
	if op.encode != nil && a.body != nil {
		rb := newRequestBody(func(b []byte) []byte { return op.encode(b, a.body) })
		// The buffer is given back when the call ends and every reader of it is closed.
		defer rb.release()
		body = newAttemptBody(rb)
	}

	rc := c.recoverer(ctx, op, a, out, &s)
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	var auth authRetries
	for attempt := 1; ; attempt++ {
		var keys *keySet
		if c.keys != nil {
			var err error
			if keys, err = c.keys.keys(ctx); err != nil {
				return fmt.Errorf("dli: %s: %w", op.id, err)
			}
		}
		ans, err := c.attempt(ctx, op, u, projectID, body, s.header, attempt, keys)
		if err == nil && ans.status == http.StatusUnauthorized && keys != nil && c.afterUnauthorized(ctx, ans, keys, &auth) {
			releaseAnswer(ans.body)
			continue
		}
		final, wait := c.decideRetry(ctx, op, s.retry, ans, err, attempt)
		if final {
			if err != nil {
				err = c.attemptError(ctx, op, ans, err)
			} else {
				err = c.finish(op, ans, out)
			}
			releaseAnswer(ans.body)
			if err != nil && rc.on() {
				// A create that failed may have happened: rc finds out, and says whether to
				// send it again (after its wait) or what the call's result is.
				var again bool
				if again, err = rc.settle(ctx, ans, err, attempt); again {
					continue
				}
			}
			return err
		}
		releaseAnswer(ans.body)
		if !sleep(ctx, wait) {
			if err == nil {
				err = ctx.Err()
			}
			return c.attemptError(ctx, op, ans, err)
		}
	}
}

// answer is one attempt's answer, read whole.
type answer struct {
	status int
	header http.Header
	body   *[]byte
	// wroteHeaders is set when the transport reported (through httptrace) that the request's
	// headers were written: the request left, whatever error came after.
	wroteHeaders bool
	// sdkDate is the X-Sdk-Date the attempt was signed with, and clockOffset the correction of
	// the local clock it included: what a gateway that finds the signature expired is compared
	// with.
	sdkDate     string
	clockOffset time.Duration
}

// attempt sends one attempt of a call and reads its answer whole, bounded by MaxAnswerBytes.
// Every attempt is a new request, headed and signed afresh (a new X-Sdk-Date each time).
func (c *Client) attempt(ctx context.Context, op *operation, u *url.URL, projectID string, body attemptBody, extra http.Header, attempt int, keys *keySet) (answer, error) {
	var wrote atomic.Bool
	if c.observed {
		if call := CallFromContext(ctx); call != nil {
			call.attempts.Store(int32(attempt))
		}
	}
	actx := context.WithValue(ctx, attemptKey{}, &attemptInfo{operation: op.id, attempt: attempt, scrubber: c.secrets.current()})
	if !op.idempotent {
		actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})
	}
	offset := c.clock.offset()
	req, err := c.newRequest(actx, op, u, projectID, body, extra, keys)
	if err != nil {
		return answer{}, err
	}
	sdkDate := req.Header.Get("X-Sdk-Date")
	resp, err := c.send(req)
	if err != nil {
		return answer{wroteHeaders: wrote.Load()}, err
	}
	defer resp.Body.Close()
	ans := answer{status: resp.StatusCode, header: resp.Header, wroteHeaders: true, sdkDate: sdkDate, clockOffset: offset}
	ans.body, err = readAnswer(resp.Body, resp.ContentLength, c.maxAnswer)
	if err != nil {
		return ans, err
	}
	return ans, nil
}

// newRequest builds one attempt's request: URL, body, the headers every DLI call carries (the
// User-Agent and X-Project-Id that the vendor SDK sends and signs, the IAM token when one
// authenticates, the caller's extra headers), then the AK/SK signature, last, so that it covers
// them all.
func (c *Client) newRequest(ctx context.Context, op *operation, u *url.URL, projectID string, body attemptBody, extra http.Header, keys *keySet) (*http.Request, error) {
	// NewRequestWithContext with an empty URL costs nothing to parse; the URL is filled in from
	// its parts, and a context set this way needs no copy of the request (WithContext makes one).
	req, err := http.NewRequestWithContext(ctx, op.method, "", nil)
	if err != nil {
		return nil, err
	}
	*req.URL = *u // each attempt its own copy: signing may rewrite the query
	req.Host = u.Host
	h := req.Header
	for k, v := range extra {
		h[k] = v
	}
	h.Set("User-Agent", c.userAgent)
	h.Set("X-Project-Id", projectID)
	if c.authToken.IsSet() {
		h.Set("X-Auth-Token", c.authToken.Reveal())
	}
	if body.small != nil || body.pooled != nil {
		h.Set("Content-Type", jsonContentType)
		if err := body.install(req); err != nil {
			return nil, err
		}
	}
	if keys != nil {
		if err := c.keys.sign(req, keys); err != nil {
			if req.Body != nil {
				_ = req.Body.Close()
			}
			return nil, err
		}
	}
	return req, nil
}

// jsonContentType is the media type of every request body of the spec.
const jsonContentType = "application/json"

// decideRetry says whether an attempt's outcome is final, and if not how long to wait.
func (c *Client) decideRetry(ctx context.Context, op *operation, p RetryPolicy, ans answer, err error, attempt int) (final bool, wait time.Duration) {
	if attempt >= p.MaxAttempts || ctx.Err() != nil {
		return true, 0
	}
	switch {
	case errors.Is(err, ErrAnswerTooLarge), errors.Is(err, errOtherOrigin):
		return true, 0
	case err != nil:
		// A POST may be resent only if it provably never left: once any byte may have reached
		// the server it may have acted on it, and a second create would be a second connection.
		if !op.idempotent && !neverLeft(err, ans.wroteHeaders) {
			return true, 0
		}
		wait = p.backoff(attempt)
	case op.idempotent && retryableStatus(ans.status):
		var ok bool
		if wait, ok = p.waitBeforeRetry(ctx, ans.header.Get("Retry-After"), attempt); !ok {
			return true, 0
		}
	default:
		return true, 0
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return true, 0
	}
	return false, wait
}

// finish turns a final answer into out or an error.
func (c *Client) finish(op *operation, ans answer, out any) error {
	body := *ans.body
	scrub := c.secrets.current()
	switch {
	case ans.status >= 300 && ans.status <= 399:
		return &RedirectError{Operation: op.id, StatusCode: ans.status,
			Location:  keepText(scrub, ans.header.Get("Location")),
			RequestID: keepText(scrub, ans.header.Get("X-Request-Id"))}
	case ans.status < 200 || ans.status > 299:
		e := parseAPIError(op.id, ans.status, ans.header, body, scrub)
		if skew, ok := measureSkew(ans); ok {
			return &ClockSkewError{Skew: skew + ans.clockOffset, Err: e}
		}
		return e
	}
	if err := op.decode(body, out); err != nil {
		e := &InvalidAnswerError{Operation: op.id, StatusCode: ans.status,
			RequestID: keepText(scrub, ans.header.Get("X-Request-Id")), Err: err}
		e.Field, e.Reason = describeDecodeError(err)
		return e
	}
	// An answer that says it failed is a failure first: it need not carry what success promises.
	if ok, msg := op.envelope(out); !ok {
		e := parseAPIError(op.id, ans.status, ans.header, nil, scrub)
		e.Message = keepText(scrub, msg)
		if e.Message == "" {
			e.Message = "is_success is false"
		}
		return e
	}
	if op.required != nil {
		if err := op.required(out); err != nil {
			e := &InvalidAnswerError{Operation: op.id, StatusCode: ans.status,
				RequestID: keepText(scrub, ans.header.Get("X-Request-Id")), Err: err}
			e.Field, e.Reason = describeDecodeError(err)
			return e
		}
	}
	return nil
}

// attemptError is the error of a call whose last attempt failed: an answer too large, or a
// transport error wrapped with the operation, its secrets scrubbed (a transport error may quote
// a URL or a header). When the call's time limit or the caller's context ended it, that is
// said, and errors.Is(err, context.DeadlineExceeded) holds.
func (c *Client) attemptError(ctx context.Context, op *operation, ans answer, err error) error {
	scrub := c.secrets.current()
	if errors.Is(err, ErrAnswerTooLarge) {
		return &InvalidAnswerError{Operation: op.id, StatusCode: ans.status,
			RequestID: keepText(scrub, ans.header.Get("X-Request-Id")),
			Reason:    "longer than " + strconv.FormatInt(c.maxAnswer, 10) + " bytes (Config.MaxAnswerBytes)", Err: err}
	}
	msg := err.Error()
	if scrubbed := scrub.scrub(msg); scrubbed != msg {
		err = &redactedError{msg: scrubbed, err: err}
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("dli: %s: %w (%w)", op.id, ctxErr, err)
	}
	return fmt.Errorf("dli: %s: %w", op.id, err)
}

// redactedError keeps errors.Is/As working on an error whose text had to be cleaned.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
