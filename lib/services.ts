/**
 * The composition root: builds the app's services once from the validated
 * configuration. Lazy, so that importing a page never reads the environment
 * before a request needs it.
 */
import type { Auth0Client } from "@auth0/nextjs-auth0/server";
import { createAuth0Client } from "./auth0";
import { getConfig, type AppConfig } from "./config";
import { consoleLogger, type Logger } from "./log";
import { createManagementClient, type ManagementClient } from "./management/client";

/** Everything a route or page needs to talk to Auth0. */
export interface Services {
  readonly config: AppConfig;
  readonly auth0: Auth0Client;
  readonly management: ManagementClient;
  readonly logger: Logger;
}

let services: Services | undefined;

/** The process-wide services, built on first use. */
export function getServices(): Services {
  if (!services) {
    const config = getConfig();
    services = {
      config,
      auth0: createAuth0Client(config),
      management: createManagementClient({ baseUrl: config.auth0.managementAudience, logger: consoleLogger }),
      logger: consoleLogger,
    };
  }
  return services;
}
