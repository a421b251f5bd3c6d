import { isSameOriginPost, safeReturnTo } from "@/lib/linking/request-guards";

const APP = "http://localhost:3000";
const FALLBACK = "/settings";

describe("safeReturnTo: where a person returns after linking", () => {
  it.each([
    ["/settings", "/settings"],
    ["/settings?tab=accounts", "/settings?tab=accounts"],
    ["/settings#linked", "/settings"],
    ["/a/../settings", "/settings"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the in-app path %j as %j", (candidate, expected) => {
    expect(safeReturnTo(candidate, APP, FALLBACK)).toBe(expected);
  });

  it.each([
    ["nothing", undefined],
    ["null", null],
    ["an empty string", ""],
    ["a protocol-relative URL", "//evil.example"],
    ["an absolute URL elsewhere", "https://evil.example/settings"],
    ["an absolute URL of the app itself", "http://localhost:3000/settings"],
    ["a backslash path", "/\\evil.example"],
    ["a backslash after the slash", "/\\/evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["a tab inside", "/\t/evil.example"],
    ["a newline inside", "/settings\nLocation: https://evil.example"],
    ["a NUL", "/settings\u0000"],
    ["an encoded protocol-relative URL without a leading slash", "%2F%2Fevil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["dot segments that normalise to //", "/.//evil.example"],
    ["parent segments that normalise to //", "/a/..//evil.example"],
    ["an encoded dot segment that normalises to //", "/%2e//evil.example"],
    ["a path longer than 512 characters", `/${"a".repeat(512)}`],
  ])("falls back to Settings for %s", (_label, candidate) => {
    expect(safeReturnTo(candidate, APP, FALLBACK)).toBe(FALLBACK);
  });

  it("never returns anything a browser would resolve to another origin", () => {
    const candidates = ["/", "/x", "//x", "/./x", "/.//x", "/..//x", "/%2e%2e//x", "/\\x", "/x//y", "/x/..//y", "///x", "/.///x"];
    for (const candidate of candidates) {
      const result = safeReturnTo(candidate, APP, FALLBACK);
      expect(new URL(result, APP).origin).toBe(APP);
    }
  });
});

describe("isSameOriginPost: only the app's own pages may change something", () => {
  const request = (method: string, origin?: string): Request =>
    new Request(`${APP}/link/start`, { method, headers: origin === undefined ? {} : { origin } });

  it("accepts a POST whose Origin is the app", () => {
    expect(isSameOriginPost(request("POST", APP), APP)).toBe(true);
  });

  it.each([
    ["another site", "POST", "https://evil.example"],
    ["a look-alike host", "POST", "http://localhost:3000.evil.example"],
    ["a trailing slash", "POST", "http://localhost:3000/"],
    ["Origin: null", "POST", "null"],
    ["no Origin", "POST", undefined],
    ["a GET from the app", "GET", APP],
    ["a PUT from the app", "PUT", APP],
  ])("refuses %s", (_label, method, origin) => {
    expect(isSameOriginPost(request(method, origin), APP)).toBe(false);
  });
});
