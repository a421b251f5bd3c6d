/**
 * A load balancer small enough to read: an HTTP server on localhost that
 * sends each successive request to the next app instance, as a round-robin
 * balancer without sticky sessions does, so consecutive requests of one
 * person land on different instances. `npm run load:instances` puts it in
 * front of two `next start` instances.
 *
 * It forwards the method, path, headers (cookies and Origin included; Host is
 * kept, so the app sees the public origin as it would behind a real balancer)
 * and body, and streams the answer back with `x-instance: <name>` added, so
 * the caller can tell which instance answered. An instance that cannot be
 * reached is answered 502, which the caller counts as a 5xx.
 */
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One instance behind the proxy. */
export interface ProxyTarget {
  /** Short name sent back in `x-instance`, e.g. `a`. */
  readonly name: string;
  /** e.g. `http://localhost:41235` */
  readonly url: string;
}

/** A running proxy. */
export interface RunningProxy {
  /** e.g. `http://localhost:41234`: the app's public origin (APP_BASE_URL). */
  readonly url: string;
  /** Requests forwarded to each target so far, by name. */
  readonly forwarded: ReadonlyMap<string, number>;
  /** Stops listening and closes every connection, both sides. */
  close(): Promise<void>;
}

/** The response header naming the instance that answered. */
export const INSTANCE_HEADER = "x-instance";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/**
 * Starts the proxy on `port` (0: a free one) of localhost.
 * @throws if `targets` is empty or the port cannot be bound.
 */
export async function startRoundRobinProxy(targets: readonly ProxyTarget[], port = 0): Promise<RunningProxy> {
  if (targets.length === 0) throw new Error("the proxy needs at least one target");
  // Keep-alive towards the instances, as a balancer's pool does: a new connection per request would measure the proxy.
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const forwarded = new Map(targets.map((target) => [target.name, 0]));
  let next = 0;

  const server = createServer((incoming, outgoing) => {
    const target = targets[next % targets.length] as ProxyTarget;
    next += 1;
    forwarded.set(target.name, (forwarded.get(target.name) ?? 0) + 1);
    const upstream = new URL(incoming.url ?? "/", target.url);
    const headers = endToEnd(incoming.headers);
    headers["x-forwarded-for"] = incoming.socket.remoteAddress ?? "127.0.0.1";
    headers["x-forwarded-proto"] = "http";
    headers["x-forwarded-host"] = incoming.headers.host ?? "";
    const forward = httpRequest(upstream, { method: incoming.method ?? "GET", headers, agent }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), [INSTANCE_HEADER]: target.name });
      answer.pipe(outgoing);
    });
    forward.on("error", (error) => {
      if (outgoing.headersSent) return void outgoing.destroy(error);
      outgoing.writeHead(502, { "content-type": "text/plain", [INSTANCE_HEADER]: target.name }).end(`instance ${target.name} unreachable: ${error.message}`);
    });
    incoming.pipe(forward);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "localhost", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actualPort}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        agent.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
