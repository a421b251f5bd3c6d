/**
 * The metadata merge when what it stands on is broken: a machine-to-machine
 * client the tenant refuses, or a recovery directory that cannot be written.
 * Either way nothing is linked (the metadata would have no safety net), the
 * person is asked to try again, and an operator reads why in the log.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { identityIdsOf, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { GITHUB, PRIMARY_METADATA, SECONDARY_METADATA, mergeEnv, metadataOn, seedMetadata, useRecoveryDirectory } from "../support/metadata";

const { tenant } = useLocalTenant();
const logs = captureLogs();

async function ownerLinksGithub(person: { signIn(): Promise<void>; link(connection: string, account: { email: string; connection: string }): Promise<URL> }) {
  seedMetadata(tenant());
  await person.signIn();
  return redirectOf(await person.link("github", ACCOUNTS.ownerGithub));
}

function expectNothingLinked(): void {
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID]);
  expect(metadataOn(tenant(), GITHUB)).toEqual(SECONDARY_METADATA);
  expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
  expect(tenant().requestLog.filter((call) => call.method !== "GET")).toEqual([]);
}

describe("when the tenant refuses the machine-to-machine client", () => {
  const recovery = useRecoveryDirectory();
  const running = useApp({ ...mergeEnv(recovery.path), AUTH0_M2M_CLIENT_SECRET: "not-the-m2m-secret" });

  it("links nothing and asks to try again, and the log names the refusal without the secret", async () => {
    const result = await ownerLinksGithub(running.person());

    expect(result.params).toEqual({ link: "metadata_unavailable", identity: GITHUB });
    expectNothingLinked();
    expect(recovery.files()).toEqual([]);
    expect(logs.events("machine_token.refused")).toEqual([expect.objectContaining({ status: 401 })]);
    expect(logs.events("metadata.read_failed")).toEqual([expect.objectContaining({ user: "secondary", code: "invalid_token" })]);
    expect(logs.text()).not.toContain("not-the-m2m-secret");
  });
});

describe("when the recovery directory cannot be written", () => {
  const parent = mkdtempSync(join(tmpdir(), "metadata-recovery-blocked-"));
  // A file where the directory should be: mkdir fails (ENOTDIR), whoever runs the tests (root included).
  writeFileSync(join(parent, "file"), "");
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  const running = useApp(mergeEnv(join(parent, "file", "records")));

  it("links nothing rather than link without a safety net, and logs why at error level", async () => {
    const result = await ownerLinksGithub(running.person());

    expect(result.params).toEqual({ link: "metadata_unavailable", identity: GITHUB });
    expectNothingLinked();
    expect(logs.events("metadata.recovery_unwritable")).toEqual([
      expect.objectContaining({ level: "error", sub: OWNER_ID, secondary: GITHUB, reason: "ENOTDIR" }),
    ]);
    // The metadata itself never goes to the log.
    expect(logs.text()).not.toContain("editor");
  });
});
