/**
 * The mail server is down: the link still succeeds at once, and the notice
 * is tried again later (the outbox's retries and its final `notice.failed`
 * are tests/unit/notices-outbox.test.ts's), with nothing but a masked address
 * in the log.
 */
import { createServer } from "node:net";
import { ACCOUNTS, useLocalTenant } from "../support/app";
import { useApp } from "../support/linking";
import { captureLogs } from "../support/logs";

/** A port nothing listens on: SMTP there is refused at once. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

useLocalTenant();
const logs = captureLogs();
const smtpPort = { value: 0 };
beforeAll(async () => {
  smtpPort.value = await closedPort();
  process.env["SMTP_URL"] = `smtp://127.0.0.1:${smtpPort.value}`;
  process.env["MAIL_FROM"] = "Example <no-reply@example.com>";
});
afterAll(() => {
  delete process.env["SMTP_URL"];
  delete process.env["MAIL_FROM"];
});
const running = useApp();

it("links GitHub at once while the mail server refuses every connection, and tries the notice again, logging only a masked address", async () => {
  const person = running.person();
  await person.signIn(ACCOUNTS.owner);
  const done = await person.link("github", ACCOUNTS.ownerGithub);
  expect(done.searchParams.get("link")).toBe("linked");
  for (let waited = 0; logs.events("notice.retry").length === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(logs.events("notice.retry")[0]).toMatchObject({ kind: "linked", reason: "unreachable", to: "o***@example.com" });
  expect(logs.text()).not.toContain("owner@example.com\"");
  expect(logs.text()).not.toContain("/link/report?t=");
});
