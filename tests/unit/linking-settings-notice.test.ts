import { LINK_OUTCOMES, UNLINK_OUTCOMES, readSettingsNotice } from "@/lib/linking";
import type { Identity } from "@/lib/management/types";

const OWNER = { connection: "Username-Password-Authentication", provider: "auth0", user_id: "65a000000000000000000001", isSocial: false } as const;
const GITHUB: Identity = {
  connection: "github",
  provider: "github",
  user_id: 1000001,
  isSocial: true,
  profileData: { email: "owner.github@example.com", email_verified: true, name: "Olivia Owner (GitHub)" },
};
const LINKED: readonly Identity[] = [OWNER, GITHUB];

describe("readSettingsNotice: the sentence Settings shows after a redirect", () => {
  it("names the linked account from the person's own identity list", () => {
    expect(readSettingsNotice({ link: "linked", identity: "github|1000001" }, LINKED)).toEqual({
      about: "link",
      kind: "status",
      text: "Linked your GitHub account owner.github@example.com. You can now sign in with it.",
    });
  });

  it("announces no link that the identity list does not show (a crafted URL)", () => {
    expect(readSettingsNotice({ link: "linked", identity: "github|1000001" }, [OWNER])).toBeNull();
    expect(readSettingsNotice({ link: "linked" }, LINKED)).toBeNull();
  });

  it("says a link whose settings could not be copied is still a link, and only when the list shows it", () => {
    expect(readSettingsNotice({ link: "linked_metadata_pending", identity: "github|1000001" }, LINKED)).toEqual({
      about: "link",
      kind: "status",
      text: "Linked your GitHub account owner.github@example.com. You can now sign in with it, but some of your settings from that account could not be copied yet; support can restore them.",
    });
    expect(readSettingsNotice({ link: "linked_metadata_pending", identity: "github|1000001" }, [OWNER])).toBeNull();
  });

  it("says nothing was linked when the other account's settings could not be read", () => {
    expect(readSettingsNotice({ link: "metadata_unavailable", identity: "github|1000001" }, [OWNER])).toEqual({
      about: "link",
      kind: "alert",
      text: "The settings of your GitHub account could not be read, and linking now would lose them, so nothing was linked. Please try again in a few minutes.",
    });
  });

  it("announces an unlink the unlink route confirmed, only once the identity has left the list", () => {
    const proof = { unlinkedIdentity: "github|1000001" };
    expect(readSettingsNotice({ unlink: "unlinked", identity: "github|1000001" }, [OWNER], proof)).toEqual({
      about: "unlink",
      kind: "status",
      text: "Unlinked your GitHub account. You can no longer sign in with it.",
    });
    expect(readSettingsNotice({ unlink: "unlinked", identity: "github|1000001" }, LINKED, proof)).toBeNull();
  });

  it("announces no unlink the unlink route did not confirm (a crafted URL naming an account never linked)", () => {
    expect(readSettingsNotice({ unlink: "unlinked", identity: "github|424242" }, [OWNER])).toBeNull();
    expect(readSettingsNotice({ unlink: "unlinked", identity: "github|424242" }, [OWNER], { unlinkedIdentity: null })).toBeNull();
    expect(readSettingsNotice({ unlink: "unlinked", identity: "github|424242" }, [OWNER], { unlinkedIdentity: "github|1000001" })).toBeNull();
    expect(readSettingsNotice({ unlink: "unlinked" }, [OWNER], { unlinkedIdentity: "github|1000001" })).toBeNull();
  });

  it.each([
    ["no outcome", {}],
    ["an unknown link code", { link: "pwned" }],
    ["an unknown unlink code", { unlink: "deleted_everything" }],
    ["a prototype key", { link: "__proto__" }],
    ["an Object method name", { link: "toString" }],
    ["a code in another case", { link: "LINKED", identity: "github|1000001" }],
    ["a repeated parameter", { link: ["cancelled", "cancelled"] }],
  ])("shows nothing for %s", (_label, params) => {
    expect(readSettingsNotice(params, LINKED)).toBeNull();
  });

  it("takes the identity's name only from the list, never from the URL", () => {
    const notice = readSettingsNotice({ link: "email_unverified", identity: "evil|<img src=x onerror=alert(1)>" }, LINKED);
    expect(notice?.text).toBe(
      "The email address of the other account is not verified, so it was not linked. Confirm the address with the link in the verification email that account was sent, then choose its Link button again.",
    );
    // A provider we know gets our own name for it, whatever the rest of the id says.
    expect(readSettingsNotice({ link: "email_unverified", identity: "github|<b>bold</b>" }, LINKED)?.text).toContain("GitHub account");
    expect(readSettingsNotice({ link: "already_linked", identity: "github|1000001" }, LINKED)?.text).toBe(
      "That GitHub sign-in is already linked to your account, so there is nothing to do: you can already sign in with it.",
    );
  });

  it.each([...LINK_OUTCOMES.map((code) => ["link", code]), ...UNLINK_OUTCOMES.map((code) => ["unlink", code])])(
    "never repeats text from the URL for %s=%s",
    (kind, code) => {
      const injected = "Injected<script>alert(1)</script>";
      const notice = readSettingsNotice({ [kind]: code, identity: `${injected}|${injected}`, retry: injected, error_description: injected }, LINKED);
      expect(JSON.stringify(notice)).not.toMatch(/Injected|script/);
      if (notice) {
        expect(notice.about).toBe(kind);
        expect(["status", "alert"]).toContain(notice.kind);
        expect(notice.text.length).toBeGreaterThan(0);
      }
    },
  );

  it.each([
    ["30", "Please try again in 30 seconds."],
    ["1", "Please try again in 1 second."],
    ["99999", "Please try again in 86400 seconds."],
    ["999999", "Please wait a moment and try again."],
    ["-5", "Please wait a moment and try again."],
    ["1e3", "Please wait a moment and try again."],
    ["2.5", "Please wait a moment and try again."],
    ["30 minutes, or call +1 555 0100", "Please wait a moment and try again."],
    [undefined, "Please wait a moment and try again."],
  ])("bounds the wait for rate_limited (retry=%j)", (retry, ending) => {
    const notice = readSettingsNotice({ link: "rate_limited", ...(retry === undefined ? {} : { retry }) }, LINKED);
    expect(notice).toEqual({ about: "link", kind: "alert", text: `Too many attempts right now, so nothing was linked. ${ending}` });
  });
});
