/**
 * The app as {@link useApp} starts it, but with its linking routes built by
 * `createAccountLinking` with extra options, the way a product team would
 * compose the library in its own app (e.g. a shorter JWKS refetch cooldown).
 * Everything else is the app's own: its SDK client, Management API client,
 * proxy, and the same transaction key.
 */
import type { AccountLinkingOptions } from "@/lib/linking";
import type { Services } from "@/lib/setup/services";
import { Person, loadApp, loadedAppServices, type App } from "./app";

/** Options a test may add to the app's own. */
export type ExtraLinkingOptions = Partial<Pick<AccountLinkingOptions, "jwksCooldownMs" | "unlinkMaxSignInAgeSeconds" | "timeoutMs">>;

/** The running app with linking routes built from the app's settings plus `extra`. */
export interface AppWithOptions {
  app(): App;
  person(): Person;
  services(): Services;
}

/** Starts the app afresh for each test (see useApp), with `extra` linking options. */
export function useAppWithLinkingOptions(extra: ExtraLinkingOptions, env: Record<string, string> = {}): AppWithOptions {
  let current: { app: App; services: Services } | undefined;
  beforeEach(async () => {
    await jest.isolateModulesAsync(async () => {
      const app = await loadApp(env);
      const { linkingOptions } = await import("@/lib/setup/linking-options");
      const { createAccountLinking } = await import("@/lib/linking");
      const services = await loadedAppServices();
      // The app's own composition, without its throttle and Settings cache (these tests count calls), plus `extra`.
      const linking = createAccountLinking({
        ...linkingOptions(services.config, { auth0: services.auth0, management: services.management, machineToken: services.machineToken, logger: services.logger }),
        ...extra,
      });
      current = { app: { ...app, linkStart: linking.start, linkCallback: linking.callback, unlink: linking.unlink }, services };
    });
  });
  const get = (): NonNullable<typeof current> => {
    if (!current) throw new Error("the app is started in beforeEach");
    return current;
  };
  return { app: () => get().app, person: () => new Person(get().app), services: () => get().services };
}
