/**
 * The token behind "This wasn't me": sealed, 7 days, and refused with a
 * reason when edited, foreign, incomplete or old.
 */
import { sealData } from "iron-session";
import { openReportToken, REPORT_TOKEN_TTL_SECONDS, sealReportToken } from "@/lib/linking/report/report-token";

const SECRET = "a-report-token-secret-of-at-least-32-characters";
const ABOUT = { sub: "auth0|65a000000000000000000001", identity: "github|1000002", detail: "intruder.github@example.com", kind: "linked" as const, ownerConnection: "Username-Password-Authentication" };

describe("a report token", () => {
  let now = Date.UTC(2026, 11, 3);
  const options = { secret: SECRET, now: () => now };
  beforeEach(() => {
    now = Date.UTC(2026, 11, 3);
  });

  it("opens to what it was sealed with, plus a fresh id and its time", async () => {
    const sealed = await sealReportToken(ABOUT, options);
    const opened = await openReportToken(sealed, options);
    expect(opened).toEqual({ ok: true, token: { ...ABOUT, id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), issuedAt: now } });
    const other = await openReportToken(await sealReportToken(ABOUT, options), options);
    expect(other.ok && opened.ok && other.token.id !== opened.token.id).toBe(true);
  });

  it("names nothing readable: the account and sign-in are not in the URL's text", async () => {
    const sealed = await sealReportToken(ABOUT, options);
    expect(sealed).not.toContain("github");
    expect(sealed).not.toContain("intruder");
  });

  it("works for 7 days and is expired a moment later", async () => {
    const sealed = await sealReportToken(ABOUT, options);
    now += REPORT_TOKEN_TTL_SECONDS * 1000;
    expect((await openReportToken(sealed, options)).ok).toBe(true);
    now += 1;
    expect(await openReportToken(sealed, options)).toEqual({ ok: false, problem: "expired" });
  });

  it.each([
    ["missing", async () => null],
    ["empty", async () => ""],
    ["edited", async () => {
      const sealed = await sealReportToken(ABOUT, options);
      const at = Math.floor(sealed.length / 2);
      return `${sealed.slice(0, at)}${sealed[at] === "A" ? "B" : "A"}${sealed.slice(at + 1)}`;
    }],
    ["sealed with another key", async () => sealReportToken(ABOUT, { ...options, secret: "another-secret-of-at-least-32-characters!!" })],
    ["sealed with the right key but saying too little", async () => sealData({ sub: ABOUT.sub }, { password: SECRET, ttl: 0 })],
    ["absurdly long", async () => "x".repeat(5000)],
  ])("is refused as invalid when %s", async (_what, make) => {
    expect(await openReportToken(await make(), options)).toEqual({ ok: false, problem: "invalid" });
  });
});
