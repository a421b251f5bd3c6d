/**
 * A connection's name in the page's language. Brand names (GitHub, Google,
 * Microsoft, …) are the same in every language and come from
 * ../management/identities; the kinds of sign-in that are described rather
 * than named (a password, an emailed code, a text message) come from the catalog.
 */
import { connectionDisplayName } from "../management/identities";
import type { Messages } from "./catalog";

const KINDS: Readonly<Record<string, keyof Messages["connections"]>> = {
  "Username-Password-Authentication": "password",
  auth0: "password",
  email: "emailCode",
  sms: "textMessage",
};

function kindOf(name: string | undefined): keyof Messages["connections"] | undefined {
  return name !== undefined && Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
}

/**
 * e.g. `github` → "GitHub", `Username-Password-Authentication` → "E-Mail und
 * Passwort" in German. A connection the package does not know is shown by
 * its name, unless its provider tells the kind (a custom database connection
 * is "Email and password").
 */
export function connectionName(messages: Messages, connection: string, provider?: string): string {
  // The connection's own name decides first (a brand stays a brand); the provider only for a name we do not know.
  const known = connectionDisplayName(connection) !== connection;
  const kind = kindOf(connection) ?? (known ? undefined : kindOf(provider));
  return kind ? messages.connections[kind] : connectionDisplayName(connection, provider);
}
