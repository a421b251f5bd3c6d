import { loadConfig } from "@/lib/config/load-config";
import { VALID_ENV, problemsOf } from "../support/config";

const M2M = { AUTH0_M2M_CLIENT_ID: "m2m-id", AUTH0_M2M_CLIENT_SECRET: "m2m-secret" } as const;

describe("LINK_MERGE_METADATA: keeping the other account's metadata", () => {
  it("is off by default", () => {
    expect(loadConfig(VALID_ENV).linking.mergeMetadata).toBeNull();
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: "false" }).linking.mergeMetadata).toBeNull();
  });

  it("keeps its records in .data/metadata-recovery unless LINK_METADATA_RECOVERY_DIR says otherwise", () => {
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: "true" }).linking.mergeMetadata).toEqual({ recoveryDirectory: ".data/metadata-recovery", recoveryRetentionDays: 30 });
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: " TRUE ", LINK_METADATA_RECOVERY_DIR: "/var/lib/app/recovery" }).linking.mergeMetadata).toEqual({
      recoveryDirectory: "/var/lib/app/recovery",
      recoveryRetentionDays: 30,
    });
  });

  it("keeps records in Redis for LINK_METADATA_RECOVERY_RETENTION_DAYS (1 to 365, default 30), and names the setting when it is not a number of days", () => {
    expect(loadConfig({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: "true", LINK_METADATA_RECOVERY_RETENTION_DAYS: "7" }).linking.mergeMetadata?.recoveryRetentionDays).toBe(7);
    for (const days of ["0", "366", "a week", "-3"]) {
      expect(problemsOf({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: "true", LINK_METADATA_RECOVERY_RETENTION_DAYS: days })).toEqual([
        expect.stringMatching(/^LINK_METADATA_RECOVERY_RETENTION_DAYS must be a whole number of days from 1 to 365, e\.g\. LINK_METADATA_RECOVERY_RETENTION_DAYS=30/),
      ]);
    }
  });

  it("needs the machine-to-machine application, and names both settings and the grants", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_MERGE_METADATA: "true" })).toEqual([
      expect.stringMatching(/^LINK_MERGE_METADATA=true needs .*AUTH0_M2M_CLIENT_ID and AUTH0_M2M_CLIENT_SECRET.*read:users update:users/),
    ]);
  });

  it("names the one missing half of the machine-to-machine application once", () => {
    expect(problemsOf({ ...VALID_ENV, LINK_MERGE_METADATA: "true", AUTH0_M2M_CLIENT_ID: "m2m-id" })).toEqual([expect.stringMatching(/^AUTH0_M2M_CLIENT_SECRET is not set/)]);
  });

  it("refuses anything but true or false", () => {
    expect(problemsOf({ ...VALID_ENV, ...M2M, LINK_MERGE_METADATA: "yes" })).toEqual(['LINK_MERGE_METADATA must be true or false (got "yes").']);
  });
});
