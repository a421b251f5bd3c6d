/**
 * The mode switch (lib/linking/management-access.ts) on the edges the flow
 * tests cannot reach through the local tenant: a recording Management client
 * and token source stand in for the tenant here.
 */
import { createManagementAccess } from "@/lib/linking/management-access";
import type { ManagementClient } from "@/lib/management/client";
import type { MachineTokenSource } from "@/lib/management/machine-token";
import type { ManagementResult } from "@/lib/management/types";
import { recordingLogger } from "../support/recording-logger";

function tokens(): MachineTokenSource & { issued: number; forgotten: number } {
  const source = {
    issued: 0,
    forgotten: 0,
    token: async (): Promise<ManagementResult<string>> => ({ ok: true, value: `machine-token-${(source.issued += 1)}` }),
    forget: () => void (source.forgotten += 1),
  };
  return source;
}

function management(answers: ManagementResult<never>[]): ManagementClient & { calls: string[] } {
  const calls: string[] = [];
  const next = async (call: string): Promise<ManagementResult<never>> => {
    calls.push(call);
    return answers.shift() ?? { ok: false, error: { code: "bad_request" } };
  };
  return {
    calls,
    getUser: (token, id) => next(`GET ${id} ${token}`),
    linkWith: (token, id) => next(`LINK_WITH ${id} ${token}`),
    linkIdentity: (token, id, secondary) => next(`LINK ${id} ${JSON.stringify(secondary)} ${token}`),
    unlinkIdentity: (token, id, provider, userId) => next(`DELETE ${id} ${provider} ${userId} ${token}`),
    usersByEmail: (token, email) => next(`USERS_BY_EMAIL ${email} ${token}`),
    patchUser: (token, id) => next(`PATCH ${id} ${token}`),
    connectionsByName: (token, name) => next(`CONNECTIONS ${name} ${token}`),
    deleteUserSessions: (token, id) => next(`DELETE_SESSIONS ${id} ${token}`),
    deleteUserRefreshTokens: (token, id) => next(`DELETE_REFRESH_TOKENS ${id} ${token}`),
  };
}

const noUserToken = async (): Promise<string | null> => {
  throw new Error("server-side mode never asks for the user's token");
};

test("server-side mode cannot be created without a machine token source", () => {
  expect(() => createManagementAccess({ mode: "server_side", management: management([]), logger: recordingLogger() })).toThrow(/AUTH0_M2M_CLIENT_ID/);
});

test("a 401 after an attempt without an answer is not retried: that attempt may have unlinked", async () => {
  const source = tokens();
  const client = management([{ ok: false, error: { code: "invalid_token", status: 401, afterUnknownOutcome: true } }]);
  const calls = await createManagementAccess({ mode: "server_side", management: client, machineToken: source, logger: recordingLogger() }).open(noUserToken);

  const result = await calls?.unlink("auth0|1", "github", "2");

  expect(result).toEqual({ ok: false, error: { code: "invalid_token", status: 401, afterUnknownOutcome: true, machineToken: true } });
  expect(client.calls).toHaveLength(1);
  expect(source.forgotten).toBe(0);
});

test("a secondary id without a bar is never sent, and says so without claiming an unknown outcome", async () => {
  const client = management([]);
  const logger = recordingLogger();
  const calls = await createManagementAccess({ mode: "server_side", management: client, machineToken: tokens(), logger }).open(noUserToken);

  const result = await calls?.link("auth0|1", { idToken: "id-token", sub: "no-bar" });

  expect(result).toEqual({ ok: false, error: { code: "bad_request", notSent: true, machineToken: true } });
  expect(client.calls).toEqual([]);
  expect(logger.events("management_access.secondary_id_unusable")).toHaveLength(1);
});

test("link_with mode asks for the user's token once and sends the ID token", async () => {
  const client = management([]);
  let asked = 0;
  const calls = await createManagementAccess({ mode: "link_with", management: client, logger: recordingLogger() }).open(async () => `user-token-${(asked += 1)}`);

  await calls?.link("auth0|1", { idToken: "id-token", sub: "github|2" });
  await calls?.getUser("auth0|1");

  expect(asked).toBe(1);
  expect(client.calls).toEqual(["LINK_WITH auth0|1 user-token-1", "GET auth0|1 user-token-1"]);
});
