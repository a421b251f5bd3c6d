/**
 * What the metadata-merge flow tests share: a recovery directory of their own
 * (a fresh temporary one, emptied after each test and removed after the
 * file), the app's environment with the merge on, metadata seeded on the
 * owner and their GitHub account through the tenant's own model, and the
 * recovery records as an operator finds them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetadataRecoveryRecord } from "@/lib/linking";
import { LOCAL_M2M_CLIENT, type LocalTenant } from "@/lib/local-tenant";
import { OWNER_ID } from "./app";
import { FAULT_TEST_ENV } from "./faults";

/** The owner's GitHub account, linked in these tests. */
export const GITHUB = "github|1000001";

/** `GET /api/v2/users/github|1000001`: reading the secondary before the link. */
export const READ_SECONDARY_CALL = { method: "GET", path: `/api/v2/users/${GITHUB}` } as const;
/** `PATCH /api/v2/users/{owner}`: the merge. */
export const PATCH_CALL = { method: "PATCH", path: `/api/v2/users/${OWNER_ID}` } as const;

/** A temporary recovery directory for this test file: emptied after each test, removed after the file. */
export function useRecoveryDirectory(): { readonly path: string; files(): string[]; records(): MetadataRecoveryRecord[] } {
  const path = mkdtempSync(join(tmpdir(), "metadata-recovery-"));
  afterEach(() => {
    for (const name of readdirSync(path)) rmSync(join(path, name), { recursive: true, force: true });
  });
  afterAll(() => rmSync(path, { recursive: true, force: true }));
  const files = (): string[] => (statSync(path, { throwIfNoEntry: false }) ? readdirSync(path).sort() : []);
  return {
    path,
    files,
    records: () => files().map((name) => JSON.parse(readFileSync(join(path, name), "utf8")) as MetadataRecoveryRecord),
  };
}

/** The environment for `useApp`: as the fault tests run it, with the merge on and records going to `directory`. */
export function mergeEnv(directory: string): Record<string, string> {
  return {
    ...FAULT_TEST_ENV,
    LINK_MERGE_METADATA: "true",
    AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId,
    AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret,
    LINK_METADATA_RECOVERY_DIR: directory,
  };
}

/** The GitHub account's metadata in these tests: a conflict, a new key, a nested object, and app metadata. */
export const SECONDARY_METADATA = {
  user_metadata: { theme: "light", github_theme: "light", language: "fr", notifications: { email: true, sms: true } },
  app_metadata: { plan: "pro", roles: ["editor"] },
} as const;

/** The owner's metadata in these tests. */
export const PRIMARY_METADATA = {
  user_metadata: { theme: "dark", notifications: { email: false } },
  app_metadata: { plan: "free" },
} as const;

/** What the owner holds after a merge: their own values win, the GitHub account's other top-level keys are added. */
export const MERGED_METADATA = {
  user_metadata: { theme: "dark", notifications: { email: false }, github_theme: "light", language: "fr" },
  app_metadata: { plan: "free", roles: ["editor"] },
} as const;

/** The PATCH the merge sends for the metadata above. */
export const EXPECTED_PATCH = {
  user_metadata: { github_theme: "light", language: "fr" },
  app_metadata: { roles: ["editor"] },
} as const;

/** Replaces both users' metadata with the test's (through the tenant's model: a PATCH merge, after deleting the seeded keys). */
export function seedMetadata(tenant: LocalTenant): void {
  for (const [id, metadata] of [
    [OWNER_ID, PRIMARY_METADATA],
    [GITHUB, SECONDARY_METADATA],
  ] as const) {
    const user = tenant.getUser(id);
    if (!user) throw new Error(`${id} is not a root user`);
    const cleared = (object: Record<string, unknown>) => Object.fromEntries(Object.keys(object).map((key) => [key, null]));
    tenant.updateUser(id, { user_metadata: cleared(user.user_metadata), app_metadata: cleared(user.app_metadata) });
    tenant.updateUser(id, structuredClone(metadata) as { user_metadata: Record<string, unknown>; app_metadata: Record<string, unknown> });
  }
}

/** Both metadata objects of a root user as the tenant holds them, or `undefined` when it is not a root user. */
export function metadataOn(tenant: LocalTenant, userId: string): { user_metadata: Record<string, unknown>; app_metadata: Record<string, unknown> } | undefined {
  const user = tenant.getUser(userId);
  return user ? { user_metadata: user.user_metadata, app_metadata: user.app_metadata } : undefined;
}
