/**
 * The metadata merge when a step fails (faults from the local tenant's own
 * fault API). Before the link, a failed read links nothing and the GitHub
 * account keeps its metadata. A failed link sends no PATCH and leaves no
 * recovery record. After the link, the PATCH is retried; when it fails for
 * good the person is still linked, the metadata waits in a recovery record,
 * and an error line names the record's location.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { ACCOUNTS, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { LINK_CALL, READ_CALL, managementCalls } from "../support/faults";
import { identityIdsOf, noticeFor, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import {
  EXPECTED_PATCH,
  GITHUB,
  MERGED_METADATA,
  PATCH_CALL,
  PRIMARY_METADATA,
  READ_SECONDARY_CALL,
  SECONDARY_METADATA,
  mergeEnv,
  metadataOn,
  seedMetadata,
  useRecoveryDirectory,
} from "../support/metadata";

const { server, tenant } = useLocalTenant();
const recovery = useRecoveryDirectory();
const running = useApp(mergeEnv(recovery.path));
const logs = captureLogs();

const LINKED_TEXT = "Linked your GitHub account owner.github@example.com. You can now sign in with it.";
const PENDING_TEXT =
  "Linked your GitHub account owner.github@example.com. You can now sign in with it, but some of your settings from that account could not be copied yet; support can restore them.";
const UNREADABLE_TEXT = "The settings of your GitHub account could not be read, and linking now would lose them, so nothing was linked. Please try again in a few minutes.";

/** Seeds the metadata, signs the owner in, and stops before the callback: the second sign-in is done at the tenant. */
async function ownerBackFromGithub(): Promise<{ person: Person; back: URL }> {
  seedMetadata(tenant());
  const person = running.person();
  await person.signIn();
  const start = await person.startLink("github");
  const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
  tenant().requestLog.length = 0;
  return { person, back };
}

/** Nothing linked, and both users hold exactly what they held before. */
function expectNothingChanged(): void {
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  expect(identityIdsOf(tenant(), GITHUB)).toEqual([GITHUB]);
  expect(metadataOn(tenant(), GITHUB)).toEqual(SECONDARY_METADATA);
  expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
  expect(recovery.files()).toEqual([]);
}

describe("before the link: reading the users", () => {
  it("links nothing and asks to try again when the GitHub account cannot be read, and its settings stay on it", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...READ_SECONDARY_CALL, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "metadata_unavailable", identity: GITHUB });
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "alert", text: UNREADABLE_TEXT });
    expectNothingChanged();
    expect(managementCalls(tenant())).toEqual(Array(3).fill({ ...READ_SECONDARY_CALL, status: 503, fault: "status" }));
    expect(logs.events("metadata.read_failed")).toEqual([
      expect.objectContaining({ level: "warn", sub: OWNER_ID, secondary: GITHUB, user: "secondary", code: "tenant_unavailable", status: 503 }),
    ]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "metadata_unavailable" })]);
  });

  it("links nothing and asks to try again when the owner cannot be read", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...READ_CALL, kind: "reset", times: 3 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "metadata_unavailable", identity: GITHUB });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(UNREADABLE_TEXT);
    expectNothingChanged();
    expect(managementCalls(tenant())).toEqual([
      { ...READ_SECONDARY_CALL, status: 200 },
      ...Array(3).fill({ ...READ_CALL, status: 0, fault: "reset" }),
    ]);
    expect(logs.events("metadata.read_failed")).toEqual([expect.objectContaining({ user: "primary", code: "tenant_unavailable" })]);
  });

  it("says how long to wait when the tenant's rate limit refuses the read, and links nothing", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...READ_SECONDARY_CALL, kind: "rate_limit", retryAfterSeconds: 30 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "rate_limited", retry: "30" });
    expectNothingChanged();
  });
});

