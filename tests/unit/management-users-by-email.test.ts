/**
 * `usersByEmail`: the request it sends (the email URL-encoded, only the fields
 * suggestions need, the machine token) and how strictly it reads the answer.
 * The tenant is a scripted `fetch`; waits return at once.
 */
import type { Logger } from "@/lib/util/log";
import { createManagementClient } from "@/lib/management/client";

const BASE = "https://tenant.example.com/api/v2/";
const TOKEN = "eyJ-a-machine-token";
const GITHUB_USER = {
  user_id: "github|1000003",
  email: "owner+work@example.com",
  email_verified: true,
  identities: [{ connection: "github", provider: "github", user_id: 1000003, isSocial: true }],
};

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function scripted(answers: Response[]) {
  const sent: { url: URL; authorization: string | null }[] = [];
  const client = createManagementClient({
    baseUrl: BASE,
    logger: quiet,
    sleep: async () => {},
    fetch: (async (input: URL | RequestInfo, init?: RequestInit) => {
      sent.push({ url: new URL(input.toString()), authorization: new Headers(init?.headers).get("authorization") });
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers scripted");
      return answer;
    }) as typeof fetch,
  });
  return { client, sent };
}

describe("usersByEmail", () => {
  it("asks for the users with that exact email, and only the fields the app reads", async () => {
    const { client, sent } = scripted([json([GITHUB_USER])]);

    const result = await client.usersByEmail(TOKEN, "owner+work@example.com");

    expect(result).toEqual({ ok: true, value: [GITHUB_USER] });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url.pathname).toBe("/api/v2/users-by-email");
    expect(request?.url.searchParams.get("email")).toBe("owner+work@example.com");
    expect(request?.url.searchParams.get("fields")).toBe("user_id,email,email_verified,name,picture,identities");
    expect(request?.url.searchParams.get("include_fields")).toBe("true");
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("accepts an empty list", async () => {
    expect(await scripted([json([])]).client.usersByEmail(TOKEN, "nobody@example.com")).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["an object instead of a list", { users: [GITHUB_USER] }],
    ["a user without identities", [{ ...GITHUB_USER, identities: undefined }]],
    ["an email that is not a string", [{ ...GITHUB_USER, email: 42 }]],
    ["email_verified as a string", [{ ...GITHUB_USER, email_verified: "true" }]],
    ["an identity without a connection", [{ ...GITHUB_USER, identities: [{ provider: "github", user_id: 1 }] }]],
  ])("reports a malformed response for %s, after retrying like a read", async (_label, body) => {
    const { client, sent } = scripted([json(body), json(body), json(body)]);

    expect(await client.usersByEmail(TOKEN, "owner@example.com")).toMatchObject({ ok: false, error: { code: "malformed_response" } });
    expect(sent).toHaveLength(3);
  });

  it("retries a 503 and returns what the next attempt reads", async () => {
    const { client, sent } = scripted([json({ statusCode: 503, error: "Service Unavailable", message: "down" }, 503), json([GITHUB_USER])]);

    expect(await client.usersByEmail(TOKEN, "owner@example.com")).toEqual({ ok: true, value: [GITHUB_USER] });
    expect(sent).toHaveLength(2);
  });
});
