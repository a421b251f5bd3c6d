import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFileRecoveryStore, type MetadataRecoveryRecord } from "@/lib/linking";

const RECORD: MetadataRecoveryRecord = {
  kind: "account-linking.metadata-recovery",
  version: 1,
  created_at: "2026-11-23T12:00:00.000Z",
  primary_id: "auth0|65a000000000000000000001",
  secondary_id: "github|1000001",
  secondary: { user_metadata: { language: "fr" }, app_metadata: { roles: ["editor"] } },
  primary: { user_metadata: {}, app_metadata: {} },
  patch: { user_metadata: { language: "fr" }, app_metadata: { roles: ["editor"] } },
};

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), "metadata-recovery-unit-"));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe("createFileRecoveryStore", () => {
  it("creates its directory readable by the app's user only, and writes each record as a 0600 JSON file", async () => {
    const directory = join(parent, "deep", "records");
    const store = createFileRecoveryStore({ directory });

    const location = await store.save(RECORD);

    expect(location).toMatch(new RegExp(`^file:${directory}/20261123T120000000Z-[0-9a-f-]{36}\\.json$`));
    const path = location.slice("file:".length);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(RECORD);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    // No partial file left behind, and no user id in the name.
    expect(readdirSync(directory)).toEqual([path.slice(directory.length + 1)]);
  });

  it("keeps two records of the same moment apart", async () => {
    const store = createFileRecoveryStore({ directory: parent });
    const [a, b] = await Promise.all([store.save(RECORD), store.save(RECORD)]);
    expect(a).not.toBe(b);
    expect(readdirSync(parent)).toHaveLength(2);
  });

  it("removes a record on resolve", async () => {
    const store = createFileRecoveryStore({ directory: parent });
    await store.resolve(await store.save(RECORD));
    expect(readdirSync(parent)).toEqual([]);
  });

  it("refuses to remove anything outside its directory", async () => {
    const store = createFileRecoveryStore({ directory: join(parent, "records") });
    const outside = await createFileRecoveryStore({ directory: join(parent, "other") }).save(RECORD);
    await expect(store.resolve(outside)).rejects.toThrow("not a location of this store");
    await expect(store.resolve(`file:${join(parent, "records", "..", "other")}`)).rejects.toThrow();
    await expect(store.resolve("s3://bucket/x.json")).rejects.toThrow();
    expect(readdirSync(join(parent, "other"))).toHaveLength(1);
  });

  it("fails to save when the directory cannot be made", async () => {
    const store = createFileRecoveryStore({ directory: join("/dev/null", "records") });
    await expect(store.save(RECORD)).rejects.toMatchObject({ code: "ENOTDIR" });
  });
});
