/**
 * How connections are named to a person. Auth0 identifies them by connection
 * name and provider; people know them as "GitHub" or "Email and password".
 */
import type { Identity } from "./management/types";

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  "Username-Password-Authentication": "Email and password",
  auth0: "Email and password",
  github: "GitHub",
  "google-oauth2": "Google",
  windowslive: "Microsoft",
  apple: "Apple",
  facebook: "Facebook",
  linkedin: "LinkedIn",
  twitter: "X",
  email: "Email code",
  sms: "Text message",
};

/** A person-friendly name for a connection, e.g. `google-oauth2` → "Google". */
export function connectionDisplayName(connection: string, provider?: string): string {
  return DISPLAY_NAMES[connection] ?? (provider ? DISPLAY_NAMES[provider] : undefined) ?? connection;
}

/** The identity's full id as Auth0 writes it: `provider|user_id`. */
export function identityId(identity: Pick<Identity, "provider" | "user_id">): string {
  return `${identity.provider}|${identity.user_id}`;
}
