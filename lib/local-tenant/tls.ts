/**
 * The local tenant's https mode: a certificate authority of its own and a
 * certificate for `localhost`, `127.0.0.1` and `::1` signed by it, generated
 * with `selfsigned` on first start and kept on disk, so the CA a developer
 * told Node to trust (`NODE_EXTRA_CA_CERTS`) stays the same across restarts.
 *
 * Why a CA and not one self-signed certificate: Node trusts extra CAs through
 * `NODE_EXTRA_CA_CERTS`, and a CA lets the server certificate be renewed
 * without asking anyone to trust something new.
 */
import { X509Certificate, createPrivateKey } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Where the https mode keeps its files; default `.data/local-tenant-tls` under the working directory. */
export interface LocalTenantTlsOptions {
  readonly dir?: string;
}

/** The key pair and certificates an https server of the tenant listens with. */
export interface LocalTenantCertificates {
  /** Absolute path of the CA certificate (PEM): the value for `NODE_EXTRA_CA_CERTS`. */
  readonly caPath: string;
  /** The CA certificate (PEM), for clients that take a `ca` option. */
  readonly ca: string;
  /** The server's certificate (PEM). */
  readonly cert: string;
  /** The server's private key (PEM). */
  readonly key: string;
  /** Whether this start generated anything (a new CA means clients must trust it again). */
  readonly generated: "nothing" | "server certificate" | "certificate authority";
}

/** Thrown when https mode cannot start; the message says what to do. */
export class LocalTenantTlsError extends Error {
  override readonly name = "LocalTenantTlsError";
}

/** The names the server certificate covers: every loopback address the tenant answers on. */
const SERVER_NAMES = { dns: ["localhost"], ips: ["127.0.0.1", "::1"] } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Renew the server certificate when it has less than this left, so a running day never hits its expiry. */
const RENEW_BEFORE_MS = 30 * DAY_MS;
const CA_LIFETIME_MS = 10 * 365 * DAY_MS;
/** 825 days is the longest validity macOS and browsers accept for a server certificate. */
const SERVER_LIFETIME_MS = 825 * DAY_MS;

const FILES = { ca: "ca.pem", caKey: "ca-key.pem", cert: "localhost.pem", key: "localhost-key.pem" } as const;

/**
 * Returns the tenant's certificates, generating what is missing, expiring or
 * no longer matching: the CA only when it is absent or ending (its key is
 * kept), the server certificate whenever it is not a valid one of this CA for
 * every loopback name.
 *
 * @param now epoch milliseconds, for tests of renewal.
 * @throws {LocalTenantTlsError} when `selfsigned` is missing or the directory is not writable.
 */
export async function localTenantCertificates(options: LocalTenantTlsOptions = {}, now: number = Date.now()): Promise<LocalTenantCertificates> {
  const dir = resolve(options.dir ?? join(".data", "local-tenant-tls"));
  const existing = await readFiles(dir);
  let generated: LocalTenantCertificates["generated"] = "nothing";

  let ca = existing.ca && existing.caKey && caIsUsable(existing.ca, existing.caKey, now) ? { cert: existing.ca, key: existing.caKey } : undefined;
  if (!ca) {
    ca = await generateCa(now);
    generated = "certificate authority";
  }
  let server = existing.cert && existing.key && generated === "nothing" && serverIsUsable(existing.cert, existing.key, ca.cert, now) ? { cert: existing.cert, key: existing.key } : undefined;
  if (!server) {
    server = await generateServer(ca, now);
    if (generated === "nothing") generated = "server certificate";
  }
  if (generated !== "nothing") await writeFiles(dir, generated === "certificate authority" ? { ca: ca.cert, caKey: ca.key, ...server } : server);
  return { caPath: join(dir, FILES.ca), ca: ca.cert, cert: server.cert, key: server.key, generated };
}

type Pem = { cert: string; key: string };

async function readFiles(dir: string): Promise<Partial<Record<keyof typeof FILES, string>>> {
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([name, file]) => [name, await readFile(join(dir, file), "utf8").catch(() => undefined)] as const),
  );
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

async function writeFiles(dir: string, files: Partial<Record<keyof typeof FILES, string>>): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files) as [keyof typeof FILES, string][]) {
      const path = join(dir, FILES[name]);
      const secret = name === "caKey" || name === "key";
      await writeFile(path, content, { mode: secret ? 0o600 : 0o644 });
      // writeFile's mode applies only when it creates the file; a key replaced in place must not stay readable by others.
      if (secret) await chmod(path, 0o600);
    }
  } catch (error) {
    throw new LocalTenantTlsError(`Could not write the local tenant's certificates to ${dir}: ${(error as Error).message}`);
  }
}

/** A CA we can still sign with: parses, matches its key, is a CA, and lasts beyond the renewal margin. */
function caIsUsable(certPem: string, keyPem: string, now: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return cert.ca && cert.checkPrivateKey(createPrivateKey(keyPem)) && validFor(cert, now);
  } catch {
    return false;
  }
}

/** A server certificate signed by this CA, matching its key, naming every loopback address, not about to expire. */
function serverIsUsable(certPem: string, keyPem: string, caPem: string, now: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    const names = [...SERVER_NAMES.dns.map((name) => cert.checkHost(name)), ...SERVER_NAMES.ips.map((ip) => cert.checkIP(ip))];
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && cert.checkPrivateKey(createPrivateKey(keyPem)) && names.every(Boolean) && validFor(cert, now);
  } catch {
    return false;
  }
}

function validFor(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && Date.parse(cert.validTo) - now > RENEW_BEFORE_MS;
}

/** `selfsigned` is an optional peer, needed only in https mode: say how to add it rather than print a stack. */
async function selfsigned(): Promise<typeof import("selfsigned")> {
  try {
    return await import("selfsigned");
  } catch {
    throw new LocalTenantTlsError(
      "The local tenant's https mode needs the selfsigned package (an optional peer of auth0-account-linking):\n  npm install --save-dev selfsigned",
    );
  }
}

async function generateCa(now: number): Promise<Pem> {
  const { generate } = await selfsigned();
  const pems = await generate([{ name: "commonName", value: "auth0-local-tenant development CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + CA_LIFETIME_MS),
    extensions: [
      // pathLen 0: this CA signs server certificates only, never another CA.
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function generateServer(ca: Pem, now: number): Promise<Pem> {
  const { generate } = await selfsigned();
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    // A minute back, so a client whose clock is a little behind still accepts it.
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + SERVER_LIFETIME_MS),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [...SERVER_NAMES.dns.map((value) => ({ type: 2 as const, value })), ...SERVER_NAMES.ips.map((ip) => ({ type: 7 as const, ip }))],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
