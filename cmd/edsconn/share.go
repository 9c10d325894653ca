package main

import (
	"context"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// grant and revoke are RunAuthorizationAction as the vendor's Terraform privilege resource uses
// it on a connection: object edsconnections.<connection id>, privilege BIND_QUEUE. The generic
// command (edsconn RunAuthorizationAction) takes any object and privilege.
const (
	connectionObjectPrefix = "edsconnections."
	bindQueuePrivilege     = "BIND_QUEUE"
)

func shareFlags(name string, action gen.AuthorizationAction) func() *builtinFlags {
	text := map[gen.AuthorizationAction]string{
		gen.AuthorizationGrant: "Lets another project bind its queues to a connection (RunAuthorizationAction with action grant, " +
			"object edsconnections.CONNECTION_ID and privilege BIND_QUEUE). The grant shows in 'edsconn privileges' " +
			"and turns the connection's isPrivis false.",
		gen.AuthorizationRevoke: "Withdraws what grant gave a project on a connection (RunAuthorizationAction with action revoke, " +
			"object edsconnections.CONNECTION_ID and privilege BIND_QUEUE).",
	}[action]
	return func() *builtinFlags { return newBuiltinFlags(name, text, "json", "CONNECTION_ID", "PROJECT_ID") }
}

func shareCommand(name string, action gen.AuthorizationAction) func(ctx context.Context, e *env, args []string) int {
	flags := shareFlags(name, action)
	return func(ctx context.Context, e *env, args []string) int {
		b := flags()
		pos, code, ok := b.parse(e, args)
		if !ok {
			return code
		}
		if err := e.setOutput(b.g.output, "json", "table"); err != nil {
			return e.fail(err)
		}
		if err := e.connect(b.g); err != nil {
			return e.fail(err)
		}
		defer e.close()
		e.answers.take()
		out, err := e.client.RunAuthorizationAction(ctx, gen.RunAuthorizationActionRequest{
			Action:     action,
			ProjectID:  pos[1],
			Privileges: []gen.ObjectPrivileges{{Object: connectionObjectPrefix + pos[0], Privileges: []string{bindQueuePrivilege}}},
		})
		if err != nil {
			return e.fail(err)
		}
		if raw := e.answers.take(); raw != nil {
			return e.fail(e.print(rawAnswer(raw), opRunAuthorizationAction.answer))
		}
		return e.fail(e.print(out, opRunAuthorizationAction.answer))
	}
}
