import { createServer as createMswServer } from "@mswjs/http-middleware";
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalTenantHandlers } from "./handlers";
import { LocalTenant, type LocalTenantOptions } from "./model/tenant";

/** A local tenant answering over HTTP on localhost. */
export interface RunningLocalTenant {
  readonly tenant: LocalTenant;
  /** e.g. `http://localhost:4010` */
  readonly url: string;
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
};

/**
 * Starts a local tenant on `http://localhost:{port}`. The same msw handlers
 * that tests use answer the HTTP requests, so both behave alike.
 */
export async function startLocalTenantServer(options: LocalTenantServerOptions = {}): Promise<RunningLocalTenant> {
  const { port = 4010, onRequest, ...tenantOptions } = options;
  let listener: RequestListener | undefined;
  const httpServer = createServer((request, response) => {
    dropConnectionOnNetworkError(response);
    onRequest?.(request.method ?? "GET", (request.url ?? "/").split("?")[0] ?? "/");
    if (listener) return listener(request, response);
    response.writeHead(503, { "content-type": "text/plain" }).end("The local tenant is starting.");
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, "localhost", () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  // The handlers are bound to the tenant's origin, known only once the port is.
  const actualPort = (httpServer.address() as AddressInfo).port;
  const tenant = await LocalTenant.create({ ...tenantOptions, baseUrl: `http://localhost:${actualPort}` });
  listener = createMswServer(...createLocalTenantHandlers(tenant)) as unknown as RequestListener;
  return {
    tenant,
    url: tenant.baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        httpServer.closeAllConnections();
        httpServer.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
