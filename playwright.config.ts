import { defineConfig } from "@playwright/test";

// Ports of their own, so the browser tests never meet a dev server a person is running.
const APP_PORT = Number(process.env["E2E_APP_PORT"] ?? 3210);
const TENANT_PORT = Number(process.env["E2E_TENANT_PORT"] ?? 4210);
// The local mail catcher npm run dev starts (maildev): its page and REST API, and its SMTP port.
const MAIL_CATCHER_PORT = Number(process.env["E2E_MAIL_CATCHER_PORT"] ?? 1280);
const MAIL_CATCHER_SMTP_PORT = Number(process.env["E2E_MAIL_CATCHER_SMTP_PORT"] ?? 1225);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env["CI"]),
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  // Suggestions first: every Settings view after owner@example.com links or unlinks looks their email up
  // again, and the app allows each person 3 look-ups a minute (lib/setup/services.ts), a product limit
  // the other files' links and unlinks would otherwise have spent when the suggestion tests start.
  projects: [
    { name: "suggestions", testMatch: "suggestions.spec.ts" },
    { name: "pages", testIgnore: "suggestions.spec.ts", dependencies: ["suggestions"] },
  ],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    // The app speaks the browser's language: English unless a spec asks for another (tests/e2e/locale.spec.ts).
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium (apt-get install chromium); Playwright's own browser download is not available here.
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The same command a newcomer runs, forced onto the embedded local tenant.
    command: "npx tsx scripts/dev.ts --local-tenant",
    url: `http://localhost:${APP_PORT}/`,
    env: {
      PORT: String(APP_PORT),
      LOCAL_TENANT_PORT: String(TENANT_PORT),
      MAIL_CATCHER_PORT: String(MAIL_CATCHER_PORT),
      MAIL_CATCHER_SMTP_PORT: String(MAIL_CATCHER_SMTP_PORT),
      APP_BASE_URL: `http://localhost:${APP_PORT}`,
      // owner@example.com links and unlinks in most of these files within a minute or two; the default
      // of 5 attempts a minute per person would refuse some (the throttle has flow tests of its own:
      // tests/flow/throttle*.flow.test.ts).
      LINK_THROTTLE_PER_MINUTE: "60",
      // The link at sign-in (issue #17) is opt-in; these tests run the app with it on, so every sign-in
      // whose verified email an older account shares meets "You already have an account"
      // (tests/e2e/link-prompt.spec.ts). GitHub is trusted to verify emails here, unlike the default,
      // because the local tenant's GitHub is our own simulation, whose email_verified is what the seed
      // says; the README's "Link at sign-in" tries it the same way, and so do the flow tests (tests/support/prompt.ts).
      LINK_PROMPT_AT_SIGN_IN: "true",
      LINK_SUGGESTION_TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2,github",
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
