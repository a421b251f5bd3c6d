/**
 * The throttle shared through Redis (REDIS_URL), with two app instances: two
 * separately loaded copies of the app's modules, each with its own services
 * and its own Redis connection, as two servers behind a load balancer. A
 * person's attempts split across both are counted once. Redis is a real
 * redis-server started by the test (or REDIS_URL).
 */
import type { NextResponse } from "next/server";
import type { Services } from "@/lib/setup/services";
import { ACCOUNTS, APP, OWNER_ID, Person, loadApp, loadedAppServices, useLocalTenant, type App } from "../support/app";
import { appRequest } from "../support/browser";
import { noticeFor, redirectOf } from "../support/linking";
import { captureLogs } from "../support/logs";
import { freePort } from "../support/processes";
import { describeWithRedis, startTestRedis, type TestRedis } from "../support/redis";

/** One app instance: its route handlers and its services. */
interface Instance {
  readonly app: App;
  readonly services: Services;
}

const { tenant } = useLocalTenant();
const logs = captureLogs();
const started: Instance[] = [];
let redis: TestRedis;

/** Loads the app's modules afresh (a second server process, as far as the app can tell) with REDIS_URL set. */
async function startInstance(redisUrl: string): Promise<Instance> {
  let instance: Instance | undefined;
  await jest.isolateModulesAsync(async () => {
    const app = await loadApp({ REDIS_URL: redisUrl });
    instance = { app, services: await loadedAppServices() };
  });
  if (!instance) throw new Error("the app did not load");
  started.push(instance);
  return instance;
}

/** "Link GitHub" pressed in `person`'s browser, answered by `instance`. */
async function startLinkOn(instance: Instance, person: Person): Promise<NextResponse> {
  const response = await instance.app.linkStart(
    appRequest(`${APP}/link/start`, person.app, {
      method: "POST",
      headers: { origin: APP, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ connection: "github" }).toString(),
    }),
  );
  person.app.store(response);
  return response;
}

/** "Unlink" confirmed in `person`'s browser, answered by `instance`. */
async function unlinkOn(instance: Instance, person: Person, identity: string): Promise<NextResponse> {
  const response = await instance.app.unlink(
    appRequest(`${APP}/link/unlink`, person.app, {
      method: "POST",
      headers: { origin: APP, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ identity }).toString(),
    }),
  );
  person.app.store(response);
  return response;
}

function outcomeOf(response: Response): string | undefined {
  const { params } = redirectOf(response);
  return params["link"] ?? params["unlink"] ?? (redirectOf(response).url.pathname === "/authorize" ? "to_tenant" : undefined);
}

describeWithRedis()("two app instances sharing the throttle through Redis", () => {
  beforeAll(async () => {
    redis = await startTestRedis();
  }, 20_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis.clearThrottleKeys();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((instance) => instance.services.close()));
  });

  it("refuses a person's sixth 'Link GitHub' within a minute when the five before it were split across both instances", async () => {
    const [a, b] = [await startInstance(redis.url), await startInstance(redis.url)];
    const person = new Person(a.app);
    await person.signIn();

    const answers: (string | undefined)[] = [];
    for (const instance of [a, b, a, b, a]) answers.push(outcomeOf(await startLinkOn(instance, person)));
    expect(answers).toEqual(Array(5).fill("to_tenant"));

    const onB = redirectOf(await startLinkOn(b, person));
    const onA = redirectOf(await startLinkOn(a, person));
    for (const result of [onA, onB]) {
      expect(result.target).toBe(`${APP}/settings`);
      expect(result.params["link"]).toBe("throttled");
    }
    expect(noticeFor(onB, tenant(), OWNER_ID)?.text).toMatch(/^Too many attempts\. Please try again in (5[5-9]|60) seconds\.$/);
    expect(logs.events("throttle.unavailable")).toEqual([]);
  });

  it("still lets another person link through either instance", async () => {
    const [a, b] = [await startInstance(redis.url), await startInstance(redis.url)];
    const owner = new Person(a.app);
    await owner.signIn();
    for (const instance of [a, b, a, b, a, b]) await startLinkOn(instance, owner);

    const intruder = new Person(b.app);
    await intruder.signIn(ACCOUNTS.intruder);
    expect(redirectOf(await intruder.link("github", ACCOUNTS.intruderGithub)).params).toEqual({ link: "linked", identity: "github|1000002" });
  });

  it("refuses the sixth unlink split across both instances, without calling the Management API for it", async () => {
    const [a, b] = [await startInstance(redis.url), await startInstance(redis.url)];
    const person = new Person(a.app);
    await person.signIn();
    expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked");

    const answers: (string | undefined)[] = [];
    for (const instance of [b, a, b, a, b]) answers.push(outcomeOf(await unlinkOn(instance, person, "github|1000001")));
    expect(answers).toEqual(["unlinked", "identity_not_found", "identity_not_found", "identity_not_found", "identity_not_found"]);
    tenant().requestLog.length = 0;

    expect(outcomeOf(await unlinkOn(a, person, "github|1000001"))).toBe("throttled");
    expect(outcomeOf(await unlinkOn(b, person, "github|1000001"))).toBe("throttled");
    expect(tenant().requestLog).toEqual([]);
  });

  it("with Redis unreachable, lets attempts through up to each instance's own limit (fail open, per instance) and logs throttle.unavailable once per instance", async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const [a, b] = [await startInstance(nobody), await startInstance(nobody)];
    const person = new Person(a.app);
    await person.signIn();

    const onA: (string | undefined)[] = [];
    for (let i = 0; i < 6; i += 1) onA.push(outcomeOf(await startLinkOn(a, person)));
    // Each instance counts on its own while Redis is away: five more on B.
    const onB: (string | undefined)[] = [];
    for (let i = 0; i < 6; i += 1) onB.push(outcomeOf(await startLinkOn(b, person)));

    expect(onA).toEqual([...Array(5).fill("to_tenant"), "throttled"]);
    expect(onB).toEqual([...Array(5).fill("to_tenant"), "throttled"]);
    // Once per instance for the outage, not once per attempt.
    const unavailable = logs.events("throttle.unavailable");
    expect(unavailable).toHaveLength(2);
    expect(unavailable[0]).toMatchObject({ level: "warn", reason: "not_connected", fallback: "memory" });
    expect(logs.text()).not.toContain(nobody);
  });
});
