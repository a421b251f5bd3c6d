/**
 * lib/linking/connection-binding.ts on the edges the flow tests reach only
 * slowly or not at all: which names need a Management API read, what is
 * cached (successes only), simultaneous first reads, and what each failure
 * becomes. A recording Management client and token source stand in for the
 * tenant here.
 */
import { checkSignInConnection, createConnectionStrategies, type ConnectionStrategies } from "@/lib/linking/connection-binding";
import type { ManagementClient } from "@/lib/management/client";
import type { MachineTokenSource } from "@/lib/management/machine-token";
import type { ManagementResult } from "@/lib/management/types";
import type { ConnectionStrategy } from "@/lib/management/parse";
import { recordingLogger } from "../support/recording-logger";

type Answer = ManagementResult<ConnectionStrategy[]>;

function tokens(answer: ManagementResult<string> = { ok: true, value: "machine-token" }): MachineTokenSource & { issued: number; forgotten: number } {
  const source = {
    issued: 0,
    forgotten: 0,
    token: async (): Promise<ManagementResult<string>> => {
      source.issued += 1;
      return answer;
    },
    forget: () => void (source.forgotten += 1),
  };
  return source;
}

/** A Management client that answers connection reads from `answers`, in order, and refuses every other call. */
function management(answers: Answer[]): ManagementClient & { reads: string[] } {
  const reads: string[] = [];
  const unexpected = async (): Promise<never> => {
    throw new Error("only connections are read here");
  };
  return {
    reads,
    getUser: unexpected,
    linkWith: unexpected,
    linkIdentity: unexpected,
    unlinkIdentity: unexpected,
    usersByEmail: unexpected,
    patchUser: unexpected,
    deleteUserSessions: unexpected,
    deleteUserRefreshTokens: unexpected,
    connectionsByName: async (token, name) => {
      reads.push(`${name} ${token}`);
      // A tick later, as a real answer would arrive.
      await Promise.resolve();
      return answers.shift() ?? { ok: false, error: { code: "bad_request", status: 400 } };
    },
  };
}

const CORP_GITHUB: Answer = { ok: true, value: [{ name: "corp-github", strategy: "github" }] };

function strategies(answers: Answer[], machineToken: MachineTokenSource | null = tokens()) {
  const client = management(answers);
  const logger = recordingLogger();
  return { strategies: createConnectionStrategies({ management: client, machineToken, logger }), client, logger };
}

describe("createConnectionStrategies", () => {
  it.each(["github", "google-oauth2", "Username-Password-Authentication"])("knows %s without a call, even without a machine client", async (connection) => {
    const { strategies: known, client } = strategies([], null);
    expect(await known.strategyOf(connection)).toEqual({ ok: true, strategy: expect.any(String) });
    expect(client.reads).toEqual([]);
  });

  it("reads an unknown connection's strategy once, with the machine token, and keeps it", async () => {
    const source = tokens();
    const { strategies: learned, client } = strategies([CORP_GITHUB], source);

    expect(await learned.strategyOf("corp-github")).toEqual({ ok: true, strategy: "github" });
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: true, strategy: "github" });

    expect(client.reads).toEqual(["corp-github machine-token"]);
    expect(source.issued).toBe(1);
  });

  it("makes one read for simultaneous first asks", async () => {
    const { strategies: learned, client } = strategies([CORP_GITHUB]);

    const answers = await Promise.all([learned.strategyOf("corp-github"), learned.strategyOf("corp-github"), learned.strategyOf("corp-github")]);

    expect(answers).toEqual(Array.from({ length: 3 }, () => ({ ok: true, strategy: "github" })));
    expect(client.reads).toEqual(["corp-github machine-token"]);
  });

  it("keeps each connection's own strategy", async () => {
    const { strategies: learned } = strategies([CORP_GITHUB, { ok: true, value: [{ name: "acme", strategy: "samlp" }] }]);
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: true, strategy: "github" });
    expect(await learned.strategyOf("acme")).toEqual({ ok: true, strategy: "samlp" });
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: true, strategy: "github" });
  });

  it("does not remember a failure: the next ask reads again", async () => {
    const { strategies: learned, client, logger } = strategies([{ ok: false, error: { code: "tenant_unavailable", status: 503 } }, CORP_GITHUB]);

    expect(await learned.strategyOf("corp-github")).toMatchObject({ ok: false, reason: "read_failed", error: { code: "tenant_unavailable" } });
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: true, strategy: "github" });

    expect(client.reads).toHaveLength(2);
    expect(logger.events("link.connection_strategy_unread")).toEqual([{ connection: "corp-github", code: "tenant_unavailable", status: 503 }]);
  });

  it("does not remember a connection the tenant does not have, nor take another's strategy for it", async () => {
    const { strategies: learned, client } = strategies([{ ok: true, value: [] }, { ok: true, value: [{ name: "corp-github-2", strategy: "oauth2" }] }]);

    expect(await learned.strategyOf("corp-github")).toEqual({ ok: false, reason: "not_found" });
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: false, reason: "not_found" });
    expect(client.reads).toHaveLength(2);
  });

  it("says there is no machine client for an unknown connection, and calls nothing", async () => {
    const { strategies: unknown, client } = strategies([CORP_GITHUB], null);
    expect(await unknown.strategyOf("corp-github")).toEqual({ ok: false, reason: "no_machine_client" });
    expect(client.reads).toEqual([]);
  });

  it("reads nothing when the machine token cannot be had, and says why", async () => {
    const { strategies: learned, client } = strategies([CORP_GITHUB], tokens({ ok: false, error: { code: "tenant_unavailable", status: 503 } }));
    expect(await learned.strategyOf("corp-github")).toEqual({ ok: false, reason: "read_failed", error: { code: "tenant_unavailable", status: 503 } });
    expect(client.reads).toEqual([]);
  });

  it("forgets a machine token the Management API answered 401 to", async () => {
    const source = tokens();
    const { strategies: learned } = strategies([{ ok: false, error: { code: "invalid_token", status: 401 } }], source);
    expect(await learned.strategyOf("corp-github")).toMatchObject({ ok: false, reason: "read_failed" });
    expect(source.forgotten).toBe(1);
  });
});

