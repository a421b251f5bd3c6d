/** LINK_THROTTLE_PER_MINUTE sets the per-user limit on link starts and unlinks. */
import { ACCOUNTS, useLocalTenant } from "../support/app";
import { redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

useLocalTenant();
const running = useApp({ LINK_THROTTLE_PER_MINUTE: "2" });
captureLogs();

describe("LINK_THROTTLE_PER_MINUTE=2", () => {
  it("refuses the third link start and the third unlink within a minute", async () => {
    const person = running.person();
    await person.signIn();

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");
    expect(redirectOf(await person.startLink("google-oauth2")).target).toMatch(/\/authorize$/);
    expect(redirectOf(await person.startLink("google-oauth2")).params["link"]).toBe("throttled");

    expect(redirectOf(await person.unlink("github|1000001")).params["unlink"]).toBe("unlinked");
    expect(redirectOf(await person.unlink("github|1000001")).params["unlink"]).toBe("identity_not_found");
    expect(redirectOf(await person.unlink("github|1000001")).params["unlink"]).toBe("throttled");
  });
});
