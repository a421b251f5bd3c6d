/**
 * The local tenant's https mode: a CA of its own kept on disk and reused, a
 * server certificate for every loopback address, and an https issuer.
 */
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localTenantCertificates, startLocalTenantServer, type RunningLocalTenant } from "@/lib/local-tenant";
import { localTenantBanner, parseLocalTenantArgs } from "@/lib/local-tenant/cli";

const DAY_MS = 24 * 60 * 60 * 1000;

/** GET over https, trusting only the given CA. */
function getJson(url: string, ca: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    }).on("error", reject);
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-tenant-tls-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the local tenant in https mode", () => {
  let running: RunningLocalTenant | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers https on localhost, 127.0.0.1 and [::1] with the issuer https://localhost:PORT/, trusted through its CA", async () => {
    running = await startLocalTenantServer({ port: 0, https: { dir } });
    const port = new URL(running.url).port;
    expect(running.url).toBe(`https://localhost:${port}`);
    expect(running.caCertificatePath).toBe(join(dir, "ca.pem"));
    const ca = await readFile(join(dir, "ca.pem"), "utf8");
    for (const host of ["localhost", "127.0.0.1"]) {
      const { status, body } = await getJson(`https://${host}:${port}/.well-known/openid-configuration`, ca);
      expect({ host, status, issuer: body["issuer"], token: body["token_endpoint"] }).toEqual({ host, status: 200, issuer: `https://localhost:${port}/`, token: `https://localhost:${port}/oauth/token` });
    }
    const ipv6 = await getJson(`https://[::1]:${port}/.well-known/openid-configuration`, ca).catch((error: NodeJS.ErrnoException) => error);
    // [::1] answers wherever the machine has IPv6 loopback.
    if (!(ipv6 instanceof Error) || !["EADDRNOTAVAIL", "ECONNREFUSED"].includes(ipv6.code ?? "")) expect(ipv6).toMatchObject({ status: 200, body: { issuer: `https://localhost:${port}/` } });
  });

  it("is refused by a client that does not trust its CA", async () => {
    running = await startLocalTenantServer({ port: 0, https: { dir } });
    const other = await localTenantCertificates({ dir: join(dir, "other") });
    await expect(getJson(`${running.url}/.well-known/openid-configuration`, other.ca)).rejects.toThrow(/certificate/i);
  });
});

describe("the https mode's certificates", () => {
  it("are generated once, kept with private keys readable by their owner only, and reused on the next start", async () => {
    const first = await localTenantCertificates({ dir });
    expect(first.generated).toBe("certificate authority");
    for (const key of ["ca-key.pem", "localhost-key.pem"]) expect((await stat(join(dir, key))).mode & 0o777).toBe(0o600);
    const second = await localTenantCertificates({ dir });
    expect(second).toEqual({ ...first, generated: "nothing" });
  });

  it("name every loopback address and are signed by the CA, which signs nothing but server certificates", async () => {
    const { ca, cert } = await localTenantCertificates({ dir });
    const server = new X509Certificate(cert);
    const authority = new X509Certificate(ca);
    expect([server.checkHost("localhost"), server.checkIP("127.0.0.1"), server.checkIP("::1")]).toEqual(["localhost", "127.0.0.1", "::1"]);
    expect(server.checkHost("example.com")).toBeUndefined();
    expect(server.ca).toBe(false);
    expect(server.verify(authority.publicKey)).toBe(true);
    expect(authority.ca).toBe(true);
    expect(authority.toLegacyObject().ext_key_usage).toBeUndefined();
  });

  it("renew the server certificate a month before it expires, keeping the CA a developer already trusts", async () => {
    const first = await localTenantCertificates({ dir });
    const nearExpiry = Date.parse(new X509Certificate(first.cert).validTo) - 29 * DAY_MS;
    const renewed = await localTenantCertificates({ dir }, nearExpiry);
    expect(renewed.generated).toBe("server certificate");
    expect(renewed.ca).toBe(first.ca);
    expect(renewed.cert).not.toBe(first.cert);
  });

  it("replace a server certificate that is not the CA's (e.g. edited by hand) and a CA whose key is gone", async () => {
    const first = await localTenantCertificates({ dir });
    const stranger = await localTenantCertificates({ dir: join(dir, "stranger") });
    // A matching key pair, so only the signature tells it is not this CA's.
    await writeFile(join(dir, "localhost.pem"), stranger.cert);
    await writeFile(join(dir, "localhost-key.pem"), stranger.key);
    expect((await localTenantCertificates({ dir })).generated).toBe("server certificate");
    await unlink(join(dir, "ca-key.pem"));
    const fresh = await localTenantCertificates({ dir });
    expect(fresh.generated).toBe("certificate authority");
    expect(fresh.ca).not.toBe(first.ca);
  });
});

describe("auth0-local-tenant --https", () => {
  it("prints the NODE_EXTRA_CA_CERTS line with the CA's path, and the https domain", () => {
    const options = parseLocalTenantArgs(["--https"]);
    if (options === "help") throw new Error("unexpected");
    expect(options.https).toBe(true);
    const banner = localTenantBanner(options, { url: "https://localhost:4010", caCertificatePath: "/srv/app/.data/local-tenant-tls/ca.pem" });
    expect(banner).toContain("AUTH0_DOMAIN=https://localhost:4010");
    expect(banner).toContain("\nNODE_EXTRA_CA_CERTS=/srv/app/.data/local-tenant-tls/ca.pem\n");
    expect(localTenantBanner({ ...options, https: false }, { url: "http://localhost:4010" })).not.toContain("NODE_EXTRA_CA_CERTS");
  });
});