describe("checkSignInConnection", () => {
  function fixed(answer: Awaited<ReturnType<ConnectionStrategies["strategyOf"]>>): ConnectionStrategies {
    return { strategyOf: async () => answer };
  }

  it("lets a sign-in of the connection's strategy through, logging nothing", async () => {
    const logger = recordingLogger();
    expect(await checkSignInConnection({ connectionStrategies: fixed({ ok: true, strategy: "github" }), logger }, "auth0|owner", "corp-github", "github|5000001")).toBeNull();
    expect(logger.lines).toEqual([]);
  });

  it("refuses a sign-in of another strategy as wrong_connection, logging both", async () => {
    const logger = recordingLogger();
    expect(await checkSignInConnection({ connectionStrategies: fixed({ ok: true, strategy: "github" }), logger }, "auth0|owner", "github", "google-oauth2|1")).toEqual({ code: "wrong_connection" });
    expect(logger.lines).toEqual([{ level: "warn", event: "link.connection_mismatch", fields: { sub: "auth0|owner", connection: "github", strategy: "github", signed_in: "google-oauth2|1" } }]);
  });

  it.each([
    ["tenant_unavailable", { code: "tenant_unavailable", status: 503 }, { code: "tenant_unavailable" }],
    ["timeout", { code: "timeout" }, { code: "tenant_unavailable" }],
    ["malformed_response", { code: "malformed_response", status: 200 }, { code: "tenant_unavailable" }],
    ["rate_limited", { code: "rate_limited", status: 429, retryAfterSeconds: 7 }, { code: "rate_limited", retryAfterSeconds: 7 }],
    // A machine client not granted read:connections is no passing outage: "try again in a few minutes" would never come true.
    ["insufficient_scope", { code: "insufficient_scope", status: 403 }, { code: "auth0_refused" }],
    ["invalid_token", { code: "invalid_token", status: 401 }, { code: "auth0_refused" }],
  ] as const)("turns a failed read (%s) into the outcome a person can act on", async (_label, error, outcome) => {
    const logger = recordingLogger();
    const refused = await checkSignInConnection({ connectionStrategies: fixed({ ok: false, reason: "read_failed", error }), logger }, "auth0|owner", "corp-github", "github|1");
    expect(refused).toEqual(outcome);
    expect(logger.events("link.connection_unverifiable")).toEqual([expect.objectContaining({ sub: "auth0|owner", connection: "corp-github", reason: "read_failed", code: error.code })]);
  });

  it.each(["no_machine_client", "not_found"] as const)("refuses as verification_failed when the strategy is not known (%s), saying how to fix it", async (reason) => {
    const logger = recordingLogger();
    const refused = await checkSignInConnection({ connectionStrategies: fixed({ ok: false, reason }), logger }, "auth0|owner", "corp-github", "github|1");
    expect(refused).toEqual({ code: "verification_failed" });
    const [line] = logger.events("link.connection_unverifiable");
    expect(line).toMatchObject({ sub: "auth0|owner", connection: "corp-github", reason });
    expect(line?.["fix"]).toEqual(expect.any(String));
  });
});
