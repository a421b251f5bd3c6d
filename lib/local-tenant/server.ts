import { createServer as createMswServer } from "@mswjs/http-middleware";
import { createServer as createHttpServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { configToTenantOptions } from "./config/to-options";
import { readLocalTenantConfig } from "./config/read-config";
import type { LocalTenantConfig } from "./config/types";
import { createLocalTenantHandlers } from "./handlers";
import { seedClients } from "./seed";
import { LocalTenant, type LocalTenantOptions } from "./model/tenant";
import { localTenantCertificates, type LocalTenantTlsOptions } from "./tls";

/** A local tenant answering over HTTP (or HTTPS) on localhost. */
export interface RunningLocalTenant {
  readonly tenant: LocalTenant;
  /** e.g. `http://localhost:4010`, or `https://localhost:4010` in https mode */
  readonly url: string;
  /**
   * In https mode, the absolute path of the tenant's CA certificate: start a
   * client with `NODE_EXTRA_CA_CERTS` set to it so it trusts the tenant.
   */
  readonly caCertificatePath?: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Makes msw's network error (`HttpResponse.error()`, status 0: an injected
 * `timeout`, `reset` or `lose_response`) a dropped connection, as a failing
 * server's would be. Node cannot send a status 0, and would throw.
 */
function dropConnectionOnNetworkError(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (statusCode: number, ...rest: unknown[]) => ServerResponse;
  response.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (statusCode !== 0) return writeHead(statusCode, ...rest);
    response.destroy();
    return response;
  }) as ServerResponse["writeHead"];
}

/** Listens on `host:port`; rejects when the address is taken or absent. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Options for {@link startLocalTenantServer}. */
export type LocalTenantServerOptions = Omit<LocalTenantOptions, "baseUrl"> & {
  /** Port on localhost; default 4010; 0 picks a free one. */
  readonly port?: number;
  /**
   * Called with every request's method and path (without the query) as it
   * arrives, OIDC endpoints included (which {@link LocalTenant.requestLog} does
   * not keep): `npm run bench` counts the token and JWKS calls with it.
   */
  readonly onRequest?: (method: string, path: string) => void;
  /**
   * Serve HTTPS with a certificate of the tenant's own CA (generated with the
   * optional peer `selfsigned` on first start, kept in `dir`, default
   * `.data/local-tenant-tls`), making the issuer `https://localhost:{port}/`,
   * as SDKs that only speak https to Auth0 (node-auth0) need. Default false.
   */
  readonly https?: boolean | LocalTenantTlsOptions;
  /**
   * A configuration (README, "Configuring it"): the path of a JSON file, or
   * its content. Each section it has replaces the matching option (given
   * here, or the seed's); its `client_grants` apply to the clients in effect.
   * Needs the optional peer `zod`.
   */
  readonly config?: string | LocalTenantConfig;
};

/**
 * Starts a local tenant on `http://localhost:{port}` (`https://` with the
 * `https` option), answering on every loopback address (`127.0.0.1`, and
 * `[::1]` where the machine has it) with `http(s)://localhost:{port}/` as its
 * issuer. The same msw handlers that tests use answer the HTTP requests, so
 * both behave alike.
 *
 * @throws {LocalTenantTlsError} in https mode, when `selfsigned` is missing or the certificates cannot be written.
 * @throws {LocalTenantConfigError} for a `config` that is unreadable or wrong, naming each field, before listening.
 */
export async function startLocalTenantServer(options: LocalTenantServerOptions = {}): Promise<RunningLocalTenant> {
  const { port = 4010, onRequest, https, config: configSource, ...tenantOptions } = options;
  const config = configSource === undefined ? undefined : await readLocalTenantConfig(configSource);
  const certificates = https ? await localTenantCertificates(https === true ? {} : https) : undefined;
  const createServer = (listener: RequestListener): Server =>
    certificates ? createHttpsServer({ key: certificates.key, cert: certificates.cert }, listener) : createHttpServer(listener);
  const scheme = certificates ? "https" : "http";
  let listener: RequestListener | undefined;
  let origin = "";
  const handle: RequestListener = (request, response) => {
    dropConnectionOnNetworkError(response);
    onRequest?.(request.method ?? "GET", (request.url ?? "/").split("?")[0] ?? "/");
    if (!listener) {
      response.writeHead(503, { "content-type": "text/plain" }).end("The local tenant is starting.");
      return;
    }
    // Any loopback address answers alike (127.0.0.1, [::1], localhost): the handlers are bound
    // to the tenant's own origin, which also stays the issuer whatever address a client used.
    request.headers.host = origin;
    listener(request, response);
  };
  const ipv4 = createServer(handle);
  await listen(ipv4, port, "127.0.0.1");
  const actualPort = (ipv4.address() as AddressInfo).port;
  // Also on [::1] when the machine has IPv6 loopback; `localhost` may resolve to either.
  const ipv6 = createServer(handle);
  const servers = (await listen(ipv6, actualPort, "::1").then(() => true, () => false)) ? [ipv4, ipv6] : [ipv4];
  // The handlers are bound to the tenant's origin, known only once the port is.
  origin = `localhost:${actualPort}`;
  const baseUrl = `${scheme}://${origin}`;
  const managementAudience = `${baseUrl}/api/v2/`;
  const fromConfig = config
    ? configToTenantOptions(config, {
        managementAudience,
        baseClients: tenantOptions.clients ?? seedClients(tenantOptions.appBaseUrl ?? "http://localhost:3000", managementAudience),
      })
    : {};
  const tenant = await LocalTenant.create({ ...tenantOptions, ...fromConfig, baseUrl });
  listener = createMswServer(...createLocalTenantHandlers(tenant)) as unknown as RequestListener;
  return {
    tenant,
    url: tenant.baseUrl,
    ...(certificates && { caCertificatePath: certificates.caPath }),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve, reject) => {
              server.closeAllConnections();
              server.close((error) => (error ? reject(error) : resolve()));
            }),
        ),
      );
    },
  };
}
