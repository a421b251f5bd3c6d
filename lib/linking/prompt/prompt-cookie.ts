/**
 * The prompt cookie: what `/link/prompt` decided to offer after a sign-in,
 * for the page to show and for its buttons to act on. Sealed with
 * iron-session (the transaction's key), bound to the signed-in user's `sub`,
 * short-lived (the transaction's lifetime), `HttpOnly`, `SameSite=Lax`. The
 * buttons carry nothing but their intent: which account to link is read from
 * here, never from the form.
 */
import { sealData, unsealData } from "iron-session";
import type { TransactionOptions } from "../transaction";

/** The cookie's name. */
export const PROMPT_COOKIE = "__link_prompt";

/** A sign-in as the prompt names it: its connection (and provider, for its name) and its email. */
export interface PromptSignIn {
  readonly sub: string;
  readonly connection: string;
  readonly provider: string;
  readonly email: string;
}

/** What the prompt cookie holds. */
export interface LinkPrompt {
  /** The session's user: the new sign-in (the cookie is worthless to anyone else). */
  readonly user: PromptSignIn;
  /** The older account with the same verified email: the one to link into. */
  readonly existing: PromptSignIn;
  /** Where the person was going when they signed in (a safe path). */
  readonly returnTo: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** A `Set-Cookie` value holding `prompt`. */
export async function sealPrompt(prompt: LinkPrompt, options: TransactionOptions): Promise<string> {
  const sealed = await sealData(prompt, { password: options.secret, ttl: options.ttlSeconds + 60 });
  return cookie(sealed, options, options.ttlSeconds);
}

/** A `Set-Cookie` value that deletes the prompt cookie. */
export function deletePromptCookie(options: TransactionOptions): string {
  return cookie("", options, 0);
}

/**
 * The prompt in `sealed` if it is well-formed, for `sub` and unexpired at
 * `now`; otherwise `null` (tampered, another user's, too old), never an exception.
 */
export async function openPrompt(sealed: string | undefined, options: TransactionOptions, sub: string, now: number): Promise<LinkPrompt | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<LinkPrompt>>(sealed, { password: options.secret, ttl: options.ttlSeconds + 60 });
    if (!isPrompt(data) || data.user.sub !== sub) return null;
    return now - data.createdAt <= options.ttlSeconds * 1000 ? data : null;
  } catch {
    return null;
  }
}

function isSignIn(value: unknown): value is PromptSignIn {
  const candidate = value as Partial<PromptSignIn> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    [candidate.sub, candidate.connection, candidate.provider, candidate.email].every((field) => typeof field === "string" && field.length > 0 && field.length <= 320)
  );
}

function isPrompt(data: Partial<LinkPrompt>): data is LinkPrompt {
  return isSignIn(data.user) && isSignIn(data.existing) && typeof data.returnTo === "string" && data.returnTo.startsWith("/") && typeof data.createdAt === "number";
}

function cookie(value: string, options: TransactionOptions, maxAge: number): string {
  // Path=/: the page (the app's own path) reads it as well as the route under /link.
  const attributes = [`${PROMPT_COOKIE}=${value}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax"];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}
