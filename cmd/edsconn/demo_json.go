package main

import (
	"io"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// demoJSON collects the demo's steps into one document, printed when the procedure is done, so
// that standard output holds nothing but valid JSON.
type demoJSON struct {
	Target    string     `json:"target"`
	ProjectID string     `json:"project_id"`
	Steps     []demoStep `json:"steps"`
	Result    string     `json:"result"`
}

// demoStep is what one step sent and what it received.
type demoStep struct {
	Step      int        `json:"step"`
	Title     string     `json:"title"`
	Operation string     `json:"operation"`
	Request   any        `json:"request,omitempty"`
	Answer    any        `json:"answer"`
	Polls     []demoPoll `json:"polls,omitempty"`
}

// demoPoll is one poll of the wait.
type demoPoll struct {
	Poll      int      `json:"poll"`
	ElapsedMS int64    `json:"elapsed_ms"`
	Pending   []string `json:"pending,omitempty"`
	Failed    []string `json:"failed,omitempty"`
}

func (d *demoJSON) start(target, projectID string) { d.Target, d.ProjectID = target, projectID }

func (d *demoJSON) begin(n int, title string) {
	d.Steps = append(d.Steps, demoStep{Step: n, Title: title})
}

func (d *demoJSON) result(operation string, request, answer any, _ *schema) error {
	s := &d.Steps[len(d.Steps)-1]
	s.Operation, s.Request, s.Answer = operation, request, answer
	return nil
}

func (d *demoJSON) progress() func(wrapper.WaitProgress) {
	return func(p wrapper.WaitProgress) {
		s := &d.Steps[len(d.Steps)-1]
		poll := demoPoll{Poll: p.Poll, ElapsedMS: p.Elapsed.Milliseconds(), Pending: p.Pending}
		for _, f := range p.Failures {
			poll.Failed = append(poll.Failed, f.Kind+" "+f.Name)
		}
		s.Polls = append(s.Polls, poll)
	}
}

func (d *demoJSON) done(summary string) { d.Result = summary }

func (d *demoJSON) finish(w io.Writer) error {
	b, err := jsonBytes(d)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
