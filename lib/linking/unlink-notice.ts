/**
 * Settings' proof that `POST /link/unlink` really unlinked an identity.
 *
 * Settings announces an outcome from its URL (`?unlink=unlinked&identity=…`),
 * which anyone can craft. A link is announced only when the identity list
 * shows it; an unlink cannot be checked that way, because an identity absent
 * from the list may never have been linked at all. So the unlink route, when
 * an identity really left the account, sets a short-lived sealed cookie
 * naming the user, the identity and when; Settings announces "Unlinked …"
 * only for the identity that cookie names, and only for the user it names.
 * The cookie is HttpOnly, SameSite=Lax, scoped to the Settings path, Secure
 * on https, and sealed (iron-session) with its own key derived from the
 * transaction secret, so it reveals nothing and cannot be forged or reused
 * as a transaction cookie.
 */
import { hkdfSync } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import type { LinkingContext } from "./options";

/** The cookie's name. */
export const UNLINKED_COOKIE = "__link_unlinked";

/** How long the cookie, and with it the announcement, lasts: long enough for the redirect to Settings, and a reload. */
export const UNLINKED_NOTICE_SECONDS = 120;

/** What a request's cookies are read through: Next.js's `cookies()`, or a `NextRequest`'s `cookies`. */
export interface CookieReader {
  get(name: string): { readonly value: string } | undefined;
}

interface UnlinkedProof {
  readonly sub: string;
  readonly identity: string;
  /** When the identity was unlinked, in epoch ms. */
  readonly at: number;
}

/** The cookie's key: never the transaction cookie's own, so neither seal opens as the other. */
function proofKey(context: LinkingContext): string {
  return Buffer.from(hkdfSync("sha256", context.transaction.secret, "", "account-linking unlink notice", 32)).toString("hex");
}

/**
 * The `Set-Cookie` value that tells Settings `identity` was just unlinked from `sub`.
 * Set only after the tenant unlinked it (or a read confirmed it after a lost answer).
 */
export async function unlinkedNoticeCookie(context: LinkingContext, sub: string, identity: string): Promise<string> {
  const proof: UnlinkedProof = { sub, identity, at: context.now() };
  const sealed = await sealData(proof, { password: proofKey(context), ttl: UNLINKED_NOTICE_SECONDS });
  const attributes = [`${UNLINKED_COOKIE}=${sealed}`, `Path=${context.settingsPath}`, `Max-Age=${UNLINKED_NOTICE_SECONDS}`, "HttpOnly", "SameSite=Lax"];
  if (context.transaction.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/**
 * The identity the unlink route confirmed it just unlinked from `sub` (the
 * session's own user), from the request's cookies; `null` when there is no
 * such cookie, or it is tampered with, older than {@link UNLINKED_NOTICE_SECONDS},
 * or about another user.
 */
export async function readUnlinkedNotice(context: LinkingContext, cookies: CookieReader, sub: string): Promise<string | null> {
  const sealed = cookies.get(UNLINKED_COOKIE)?.value;
  if (!sealed) return null;
  let proof: Partial<UnlinkedProof>;
  try {
    // iron-session answers {} for a bad or expired seal, and throws for some malformed ones.
    proof = await unsealData<Partial<UnlinkedProof>>(sealed, { password: proofKey(context), ttl: UNLINKED_NOTICE_SECONDS });
  } catch {
    return null;
  }
  if (typeof proof.sub !== "string" || typeof proof.identity !== "string" || typeof proof.at !== "number") return null;
  // Another user's cookie (a shared computer, a planted cookie) vouches for nothing here.
  if (proof.sub !== sub) return null;
  const age = context.now() - proof.at;
  return age >= 0 && age <= UNLINKED_NOTICE_SECONDS * 1000 ? proof.identity : null;
}
