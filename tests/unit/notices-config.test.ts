/** The notices' settings: SMTP_URL and MAIL_FROM, and the one start-up line when notices are off. */
import { loadConfig } from "@/lib/config/load-config";
import { NOTICES_OFF_MESSAGE, validateConfigOrExit } from "@/lib/config/startup-check";
import { VALID_ENV, problemsOf } from "../support/config";
import { recordingLogger } from "../support/recording-logger";

const valid = VALID_ENV;
const SMTP = { SMTP_URL: "smtps://mailer:s3cret-pass@smtp.example.com:465", MAIL_FROM: "Example <no-reply@example.com>" };

describe("the notices' configuration", () => {
  it("is off without SMTP_URL", () => {
    expect(loadConfig(valid).notices).toBeNull();
    expect(loadConfig({ ...valid, SMTP_URL: "  " }).notices).toBeNull();
  });

  it.each([
    ["smtp://localhost:1025", "no-reply@example.com"],
    ["smtp://127.0.0.1:1025/", "Example <no-reply@example.com>"],
    ["smtps://mailer:s3cret-pass@smtp.example.com:465", '"Example, Inc." <no-reply@example.com>'],
    ["smtp://user%40example.com:pa%3Ass@smtp.example.com:587?pool=true", "Account linking (local) <no-reply@localhost>"],
  ])("reads SMTP_URL=%s and MAIL_FROM=%s", (smtpUrl, mailFrom) => {
    expect(loadConfig({ ...valid, SMTP_URL: ` ${smtpUrl} `, MAIL_FROM: ` ${mailFrom} ` }).notices).toEqual({ smtpUrl, mailFrom });
  });

  it.each([["http://smtp.example.com"], ["smtp.example.com:465"], ["smtp://"], ["mailto:ops@example.com"], ["smtp://smtp.example.com/inbox"], ["not a url"]])(
    "refuses SMTP_URL=%s, naming the variable and an example",
    (value) => {
      expect(problemsOf({ ...valid, SMTP_URL: value, MAIL_FROM: SMTP.MAIL_FROM })).toEqual([
        "SMTP_URL must be an SMTP server's URL such as smtp://localhost:1025 or smtps://user:password@smtp.example.com:465 (smtp: for plain or STARTTLS, smtps: for TLS from the start; the value is not shown: it may contain a password).",
      ]);
    },
  );

  it("never repeats SMTP_URL's value in its message: it may hold a password", () => {
    const problems = problemsOf({ ...valid, SMTP_URL: "https://mailer:hunter2@smtp.example.com", MAIL_FROM: SMTP.MAIL_FROM });
    expect(problems).toHaveLength(1);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("needs MAIL_FROM when SMTP_URL is set", () => {
    expect(problemsOf({ ...valid, SMTP_URL: SMTP.SMTP_URL })).toEqual([
      'MAIL_FROM is not set, but SMTP_URL is: set the sender of the notices, e.g. MAIL_FROM="Example <no-reply@example.com>" (an address your SMTP server may send from).',
    ]);
  });

  it.each([["no-reply"], ["Example no-reply@example.com"], ["<no-reply@example.com>"], ["Example <no-reply@example.com"], ["a@b, c@d"], ['"Example <no-reply@example.com>']])(
    "refuses MAIL_FROM=%s and says what it must be",
    (value) => {
      expect(problemsOf({ ...valid, SMTP_URL: SMTP.SMTP_URL, MAIL_FROM: value })).toEqual([
        `MAIL_FROM must be an email address or a name and an address, e.g. MAIL_FROM="Example <no-reply@example.com>" or MAIL_FROM=no-reply@example.com, on one line (got ${JSON.stringify(value)}).`,
      ]);
    },
  );

  it("refuses a MAIL_FROM with a line break, which would add a header to every notice", () => {
    for (const value of ["Example\r\nBcc: thief@example.net <no-reply@example.com>", "Example <no-reply@example.com>\nBcc: thief@example.net", "no-reply@example.com\r\nBcc: thief@example.net"]) {
      expect(problemsOf({ ...valid, SMTP_URL: SMTP.SMTP_URL, MAIL_FROM: value })).toEqual([expect.stringMatching(/^MAIL_FROM must be an email address or a name and an address/)]);
    }
  });

  it("checks MAIL_FROM even when SMTP_URL is not set, so a typo shows before notices are turned on", () => {
    expect(problemsOf({ ...valid, MAIL_FROM: "no-reply" })).toEqual([expect.stringMatching(/^MAIL_FROM must be/)]);
    expect(loadConfig({ ...valid, MAIL_FROM: SMTP.MAIL_FROM }).notices).toBeNull();
  });
});

describe("start-up when notices are off", () => {
  it("warns once, saying how to turn them on, with a real tenant", () => {
    const logger = recordingLogger();
    validateConfigOrExit(valid, logger);
    expect(logger.lines).toEqual([{ level: "warn", event: "notices.off", fields: { message: NOTICES_OFF_MESSAGE } }]);
    expect(NOTICES_OFF_MESSAGE).toMatch(/set SMTP_URL \(e\.g\. smtps:\/\/.*\) and MAIL_FROM \(e\.g\. "Example <no-reply@example\.com>"\)/);
  });

  it("says it as information only with the local tenant", () => {
    const logger = recordingLogger();
    validateConfigOrExit({ ...valid, AUTH0_DOMAIN: "http://localhost:4010" }, logger);
    expect(logger.lines).toEqual([{ level: "info", event: "notices.off", fields: { message: NOTICES_OFF_MESSAGE } }]);
  });

  it("says nothing when notices are on", () => {
    const logger = recordingLogger();
    validateConfigOrExit({ ...valid, ...SMTP }, logger);
    expect(logger.lines).toEqual([]);
  });
});
