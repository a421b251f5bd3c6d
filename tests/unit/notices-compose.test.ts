/**
 * The notice an account's owner reads: what changed, when, from which browser
 * and system, and "This wasn't me"; every value escaped in the HTML, the raw
 * User-Agent header never quoted, nothing but the report link's own token.
 */
import { composeNotice, NOTICE_TEXT } from "@/lib/notices/compose";
import { checkNoticeEvent, type NoticeEvent } from "@/lib/notices/event";
import { maskAddress } from "@/lib/notices/mask";
import { MAX_USER_AGENT_LENGTH, summariseUserAgent } from "@/lib/notices/user-agent";

const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0";
const REPORT_URL = "https://app.example.com/link/report?t=eyJhbGciOiJIUzI1NiJ9.report-token.signature";

const LINKED: NoticeEvent = {
  kind: "linked",
  to: "owner@example.com",
  userId: "auth0|65a000000000000000000001",
  identity: { connectionName: "GitHub", detail: "owner.github@example.com", id: "github|1000001" },
  at: "2026-12-01T10:00:00.000Z",
  userAgent: FIREFOX_MAC,
  reportUrl: REPORT_URL,
};

const compose = (event: NoticeEvent) => composeNotice(event, { appName: "Example" });

/** The HTML part as a reader sees it: tags dropped, entities read. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("a notice of a new sign-in", () => {
  const notice = compose(LINKED);

  it("says what was added, when (in UTC, with the zone written) and from which browser and system, in both parts", () => {
    expect(notice.subject).toBe("Example: a sign-in was added to your account");
    for (const part of [notice.text, visibleText(notice.html)]) {
      expect(part).toContain("A GitHub sign-in, owner.github@example.com, was added to your account.");
      expect(part).toMatch(/When:? Tuesday, December 1, 2026 at 10:00 AM UTC/);
      expect(part).toMatch(/Browser:? Firefox 128 on macOS/);
      expect(part).toContain("This wasn't me");
      expect(part).toContain("we remove this GitHub sign-in from your account at once, and after you sign in again as yourself, we sign your account out everywhere.");
    }
  });

  it("links \"This wasn't me\" to the report URL in both parts", () => {
    expect(notice.text).toContain(`This wasn't me: ${REPORT_URL}\n`);
    expect(notice.html).toContain(`<a href="${REPORT_URL}" style="display:inline-block;`);
    expect(notice.html).toMatch(/>This wasn&#39;t me<\/a>/);
  });

  it("holds no secret but the report link's own token, and no user or identity id", () => {
    for (const part of [notice.subject, notice.text, notice.html]) {
      expect(part).not.toContain("auth0|65a0");
      expect(part).not.toContain("github|1000001");
    }
    const urls = [...notice.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
    expect(urls).toEqual([REPORT_URL]);
  });

  it("writes the time in UTC whatever zone the server runs in", () => {
    expect(compose({ ...LINKED, at: "2026-12-01T23:30:00-05:00" }).text).toContain("When: Wednesday, December 2, 2026 at 4:30 AM UTC");
  });

  it("leaves the detail out when there is none, and says 'an' before a vowel", () => {
    const { identity } = LINKED;
    expect(compose({ ...LINKED, identity: { connectionName: "GitHub", id: identity.id } }).text).toMatch(/^A GitHub sign-in was added to your account\.$/m);
    expect(compose({ ...LINKED, identity: { ...identity, connectionName: "Apple" } }).text).toMatch(/^An Apple sign-in, owner\.github@example\.com, was added/m);
  });
});

describe("a notice of a removed sign-in", () => {
  it("says what was removed and that the button secures the account without linking anything", () => {
    const notice = compose({ ...LINKED, kind: "unlinked" });
    expect(notice.subject).toBe("Example: a sign-in was removed from your account");
    expect(notice.text).toContain("A GitHub sign-in, owner.github@example.com, was removed from your account.");
    expect(notice.text).toContain(NOTICE_TEXT.whatTheButtonDoes.unlinked);
    expect(notice.text).toContain(`This wasn't me: ${REPORT_URL}`);
  });
});

describe("values in the HTML part", () => {
  it("are escaped, in text and in the link's attribute", () => {
    const hostile: NoticeEvent = {
      ...LINKED,
      identity: { connectionName: "Git<b>Hub</b> & Co", detail: `"><img src=x onerror=alert(1)>`, id: "github|1" },
      reportUrl: `https://app.example.com/link/report?t=a"onmouseover="alert(1)&x='y'`,
    };
    const { html, subject } = composeNotice(hostile, { appName: "<Example & Sons>" });
    expect(html).not.toMatch(/<b>|<img|<Example/);
    expect(html).toContain("Git&lt;b&gt;Hub&lt;/b&gt; &amp; Co");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('href="https://app.example.com/link/report?t=a&quot;onmouseover=&quot;alert(1)&amp;x=&#39;y&#39;"');
    expect(html).toContain("<title>&lt;Example &amp; Sons&gt;: a sign-in was added to your account</title>");
    expect(subject).toBe("<Example & Sons>: a sign-in was added to your account");
  });

  it("never takes a report URL that is not http(s): it would run in the reader's mail client", () => {
    for (const reportUrl of ["javascript:alert(1)", "data:text/html,hi", "/link/report?t=x", "https://user:pass@app.example.com/link/report"]) {
      expect(() => compose({ ...LINKED, reportUrl })).toThrow(TypeError);
      expect(checkNoticeEvent({ ...LINKED, reportUrl })).toEqual({ ok: false, field: "reportUrl" });
    }
  });
});

describe("the browser and system a notice names", () => {
  it.each([
    [FIREFOX_MAC, "Firefox 128 on macOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on Windows"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17 on iOS"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Microsoft Edge 131 on Linux"],
    ["curl/8.5.0", "an unknown browser"],
    ["", "an unknown browser"],
  ])("%s → %s", (userAgent, expected) => {
    expect(compose({ ...LINKED, userAgent }).text).toContain(`Browser: ${expected}\n`);
  });

  it("says 'an unknown browser' without a User-Agent header", () => {
    expect(compose({ ...LINKED, userAgent: undefined }).text).toContain("Browser: an unknown browser\n");
  });

  it("never quotes the header, nor a name bowser took from it that is not one of its known browsers and systems", () => {
    const crafted = "Urgent-call-0800-555-0199-or-visit-evil.example/99.0 (Secure Account Center) Totally-Legit";
    const notice = compose({ ...LINKED, userAgent: crafted });
    expect(summariseUserAgent(crafted)).toEqual({ browser: null, system: null });
    for (const part of [notice.text, notice.html]) {
      expect(part).not.toMatch(/evil|0800|Secure Account Center|Totally/);
    }
    expect(notice.text).toContain("Browser: an unknown browser\n");
    // bowser's own word for a browser it could not name is no name either.
    expect(summariseUserAgent("Generic/1.0 (compatible)").browser).toBeNull();
    // A known browser in a crafted header: only its name and major version reach the message.
    const dressed = "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0.6778.86 Safari/537.36 (call 0800 555 0199 now)";
    expect(compose({ ...LINKED, userAgent: dressed }).text).toContain("Browser: Chrome 131 on Windows\n");
    expect(compose({ ...LINKED, userAgent: dressed }).text).not.toContain("0800");
  });

  it(`reads only the first ${MAX_USER_AGENT_LENGTH} characters of the header`, () => {
    expect(summariseUserAgent(`${"x".repeat(MAX_USER_AGENT_LENGTH)} Firefox/128.0`)).toEqual({ browser: null, system: null });
    expect(summariseUserAgent(`${"x".repeat(MAX_USER_AGENT_LENGTH - 20)} Firefox/128.0`).browser).toBe("Firefox 128");
  });
});

describe("events a notice is composed from", () => {
  it("keeps a well-formed event as it is", () => {
    expect(checkNoticeEvent(LINKED)).toEqual({ ok: true, event: LINKED });
  });

  it.each([
    ["to", { to: "owner@example.com\r\nBcc: thief@example.net" }],
    ["to", { to: "owner@example.com, thief@example.net" }],
    ["to", { to: "not-an-address" }],
    ["kind", { kind: "deleted" }],
    ["at", { at: "yesterday" }],
    ["identity.detail", { identity: { connectionName: "GitHub", detail: "line\nbreak", id: "github|1" } }],
    ["identity.connectionName", { identity: { connectionName: "", id: "github|1" } }],
  ])("refuses a bad %s", (field, change) => {
    expect(checkNoticeEvent({ ...LINKED, ...change })).toEqual({ ok: false, field });
  });
});

describe("addresses in log lines", () => {
  it.each([
    ["owner@example.com", "o***@example.com"],
    ["a@b.example", "a***@b.example"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
  ])("%s → %s", (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});

describe("a notice in the language the change was made in", () => {
  it("is written in German for a German change: subject, sentences, date and the button", async () => {
    const { localize } = await import("@/lib/i18n");
    const words = localize("de");
    const notice = composeNotice({ ...LINKED, locale: "de" }, { appName: "Beispiel", locale: words.locale, messages: words.messages.notice });
    expect(notice.subject).toBe("Beispiel: Eine Anmeldung wurde Ihrem Konto hinzugefügt");
    expect(notice.text).toContain("Eine GitHub-Anmeldung (owner.github@example.com) wurde Ihrem Konto hinzugefügt.");
    expect(notice.text).toContain("Wann: Dienstag, 1. Dezember 2026");
    expect(notice.text).toContain("Browser: Firefox 128 unter macOS");
    expect(notice.text).toContain(`Das war ich nicht: ${REPORT_URL}`);
    expect(notice.html).toContain('<html lang="de">');
  });

  it("keeps a locale tag it can use and drops one it cannot, so a queued notice never carries text of its own", () => {
    const kept = checkNoticeEvent({ ...LINKED, locale: "fr-CA" });
    expect(kept.ok && kept.event.locale).toBe("fr-CA");
    const dropped = checkNoticeEvent({ ...LINKED, locale: "<script>" });
    expect(dropped.ok && dropped.event.locale).toBeUndefined();
  });
});
