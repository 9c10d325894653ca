// A small typed client for CreateEnhancedConnection built only on the types that
// openapi-typescript generates from the spec (dli.d.ts) and the platform's fetch. CI compiles it
// with `tsc --strict --noEmit -p ts`; the @ts-expect-error lines prove the types are strict: if the
// generated types ever stopped rejecting those values, the compile would fail.
import type { components, operations, paths } from "./dli";

export type CreateEnhancedConnectionRequest = components["schemas"]["CreateEnhancedConnectionRequest"];
export type CreateEnhancedConnectionResponse =
  operations["CreateEnhancedConnection"]["responses"][201]["content"]["application/json"];
export type DLIError = components["schemas"]["Error"];
type CreatePath = "/v2.0/{project_id}/datasource/enhanced-connections";
type CreatePathParams = paths[CreatePath]["post"]["parameters"]["path"];

/** Builds the body of a create request that binds queues and maps host names. */
export function createRequest(
  name: string,
  vpcId: string,
  subnetId: string,
  queues: string[],
  hosts: Record<string, string>,
): CreateEnhancedConnectionRequest {
  return {
    name,
    dest_vpc_id: vpcId,
    dest_network_id: subnetId,
    queues,
    hosts: Object.entries(hosts).map(([hostName, ip]) => ({ name: hostName, ip })),
  };
}

/** An answer other than 201, with the DLI error body when there is one. */
export class DLIRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: DLIError | undefined,
  ) {
    super(`DLI answered ${status}: ${body?.error_code ?? ""} ${body?.error_msg ?? ""}`.trim());
  }
}

/** POSTs the request with an IAM token and returns the typed 201 answer. */
export async function createEnhancedConnection(
  baseUrl: string,
  token: string,
  path: CreatePathParams,
  body: CreateEnhancedConnectionRequest,
  fetchFn: typeof fetch = fetch,
): Promise<CreateEnhancedConnectionResponse> {
  const url = `${baseUrl}/v2.0/${encodeURIComponent(path.project_id)}/datasource/enhanced-connections`;
  const res = await fetchFn(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": token },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) {
    throw new DLIRequestError(res.status, (await res.json().catch(() => undefined)) as DLIError | undefined);
  }
  const created = (await res.json()) as CreateEnhancedConnectionResponse;
  if (created.is_success === false) throw new DLIRequestError(res.status, { error_msg: created.message ?? "" });
  return created;
}

/** Typical use: the answer's fields are typed (connection_id is a string or absent). */
export async function example(baseUrl: string, token: string): Promise<string | undefined> {
  const created = await createEnhancedConnection(
    baseUrl,
    token,
    { project_id: "48cc2c48765f481480c7db940d6409d1" },
    createRequest("rds_conn", "22094d8f-c310-4621-913d-4c4d655d8495", "78f2562a-36e4-4b39-95b9-f5aab22e1281", ["q1"], {
      "ecs-97f8-0001": "192.168.0.1",
    }),
  );
  return created.connection_id;
}

// The types are strict: each line below must be a compile error.
export const strictness: unknown[] = [
  // @ts-expect-error name is a string, not a number
  { name: 42, dest_vpc_id: "v", dest_network_id: "n" } satisfies CreateEnhancedConnectionRequest,
  // @ts-expect-error dest_network_id is required
  { name: "rds_conn", dest_vpc_id: "v" } satisfies CreateEnhancedConnectionRequest,
  // @ts-expect-error hosts are objects {name, ip}, not strings
  { name: "rds_conn", dest_vpc_id: "v", dest_network_id: "n", hosts: ["192.168.0.1"] } satisfies CreateEnhancedConnectionRequest,
  // @ts-expect-error the list filter is a string (ACTIVE or DELETED in any case), not a boolean
  { status: true } satisfies NonNullable<operations["ListEnhancedConnections"]["parameters"]["query"]>,
  // @ts-expect-error connection_id of the 201 answer is a string
  { connection_id: 7 } satisfies CreateEnhancedConnectionResponse,
];
