/**
 * Two app instances whose shared Redis goes away or stalls: links and
 * Settings views keep working on each instance's own state, each part says
 * so once per outage, and a change made while Redis could not take it never
 * stays hidden behind the older list Redis held.
 */
import { ACCOUNTS, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { redirectOf } from "../support/linking";
import { captureLogs } from "../support/logs";
import { describeWithRedis, inspectRedis, useTestRedis } from "../support/redis";
import { listedOn, useFleet } from "../support/instances";
import { PATCH_CALL, mergeEnv, seedMetadata, useRecoveryDirectory } from "../support/metadata";

const { tenant } = useLocalTenant();
const logs = captureLogs();
const recovery = useRecoveryDirectory();

/** Makes Redis answer no command for `ms` (as a stalled or overloaded server). */
async function pauseRedis(url: string, ms: number): Promise<void> {
  const client = await inspectRedis(url);
  try {
    await client.sendCommand(["CLIENT", "PAUSE", String(ms), "ALL"]);
  } finally {
    client.destroy();
  }
}

async function eventually(condition: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describeWithRedis({ needsServer: true })("two app instances when their shared Redis fails", () => {
  const redis = useTestRedis({ needsServer: true });
  const startFleet = useFleet();
  const fleet = (env: Record<string, string> = {}) => startFleet(redis().url, env);
  afterEach(async () => {
    // After the fleet has stopped (useFleet's afterEach runs first): the next test starts with a Redis that answers.
    await redis().restart();
  });

  it("links through A and shows Settings on both while Redis is down, and says so once per part and instance", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    await listedOn(a, person);
    await redis().stop();

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params).toEqual({ link: "linked", identity: "github|1000001" });
    expect(await listedOn(a, person)).toEqual([OWNER_ID, "github|1000001"]);
    expect(await listedOn(b, person)).toEqual([OWNER_ID, "github|1000001"]);
    expect(await listedOn(b, person)).toEqual([OWNER_ID, "github|1000001"]);

    for (const part of ["user_cache", "replay_guard", "throttle"]) {
      const lines = logs.events(`${part}.unavailable`);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(lines[0]).toMatchObject({ level: "warn", reason: "not_connected", fallback: "memory" });
    }
    expect(logs.text()).not.toContain(redis().url);
  });

  it("answers Settings in about one Redis deadline when Redis stalls, from the Management API", async () => {
    const [a] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    await listedOn(a, person);
    await pauseRedis(redis().url, 3000);

    const began = Date.now();
    expect(await listedOn(a, person)).toEqual([OWNER_ID]);
    // One deadline (500 ms) and the read; without the pause after a timeout, each Redis call would wait its own (2.5 s here).
    expect(Date.now() - began).toBeLessThan(1800);
    expect(logs.events("user_cache.unavailable")).toEqual([expect.objectContaining({ reason: "timeout" })]);
  });

  it("does not let B keep showing the list from before a link A answered while Redis stalled", async () => {
    const [a, b] = await fleet();
    const person = new Person(a.app());
    await person.signIn();
    expect(await listedOn(b, person)).toEqual([OWNER_ID]); // Redis now holds the list without GitHub

    const start = await person.startLink("github");
    const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
    await pauseRedis(redis().url, 1200);
    expect(redirectOf(await person.openCallback(back)).params).toEqual({ link: "linked", identity: "github|1000001" });
    await new Promise((resolve) => setTimeout(resolve, 1300));

    // A drops the older list from Redis as soon as Redis answers again (it retries every second).
    expect(await eventually(async () => (await listedOn(b, person)).includes("github|1000001"), 2500)).toBe(true);
    // A said so: the link's change missed Redis's deadline.
    expect(logs.events("user_cache.unavailable")).toContainEqual(expect.objectContaining({ reason: "timeout" }));
  }, 15_000);

  it("keeps the metadata of a merge in the instance's directory when Redis is down, and names that file in the log", async () => {
    const [a] = await fleet(mergeEnv(recovery.path));
    seedMetadata(tenant());
    tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });
    const person = new Person(a.app());
    await person.signIn();
    await redis().stop();

    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked_metadata_pending");

    expect(recovery.files()).toHaveLength(1);
    const [fallback] = logs.events("metadata.recovery_fallback");
    expect(fallback).toMatchObject({ level: "warn", reason: "not_connected", location: expect.stringMatching(/^file:\//) });
    expect(logs.events("metadata.merge_failed")).toEqual([expect.objectContaining({ recovery: fallback?.["location"] })]);
  });
});
