/**
 * An operator finishing a merge from its recovery record (what
 * `npm run metadata:reapply` does): the record comes from a real link whose
 * every PATCH failed; re-applying it gives the owner the GitHub account's
 * settings, never overwrites what the owner set since, and sends nothing when
 * the link never happened.
 */
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { isRecoveryRecord, reapplyMetadataRecord } from "@/lib/linking/reapply-metadata";
import { createManagementClient } from "@/lib/management/client";
import { createMachineTokenSource } from "@/lib/management/machine-token";
import type { MetadataRecoveryRecord } from "@/lib/linking";
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { redirectOf, useApp } from "../support/linking";
import { LINK_CALL, READ_CALL } from "../support/faults";
import { captureLogs } from "../support/logs";
import { recordingLogger } from "../support/recording-logger";
import { EXPECTED_PATCH, GITHUB, MERGED_METADATA, PATCH_CALL, SECONDARY_METADATA, mergeEnv, metadataOn, seedMetadata, useRecoveryDirectory } from "../support/metadata";

const TENANT = "http://localhost:4010";
const { server, tenant } = useLocalTenant();
const recovery = useRecoveryDirectory();
const running = useApp(mergeEnv(recovery.path));
captureLogs();

function operatorTools() {
  const logger = recordingLogger();
  return {
    management: createManagementClient({ baseUrl: `${TENANT}/api/v2/`, logger, sleep: async () => {} }),
    machineToken: createMachineTokenSource({
      tenantOrigin: TENANT,
      clientId: LOCAL_M2M_CLIENT.clientId,
      clientSecret: LOCAL_M2M_CLIENT.clientSecret,
      audience: `${TENANT}/api/v2/`,
      logger,
    }),
  };
}

/** Links the owner's GitHub account while every PATCH fails: the record an operator then finds. */
async function recordOfFailedMerge(): Promise<MetadataRecoveryRecord> {
  seedMetadata(tenant());
  tenant().faults.inject({ ...PATCH_CALL, kind: "status", status: 503, times: 3 });
  const person = running.person();
  await person.signIn();
  expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("linked_metadata_pending");
  const [record, ...more] = recovery.records();
  expect(more).toEqual([]);
  expect(isRecoveryRecord(record)).toBe(true);
  return record as MetadataRecoveryRecord;
}

it("gives the owner the GitHub account's settings from the record, and a second run adds nothing", async () => {
  const record = await recordOfFailedMerge();

  expect(await reapplyMetadataRecord(operatorTools(), record)).toEqual({ status: "merged", patch: EXPECTED_PATCH });
  expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
  expect(await reapplyMetadataRecord(operatorTools(), record)).toEqual({ status: "nothing_to_add" });
});

it("never overwrites a setting the owner changed after the link", async () => {
  const record = await recordOfFailedMerge();
  tenant().updateUser(OWNER_ID, { user_metadata: { language: "de" } });

  expect(await reapplyMetadataRecord(operatorTools(), record)).toEqual({
    status: "merged",
    patch: { user_metadata: { github_theme: "light" }, app_metadata: { roles: ["editor"] } },
  });
  expect(metadataOn(tenant(), OWNER_ID)?.user_metadata).toMatchObject({ language: "de", github_theme: "light" });
});

it("sends nothing for a link that never happened: the GitHub account still holds its settings", async () => {
  // The link call fails before the tenant links, and the read that would tell fails too: the outcome is unknown, the record stays.
  seedMetadata(tenant());
  tenant().faults.inject({ ...LINK_CALL, kind: "reset" });
  server.events.on("request:start", ({ request }) => {
    if (request.method === "POST" && request.url.endsWith("/identities")) tenant().faults.inject({ ...READ_CALL, kind: "status", status: 503, times: 3 });
  });
  const person = running.person();
  await person.signIn();
  expect(redirectOf(await person.link("github", ACCOUNTS.ownerGithub)).params["link"]).toBe("unconfirmed");
  server.events.removeAllListeners();
  const [record] = recovery.records();
  if (!record) throw new Error("no record kept");
  tenant().requestLog.length = 0;

  expect(await reapplyMetadataRecord(operatorTools(), record)).toEqual({ status: "not_linked" });
  expect(tenant().requestLog.filter((call) => call.method === "PATCH")).toEqual([]);
  expect(metadataOn(tenant(), GITHUB)).toEqual(SECONDARY_METADATA);
});

it("refuses a file that is not a recovery record", () => {
  expect(isRecoveryRecord({ kind: "something-else", version: 1 })).toBe(false);
  expect(isRecoveryRecord(null)).toBe(false);
});
