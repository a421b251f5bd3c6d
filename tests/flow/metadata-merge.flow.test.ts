/**
 * Linking with the metadata merge on (LINK_MERGE_METADATA=true): the GitHub
 * account's user_metadata and app_metadata, which Auth0 discards when it
 * links, end up on the owner's account. The owner's values win on every
 * conflict, one level deep (a nested object is the owner's, whole). The
 * calls: read both users (machine token), link (the owner's own token), PATCH
 * the owner (machine token). Nothing is left in the recovery directory.
 */
import { ACCOUNTS, APP, OWNER_ID, Person, useLocalTenant } from "../support/app";
import { LINK_CALL, READ_CALL, managementCalls } from "../support/faults";
import { identityIdsOf, noticeFor, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import {
  EXPECTED_PATCH,
  GITHUB,
  MERGED_METADATA,
  PATCH_CALL,
  READ_SECONDARY_CALL,
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

async function ownerBackFromGithub(): Promise<{ person: Person; back: URL }> {
  const person = running.person();
  await person.signIn();
  const start = await person.startLink("github");
  const back = await person.signInAtTenant(start.headers.get("location") ?? "", ACCOUNTS.ownerGithub);
  tenant().requestLog.length = 0;
  return { person, back };
}

it("keeps the GitHub account's settings on the owner's account after linking, the owner's own values winning", async () => {
  seedMetadata(tenant());
  const { person, back } = await ownerBackFromGithub();

  const result = redirectOf(await person.openCallback(back));

  expect(result.target).toBe(`${APP}/settings`);
  expect(result.params).toEqual({ link: "linked", identity: GITHUB });
  expect(noticeFor(result, tenant(), OWNER_ID)).toEqual({ about: "link", kind: "status", text: LINKED_TEXT });
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, GITHUB]);
  // theme stays "dark"; notifications stays the owner's object, not {email: false, sms: true}.
  expect(metadataOn(tenant(), OWNER_ID)).toEqual(MERGED_METADATA);
  expect(managementCalls(tenant())).toEqual([
    { ...READ_SECONDARY_CALL, status: 200 },
    { ...READ_CALL, status: 200 },
    { ...LINK_CALL, status: 201 },
    { ...PATCH_CALL, status: 200 },
  ]);
  expect(recovery.files()).toEqual([]);
  expect(logs.events("metadata.merged")).toEqual([
    expect.objectContaining({ level: "info", sub: OWNER_ID, secondary: GITHUB, user_metadata_keys: 2, app_metadata_keys: 1 }),
  ]);
  // Key counts only: the values never reach the log.
  expect(logs.text()).not.toContain("editor");
  expect(logs.text()).not.toMatch(/eyJ/);
});

it("sends only the keys the owner lacks, so the PATCH can never overwrite the owner's values", async () => {
  seedMetadata(tenant());
  const patches: unknown[] = [];
  const { person, back } = await ownerBackFromGithub();
  server.events.on("request:start", ({ request }) => {
    if (request.method === "PATCH") void request.clone().json().then((body) => patches.push(body));
  });

  await person.openCallback(back);
  server.events.removeAllListeners();

  expect(patches).toEqual([EXPECTED_PATCH]);
});

it("sends no PATCH and keeps no record when the GitHub account has nothing the owner lacks", async () => {
  tenant().updateUser(GITHUB, { user_metadata: { github_theme: null, theme: "light" } });
  tenant().updateUser(OWNER_ID, { user_metadata: { theme: "dark" } });
  const { person, back } = await ownerBackFromGithub();

  const result = redirectOf(await person.openCallback(back));

  expect(result.params).toEqual({ link: "linked", identity: GITHUB });
  expect(metadataOn(tenant(), OWNER_ID)).toEqual({ user_metadata: { theme: "dark" }, app_metadata: {} });
  expect(managementCalls(tenant())).toEqual([
    { ...READ_SECONDARY_CALL, status: 200 },
    { ...READ_CALL, status: 200 },
    { ...LINK_CALL, status: 201 },
  ]);
  expect(recovery.files()).toEqual([]);
  expect(logs.events("metadata.nothing_to_merge")).toHaveLength(1);
});

it("merges the seeded accounts' settings: the owner keeps theme and gains github_theme", async () => {
  const { person, back } = await ownerBackFromGithub();

  await person.openCallback(back);

  expect(metadataOn(tenant(), OWNER_ID)).toEqual({ user_metadata: { theme: "dark", github_theme: "light" }, app_metadata: {} });
});
