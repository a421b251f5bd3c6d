/**
 * The people the load scripts act as: each a database primary user and a
 * GitHub account of their own, created in the local tenant before the run.
 * `npm run load` and `npm run load:instances` seed them alike, so their
 * figures describe the same population.
 */
import type { LocalTenant } from "../lib/local-tenant";

/** One seeded person: their primary user and the GitHub account they will link. */
export interface SeededPerson {
  /** 1-based, as the failure lines name them ("user 7: …"). */
  readonly n: number;
  readonly primaryId: string;
  readonly primaryEmail: string;
  readonly githubId: string;
  readonly githubEmail: string;
}

/**
 * Creates `count` people in `tenant`: `{prefix}-001@example.com`
 * (Username-Password-Authentication) and `{prefix}-001.github@example.com`
 * (github), both verified. Different emails on purpose: Settings suggests
 * linking accounts that share a verified email, and a suggestion is not what
 * the load measures.
 */
export function seedPeople(tenant: LocalTenant, count: number, prefix = "load-user"): SeededPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const tag = String(n).padStart(3, "0");
    const primary = tenant.createUser({ connection: "Username-Password-Authentication", email: `${prefix}-${tag}@example.com`, emailVerified: true });
    const github = tenant.createUser({ connection: "github", email: `${prefix}-${tag}.github@example.com`, emailVerified: true });
    return { n, primaryId: primary.user_id, primaryEmail: primary.email ?? "", githubId: github.user_id, githubEmail: github.email ?? "" };
  });
}
