import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const valid = VALID_ENV;

describe("AUTH0_HTTP_TIMEOUT_MS: the deadline of each call to the tenant", () => {
  it("is 5 seconds unless set", () => {
    expect(loadConfig(valid).auth0.httpTimeoutMs).toBe(5000);
  });

  it("takes whole milliseconds from 100 to 120000", () => {
    expect(loadConfig({ ...valid, AUTH0_HTTP_TIMEOUT_MS: "750" }).auth0.httpTimeoutMs).toBe(750);
    expect(loadConfig({ ...valid, AUTH0_HTTP_TIMEOUT_MS: " 120000 " }).auth0.httpTimeoutMs).toBe(120_000);
  });

  it.each(["0", "99", "120001", "1.5", "5s", "-1", ""])("refuses %p, naming the variable and an example", (value) => {
    expect(problemsOf({ ...valid, AUTH0_HTTP_TIMEOUT_MS: value })).toEqual([
      expect.stringMatching(/^AUTH0_HTTP_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000, e\.g\. AUTH0_HTTP_TIMEOUT_MS=5000/),
    ]);
  });
});