describe("the link itself fails", () => {
  it("sends no PATCH and leaves no recovery record when the tenant refuses the link", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...LINK_CALL, kind: "rate_limit", retryAfterSeconds: 1 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "rate_limited", retry: "1" });
    expectNothingChanged();
    expect(managementCalls(tenant())).toEqual([
      { ...READ_SECONDARY_CALL, status: 200 },
      { ...READ_CALL, status: 200 },
      { ...LINK_CALL, status: 429, fault: "rate_limit" },
    ]);
    expect(logs.events("metadata.merged")).toEqual([]);
    expect(logs.events("metadata.recovery_not_removed")).toEqual([]);
  });

  it("sends no PATCH when the link's outcome stays unknown, and keeps the record for an operator, saying where", async () => {
    const { person, back } = await ownerBackFromGithub();
    // The tenant links and loses its 201; every read after that fails (the reads before the link succeed).
    tenant().faults.inject({ ...LINK_CALL, kind: "lose_response" });
    server.events.on("request:start", ({ request }) => {
      if (request.method === "POST" && request.url.endsWith("/identities")) tenant().faults.inject({ ...READ_CALL, kind: "status", status: 503, times: 3 });
    });

    const result = redirectOf(await person.openCallback(back));
    server.events.removeAllListeners();

    expect(result.params).toEqual({ link: "unconfirmed", identity: GITHUB });
    expect(managementCalls(tenant()).filter((call) => call.method === "PATCH")).toEqual([]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
    expect(recovery.records()).toEqual([expect.objectContaining({ primary_id: OWNER_ID, secondary_id: GITHUB, secondary: SECONDARY_METADATA, patch: EXPECTED_PATCH })]);
    const [file, ...more] = recovery.files();
    expect(more).toEqual([]);
    expect(logs.events("metadata.merge_unconfirmed")).toEqual([
      expect.objectContaining({ level: "warn", sub: OWNER_ID, secondary: GITHUB, recovery: `file:${join(recovery.path, file ?? "")}` }),
    ]);
  });

  it("still merges when the tenant linked but its 201 was lost (the read shows the link)", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...LINK_CALL, kind: "lose_response" });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: GITHUB });
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect(recovery.files()).toEqual([]);
  });
});

describe("after the link: the PATCH", () => {
  it("retries a PATCH that failed once, and the owner ends up with the GitHub account's settings", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: GITHUB });
    expect(noticeFor(result, tenant(), OWNER_ID)?.text).toBe(LINKED_TEXT);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect(managementCalls(tenant()).slice(2)).toEqual([
      { ...LINK_CALL, status: 201 },
      { ...PATCH_CALL, status: 503, fault: "status" },
      { ...PATCH_CALL, status: 200 },
    ]);
    expect(recovery.files()).toEqual([]);
  });

  it("retries safely when the tenant merged but its answer was lost: the owner holds each setting once", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...PATCH_CALL, kind: "lose_response" });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked", identity: GITHUB });
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect(managementCalls(tenant()).slice(3)).toEqual([
      { ...PATCH_CALL, status: 200, fault: "lose_response" },
      { ...PATCH_CALL, status: 200 },
    ]);
    expect(recovery.files()).toEqual([]);
  });

  it("says the account is linked but its settings wait for support when every PATCH fails, and keeps them in a record whose location is logged", async () => {
    const { person, back } = await ownerBackFromGithub();
    tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });

    const result = redirectOf(await person.openCallback(back));

    expect(result.params).toEqual({ link: "linked_metadata_pending", identity: GITHUB });
    expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "status", text: PENDING_TEXT });
    expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
    expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
    expect(managementCalls(tenant()).slice(3)).toEqual(Array(3).fill({ ...PATCH_CALL, status: 503, fault: "status" }));

    const [file, ...more] = recovery.files();
    expect(more).toEqual([]);
    const path = join(recovery.path, file ?? "");
    expect(recovery.records()).toEqual([
      {
        kind: "account-linking.metadata-recovery",
        version: 1,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        primary_id: OWNER_ID,
        secondary_id: GITHUB,
        secondary: SECONDARY_METADATA,
        primary: PRIMARY_METADATA,
        patch: EXPECTED_PATCH,
      },
    ]);
    // Readable by the app's user only.
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(recovery.path).mode & 0o077).toBe(0);
    expect(logs.events("metadata.merge_failed")).toEqual([
      expect.objectContaining({ level: "error", sub: OWNER_ID, secondary: GITHUB, code: "tenant_unavailable", status: 503, recovery: `file:${path}` }),
    ]);
    expect(logs.events("link.finished")).toEqual([expect.objectContaining({ outcome: "linked_metadata_pending", secondary: GITHUB })]);
  });
});
