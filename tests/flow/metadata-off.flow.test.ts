/**
 * The metadata merge is off unless LINK_MERGE_METADATA=true: linking then
 * does what Auth0 does, discarding the GitHub account's metadata, with no
 * extra Management API call and nothing written anywhere.
 */
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { LINK_CALL } from "../support/faults";
import { identityCalls, redirectOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { GITHUB, PRIMARY_METADATA, metadataOn, seedMetadata } from "../support/metadata";

const { tenant } = useLocalTenant();
const running = useApp();
captureLogs();

it("links as Auth0 does by default: the GitHub account's settings are gone and the owner's are untouched", async () => {
  seedMetadata(tenant());
  const person = running.person();
  await person.signIn();
  tenant().requestLog.length = 0;

  const result = redirectOf(await person.link("github", ACCOUNTS.ownerGithub));

  expect(result.params).toEqual({ link: "linked", identity: GITHUB });
  expect(metadataOn(tenant(), OWNER_ID)).toEqual(PRIMARY_METADATA);
  // The secondary root user, and its metadata with it, no longer exists.
  expect(metadataOn(tenant(), GITHUB)).toBeUndefined();
  expect(tenant().requestLog.map(({ method, path, status }) => ({ method, path, status }))).toEqual([{ ...LINK_CALL, status: 201 }]);
  expect(identityCalls(tenant())).toHaveLength(1);
  expect(running.services().config.linking.mergeMetadata).toBeNull();
});
