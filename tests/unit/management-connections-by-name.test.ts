/**
 * `connectionsByName`: the request it sends (the name URL-encoded, only
 * `name,strategy`, the machine token) and how strictly it reads the answer.
 * The tenant is a scripted `fetch`; waits return at once.
 */
import type { Logger } from "@/lib/util/log";
import { createManagementClient } from "@/lib/management/client";

const BASE = "https://tenant.example.com/api/v2/";
const TOKEN = "eyJ-a-machine-token";
const CORP = { name: "corp-github", strategy: "github" };

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function scripted(answers: Response[]) {
  const sent: { method: string; url: URL; authorization: string | null }[] = [];
  const client = createManagementClient({
    baseUrl: BASE,
    logger: quiet,
    sleep: async () => {},
    fetch: (async (input: URL | RequestInfo, init?: RequestInit) => {
      sent.push({ method: init?.method ?? "GET", url: new URL(input.toString()), authorization: new Headers(init?.headers).get("authorization") });
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers scripted");
      return answer;
    }) as typeof fetch,
  });
  return { client, sent };
}

describe("connectionsByName", () => {
  it("asks for the connections of that name, and only their names and strategies", async () => {
    const { client, sent } = scripted([json([CORP])]);

    const result = await client.connectionsByName(TOKEN, "corp-github");

    expect(result).toEqual({ ok: true, value: [CORP] });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.method).toBe("GET");
    expect(request?.url.pathname).toBe("/api/v2/connections");
    expect([...(request?.url.searchParams.keys() ?? [])].sort()).toEqual(["fields", "include_fields", "name"]);
    expect(request?.url.searchParams.get("name")).toBe("corp-github");
    expect(request?.url.searchParams.get("fields")).toBe("name,strategy");
    expect(request?.url.searchParams.get("include_fields")).toBe("true");
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("sends a name with characters a query treats specially as one value", async () => {
    const { client, sent } = scripted([json([])]);
    await client.connectionsByName(TOKEN, "a&strategy=auth0#x");
    expect(sent[0]?.url.searchParams.getAll("name")).toEqual(["a&strategy=auth0#x"]);
    expect(sent[0]?.url.searchParams.has("strategy")).toBe(false);
  });

  it("accepts an empty list", async () => {
    expect(await scripted([json([])]).client.connectionsByName(TOKEN, "nothing-here")).toEqual({ ok: true, value: [] });
  });

  it("keeps only the name and strategy of each entry, whatever else the tenant sends", async () => {
    const { client } = scripted([json([{ ...CORP, id: "con_1", options: { client_secret: "shh" }, enabled_clients: ["x"] }])]);
    expect(await client.connectionsByName(TOKEN, "corp-github")).toEqual({ ok: true, value: [CORP] });
  });

  it.each([
    ["an object instead of a list", { connections: [CORP] }],
    ["an entry without a strategy", [{ name: "corp-github" }]],
    ["a strategy that is not a string", [{ name: "corp-github", strategy: 7 }]],
    ["an entry without a name", [{ strategy: "github" }]],
    ["null in the list", [null]],
    ["a string in the list", ["corp-github"]],
  ])("reports a malformed response for %s, after retrying like a read", async (_label, body) => {
    const { client, sent } = scripted([json(body), json(body), json(body)]);

    expect(await client.connectionsByName(TOKEN, "corp-github")).toMatchObject({ ok: false, error: { code: "malformed_response" } });
    expect(sent).toHaveLength(3);
  });

  it("retries a 503 and returns what the next attempt reads", async () => {
    const { client, sent } = scripted([json({ statusCode: 503, error: "Service Unavailable", message: "down" }, 503), json([CORP])]);

    expect(await client.connectionsByName(TOKEN, "corp-github")).toEqual({ ok: true, value: [CORP] });
    expect(sent).toHaveLength(2);
  });

  it("reports a 403 for a token without read:connections as insufficient_scope, without retrying", async () => {
    const { client, sent } = scripted([
      json({ statusCode: 403, error: "Forbidden", message: "Insufficient scope, expected any of: read:connections", errorCode: "insufficient_scope" }, 403),
    ]);

    expect(await client.connectionsByName(TOKEN, "corp-github")).toMatchObject({ ok: false, error: { code: "insufficient_scope", status: 403 } });
    expect(sent).toHaveLength(1);
  });
});
