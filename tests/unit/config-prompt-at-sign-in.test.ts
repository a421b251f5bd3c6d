import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const M2M = { AUTH0_M2M_CLIENT_ID: "m2m-id", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" } as const;

describe("LINK_PROMPT_AT_SIGN_IN: the link at sign-in", () => {
  it("is off by default", () => {
    expect(loadConfig(VALID_ENV).linking.promptAtSignIn).toBe(false);
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_PROMPT_AT_SIGN_IN: "false" }).linking.promptAtSignIn).toBe(false);
  });

  it("turns on with true, in any case and with spaces around it", () => {
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_PROMPT_AT_SIGN_IN: " TRUE " }).linking.promptAtSignIn).toBe(true);
  });

  it("needs the machine-to-machine application, and names both settings and the grants", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_PROMPT_AT_SIGN_IN: "true" })).toEqual([
      expect.stringMatching(/^LINK_PROMPT_AT_SIGN_IN=true needs .*AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET.*read:users update:users.*or set LINK_PROMPT_AT_SIGN_IN=false\.$/),
    ]);
  });

  it("names the one missing half of the machine-to-machine application once", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_PROMPT_AT_SIGN_IN: "true", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" })).toEqual([expect.stringMatching(/^AUTH0_M2M_CLIENT_ID is not set/)]);
  });

  it("refuses anything but true or false", () => {
    expect(problemsOf({ ...VALID_ENV, ...M2M, LINK_PROMPT_AT_SIGN_IN: "1" })).toEqual(['LINK_PROMPT_AT_SIGN_IN must be true or false (got "1").']);
  });
});
