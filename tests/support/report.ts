/**
 * Flow-test harness for notices and "This wasn't me": the app's own SDK client
 * and setup (as app/account-linking.ts composes them) with the notices
 * delivered to a recorder instead of SMTP, and a browser that opens a
 * notice's link, as its reader would.
 */
import type { NextRequest, NextResponse } from "next/server";
import type { LinkNotice } from "@/lib/linking/report/notice";
import { APP, Person, loadApp, type App } from "./app";
import { appRequest, CookieJar } from "./browser";
import { forgetProcessState } from "./linking";
import { recordingLogger, type RecordingLogger } from "./recording-logger";

/** The app with its notices recorded. */
export interface ReportingApp {
  app(): App;
  /** A person with a new, empty browser. */
  person(): Person;
  /** Every notice sent so far, oldest first (sent after the response: see {@link ReportingApp.nextNotice}). */
  readonly notices: LinkNotice[];
  /** Waits for the next notice (they are sent after the response). */
  nextNotice(): Promise<LinkNotice>;
  logger(): RecordingLogger;
}

/** Starts the app afresh for each test (as tests/support/linking.ts's `useApp`), its notices recorded. */
export function useReportingApp(env: Record<string, string> = {}): ReportingApp {
  let current: { app: App; logger: RecordingLogger } | undefined;
  const notices: LinkNotice[] = [];
  const waiting: ((notice: LinkNotice) => void)[] = [];
  beforeEach(async () => {
    notices.length = 0;
    forgetProcessState();
    await jest.isolateModulesAsync(async () => {
      await loadApp(env);
      const { auth0 } = await import("@/app/account-linking");
      const { setupAccountLinking } = await import("@/lib/setup/setup-account-linking");
      const logger = recordingLogger();
      const setup = setupAccountLinking({
        auth0,
        env: process.env,
        logger,
        notices: {
          send: async (notice) => {
            notices.push(notice);
            waiting.shift()?.(notice);
          },
        },
      });
      current = { app: { proxy: setup.proxy, linkStart: setup.routes.POST, linkCallback: setup.routes.GET, unlink: setup.routes.POST }, logger };
    });
  });
  const get = (): NonNullable<typeof current> => {
    if (!current) throw new Error("the app is started in beforeEach");
    return current;
  };
  return {
    app: () => get().app,
    person: () => new Person(get().app),
    notices,
    logger: () => get().logger,
    nextNotice: () => {
      const seen = notices.length;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no notice was sent within 5 s")), 5_000);
        const poll = (): void => {
          if (notices.length > seen) {
            clearTimeout(timer);
            resolve(notices[seen] as LinkNotice);
          } else setTimeout(poll, 10);
        };
        poll();
      });
    },
  };
}

/** A browser that opens a notice's "This wasn't me" link (the email may be read anywhere: no app session). */
export class NoticeReader {
  readonly app = new CookieJar();
  readonly tenant = new CookieJar();
  constructor(private readonly entry: App) {}

  /** `GET /link/report?t=…` (or any URL of the page), with the browser's `headers` (e.g. its Accept-Language). */
  async open(url: string, headers: Record<string, string> = {}): Promise<NextResponse> {
    const response = await this.entry.linkCallback(appRequest(url, this.app, { headers }));
    this.app.store(response);
    return response;
  }

  /** Clicks the page's button: `POST /link/report` with the token, from `origin`. */
  async secure(token: string, origin: string | null = APP): Promise<NextResponse> {
    const response = await this.entry.linkStart(
      appRequest(`${APP}/link/report`, this.app, {
        method: "POST",
        headers: { ...(origin === null ? {} : { origin }), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ t: token }).toString(),
      }),
    );
    this.app.store(response);
    return response;
  }

  /** Opens the tenant's redirect back (the callback), then follows the app's redirect to the page it shows. */
  async finish(callback: URL): Promise<{ redirect: URL; page: NextResponse }> {
    const done = await this.entry.linkCallback(appRequest(callback.toString(), this.app));
    this.app.store(done);
    const redirect = new URL(done.headers.get("location") ?? "");
    return { redirect, page: await this.open(redirect.toString()) };
  }
}

/** The `t` of a notice's report URL. */
export function tokenOf(notice: LinkNotice): string {
  return new URL(notice.reportUrl).searchParams.get("t") ?? "";
}

/** A page request made by `jar`'s browser through the proxy, e.g. to see whether it is still signed in. */
export function pageRequest(url: string, jar: CookieJar): NextRequest {
  return appRequest(url, jar);
}
