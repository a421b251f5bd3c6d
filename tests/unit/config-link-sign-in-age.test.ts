import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const valid = VALID_ENV;

describe("LINK_MAX_SIGN_IN_AGE_MINUTES: how recent a sign-in linking needs", () => {
  it("is 10 minutes unless set, whatever unlinking's is", () => {
    expect(loadConfig(valid).linking.linkMaxSignInAgeMinutes).toBe(10);
    expect(loadConfig({ ...valid, UNLINK_MAX_SIGN_IN_AGE_MINUTES: "60" }).linking.linkMaxSignInAgeMinutes).toBe(10);
  });

  it("takes a whole number of minutes from 1 to 1440", () => {
    expect(loadConfig({ ...valid, LINK_MAX_SIGN_IN_AGE_MINUTES: "1" }).linking.linkMaxSignInAgeMinutes).toBe(1);
    expect(loadConfig({ ...valid, LINK_MAX_SIGN_IN_AGE_MINUTES: " 30 " }).linking.linkMaxSignInAgeMinutes).toBe(30);
    expect(loadConfig({ ...valid, LINK_MAX_SIGN_IN_AGE_MINUTES: "1440" }).linking.linkMaxSignInAgeMinutes).toBe(1440);
  });

  it.each([["0"], ["1441"], ["-5"], ["2.5"], ["ten"], [""], ["1e3"]])("refuses %j, naming the variable and an example", (value) => {
    expect(problemsOf({ ...valid, LINK_MAX_SIGN_IN_AGE_MINUTES: value })).toEqual([
      expect.stringMatching(/^LINK_MAX_SIGN_IN_AGE_MINUTES must be a whole number of minutes from 1 to 1440, e\.g\. LINK_MAX_SIGN_IN_AGE_MINUTES=10/),
    ]);
  });
});
