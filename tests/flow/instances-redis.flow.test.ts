/**
 * Two app instances behind a load balancer, sharing one real Redis
 * (REDIS_URL) and one local tenant: whatever instance answers a person's
 * request, Settings shows what the last link or unlink did, the fleet reads
 * each person from the Management API once per 30 s, a replayed callback is
 * refused, and suggestion look-ups are budgeted once for both.
 */
import { ACCOUNTS, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { putCookie, redirectOf, stateOf, TRANSACTION_COOKIE_PREFIX } from "../support/linking";
import { captureLogs } from "../support/logs";
import { describeWithRedis, inspectRedis, useTestRedis } from "../support/redis";
import { listedOn, useFleet } from "../support/instances";
import { settingsView } from "../support/suggestions";
import { MERGED_METADATA, PATCH_CALL, mergeEnv, metadataOn, seedMetadata, useRecoveryDirectory } from "../support/metadata";
import { isRecoveryRecord, reapplyMetadataRecord } from "@/lib/linking/reapply-metadata";
import { deleteRecoveryRecord, listRecoveryRecords, readRecoveryRecord } from "@/lib/shared-state/recovery-store";

const { tenant } = useLocalTenant();
const logs = captureLogs();
const recovery = useRecoveryDirectory();

/** Management API reads of the owner (what a Settings view costs when its cache misses). */
function ownerReads(): number {
  return tenant().requestLog.filter((entry) => entry.method === "GET" && entry.path === `/api/v2/users/${OWNER_ID}`).length;
}

describeWithRedis()("two app instances sharing their state through Redis", () => {
  const redis = useTestRedis();
  const startFleet = useFleet();
  const fleet = (env: Record<string, string> = {}) => startFleet(redis().url, env);

  it("shows a GitHub account linked through instance A on the next Settings view answered by B, without reading the Management API again", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    expect(await listedOn(a, person)).toEqual([OWNER_ID]);
    expect(await listedOn(b, person)).toEqual([OWNER_ID]);

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params).toEqual({ link: "linked", identity: "github|1000001" });
    tenant().requestLog.length = 0;

    expect(await listedOn(b, person)).toEqual([OWNER_ID, "github|1000001"]);
    expect(ownerReads()).toBe(0);
  });

  it("shows an account unlinked through instance B as gone on the next Settings view answered by A", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    await person.link("github", ACCOUNTS.ownerGithub);
    expect(await listedOn(a, person)).toEqual([OWNER_ID, "github|1000001"]);

    expect(redirectOf(await person.on(b.app()).unlink("github|1000001")).params).toEqual({ unlink: "unlinked", identity: "github|1000001" });

    expect(await listedOn(a, person)).toEqual([OWNER_ID]);
  });

  it("reads a person from the Management API once for the whole fleet, however their Settings views are spread", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    tenant().requestLog.length = 0;

    for (const instance of [a, b, a, b, b, a]) expect(await listedOn(instance, person)).toEqual([OWNER_ID]);

    expect(ownerReads()).toBe(1);
  });

  it("refuses a callback replayed on instance B after A answered it, and reaches neither the tenant nor the Management API for it", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    const start = await person.startLink("github");
    const location = start.headers.get("location") ?? "";
    const cookieName = `${TRANSACTION_COOKIE_PREFIX}${stateOf(location)}`;
    const sealed = person.app.get(cookieName) ?? "";
    const back = await person.signInAtTenant(location, ACCOUNTS.ownerGithub);
    expect(redirectOf(await person.openCallback(back)).params).toEqual({ link: "linked", identity: "github|1000001" });
    tenant().requestLog.length = 0;

    putCookie(person.app, cookieName, sealed);
    const replay = redirectOf(await person.on(b.app()).openCallback(back));

    expect(replay.params).toEqual({ link: "transaction_invalid" });
    expect(tenant().requestLog).toEqual([]);
  });

  it("counts a person's suggestion look-ups once across both instances (3 a minute), and serves B the accounts A found", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    const lookups = (): number => tenant().requestLog.filter((entry) => entry.path.startsWith("/api/v2/users-by-email")).length;

    const first = await settingsView(a, person);
    expect(first.suggestions.map((account) => account.userId)).toEqual(["github|1000003"]);
    expect((await settingsView(b, person)).suggestions).toEqual(first.suggestions);
    expect(lookups()).toBe(1);

    // Each view after its entry is gone (as after 5 minutes) looks up again, wherever it lands: the share is the fleet's.
    const client = await inspectRedis(redis().url);
    try {
      for (const instance of [b, a, b]) {
        await client.del(`account-linking:localhost:4010:suggestions:${OWNER_ID}`);
        await settingsView(instance, person.on(instance.app()));
      }
    } finally {
      client.destroy();
    }

    expect(lookups()).toBe(3);
    expect(logs.events("suggestions.lookup_skipped")).toEqual([expect.objectContaining({ sub: OWNER_ID, reason: "user_share_spent" })]);
  });

  it("keeps the metadata of a merge whose PATCH failed on A in Redis, under a key without user ids, and B re-applies it", async () => {
    const [a, b] = await fleet(mergeEnv(recovery.path));
    seedMetadata(tenant());
    tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });
    const person = new Person(a.app());
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked_metadata_pending");

    const [failed] = logs.events("metadata.merge_failed");
    const location = String(failed?.["recovery"]);
    expect(location).toMatch(/^redis:account-linking:localhost:4010:metadata-recovery:\d{8}T\d+Z-[0-9a-f-]{36}$/);
    expect(recovery.files()).toEqual([]);
    expect(logs.text()).not.toContain("github_theme");

    // The operator, on any machine that reaches Redis (here B's connection): list, read, re-apply, delete.
    const shared = b.services().shared;
    if (!shared) throw new Error("B shares no state");
    expect((await listRecoveryRecords(shared.connection, shared.keyPrefix)).map((listed) => listed.location)).toEqual([location]);
    const record = await readRecoveryRecord(shared.connection, location);
    if (!isRecoveryRecord(record)) throw new Error("not a record");
    const machineToken = b.services().machineToken;
    if (!machineToken) throw new Error("no machine token");
    expect(await reapplyMetadataRecord({ management: b.services().management, machineToken }, record)).toMatchObject({ status: "merged" });
    await deleteRecoveryRecord(shared.connection, location);

    expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
    expect(await listRecoveryRecords(shared.connection, shared.keyPrefix)).toEqual([]);
  });
});
