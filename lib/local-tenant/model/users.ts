/**
 * The local tenant's root users: looking them up, creating them (from the seed
 * or the login page's "new account" form), recording logins and updating
 * their attributes. Linking and unlinking, which move identities between
 * users, are in link-rules.ts.
 */
import { TenantApiError } from "../errors";
import type { SeedAccount, TenantConnection, TenantUser } from "../types";
import type { LocalTenant } from "./tenant";

/**
 * The users {@link LocalTenant} holds, and what making one needs. Functions
 * here hand out copies; the map's own objects never leave the model.
 */
export interface UserStore {
  /** Root users by `user_id`. */
  readonly byId: Map<string, TenantUser>;
  /** The tenant's origin, for avatar URLs. */
  readonly baseUrl: string;
  readonly connections: readonly TenantConnection[];
  /** Clock in epoch milliseconds. */
  readonly now: () => number;
  /** How many users {@link createUser} has made: their ids count up with it. */
  createdCount: number;
}

/** One way to sign in, as the login page lists it. */
export interface LoginAccount {
  readonly connection: string;
  readonly connectionDisplayName: string;
  /** `provider|user_id` of the identity. */
  readonly identityId: string;
  readonly email: string;
  readonly name: string;
  /** Root user this identity signs in as (differs from `identityId` once linked). */
  readonly userId: string;
}

/** What {@link createUser} takes: the new account's connection, email and name (default the email). */
export interface NewUser {
  connection: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

/** The writable attributes {@link updateUser} takes. */
export interface UserPatch {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  name?: string;
  nickname?: string;
  picture?: string;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Splits `provider|id` on the first `|` only: ids may contain more. */
export function splitUserId(fullId: string): { provider: string; id: string } {
  const bar = fullId.indexOf("|");
  if (bar <= 0) return { provider: "auth0", id: fullId };
  return { provider: fullId.slice(0, bar), id: fullId.slice(bar + 1) };
}

/** The connection named `name`, or `undefined`. */
export function connectionNamed(connections: readonly TenantConnection[], name: string): TenantConnection | undefined {
  return connections.find((connection) => connection.name === name);
}

/**
 * The root user `userId` itself, not a copy, for the model to change.
 * @throws {TenantApiError} 404 `inexistent_user`, as Auth0 answers for an unknown id.
 */
export function requireUser(store: UserStore, userId: string): TenantUser {
  const user = store.byId.get(userId);
  if (!user) throw new TenantApiError(404, "The user does not exist.", "inexistent_user");
  return user;
}

/** A copy of a root user, or `undefined`. */
export function getUser(store: UserStore, userId: string): TenantUser | undefined {
  const user = store.byId.get(userId);
  return user ? clone(user) : undefined;
}

/** Every root user, copied. */
export function listUsers(store: UserStore): TenantUser[] {
  return [...store.byId.values()].map(clone);
}

/** Root users whose email is exactly `email` (Auth0's `users-by-email` is case-sensitive), copied. */
export function usersByEmail(store: UserStore, email: string): TenantUser[] {
  return listUsers(store).filter((user) => user.email === email);
}

/** A copy of the root user that holds identity `provider|id`, linked or not. */
export function findUserByIdentity(store: UserStore, provider: string, id: string): TenantUser | undefined {
  for (const user of store.byId.values()) {
    if (user.identities.some((identity) => identity.provider === provider && String(identity.user_id) === id)) {
      return clone(user);
    }
  }
  return undefined;
}

/** Every identity a person can sign in with, optionally on one connection, by email then connection. */
export function loginAccounts(store: UserStore, connection?: string): LoginAccount[] {
  const accounts: LoginAccount[] = [];
  for (const user of store.byId.values()) {
    user.identities.forEach((identity, index) => {
      if (connection !== undefined && identity.connection !== connection) return;
      const profile = index === 0 ? user : identity.profileData;
      accounts.push({
        connection: identity.connection,
        connectionDisplayName: connectionNamed(store.connections, identity.connection)?.displayName ?? identity.connection,
        identityId: `${identity.provider}|${identity.user_id}`,
        email: profile?.email ?? "",
        name: profile?.name ?? "",
        userId: user.user_id,
      });
    });
  }
  return accounts.sort((a, b) => a.email.localeCompare(b.email) || a.connection.localeCompare(b.connection));
}

/**
 * Creates a standalone user on a connection, with ids deterministic in
 * creation order, and returns a copy.
 * @throws {TenantApiError} 400 for an unknown connection or a malformed email, 409 when the email is taken on that connection.
 */
export function createUser(store: UserStore, input: NewUser): TenantUser {
  const connection = connectionNamed(store.connections, input.connection);
  if (!connection) throw new TenantApiError(400, `The connection does not exist.`, "inexistent_connection");
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new TenantApiError(400, "Payload validation error: 'Object didn't pass validation for format email: " + email + "' on property email (The user's email).", "invalid_body");
  const taken = listUsers(store).some((user) =>
    user.identities.some((identity) => identity.connection === connection.name && (identity === user.identities[0] ? user.email : identity.profileData?.email) === email),
  );
  if (taken) throw new TenantApiError(409, "The user already exists.", "auth0_idp_error");
  store.createdCount += 1;
  const n = store.createdCount;
  let id: string;
  if (connection.provider === "auth0") id = `65b${n.toString(16).padStart(21, "0")}`;
  else if (connection.provider === "github") id = String(2_000_000 + n);
  else id = `2${n.toString().padStart(20, "0")}`;
  const account: SeedAccount = {
    user_id: `${connection.provider}|${id}`,
    connection: connection.name,
    email,
    email_verified: input.emailVerified,
    name: input.name?.trim() || email,
  };
  return clone(addAccount(store, account));
}

/** Records an interactive or silent login (`last_login`, `logins_count`); nothing for an unknown user. */
export function recordLogin(store: UserStore, userId: string): void {
  const user = store.byId.get(userId);
  if (!user) return;
  user.last_login = new Date(store.now()).toISOString();
  user.logins_count += 1;
}

/**
 * Merges `user_metadata` / `app_metadata` one level deep (a `null` value
 * deletes the key), sets the other attributes given, and returns a copy.
 * @throws {TenantApiError} 404 `inexistent_user`.
 */
export function updateUser(store: UserStore, userId: string, patch: UserPatch): TenantUser {
  const user = requireUser(store, userId);
  for (const field of ["user_metadata", "app_metadata"] as const) {
    const changes = patch[field];
    if (!changes) continue;
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete user[field][key];
      else user[field][key] = clone(value);
    }
  }
  if (patch.name !== undefined) user.name = patch.name;
  if (patch.nickname !== undefined) user.nickname = patch.nickname;
  if (patch.picture !== undefined) user.picture = patch.picture;
  touch(store, user);
  return clone(user);
}

/** Sets `updated_at` to now, after a change to the user. */
export function touch(store: UserStore, user: TenantUser): void {
  user.updated_at = new Date(store.now()).toISOString();
}

/**
 * Adds a root user with one identity, as Auth0 holds a seeded, created or
 * unlinked account, and returns the stored object itself. `createdAt`
 * (epoch ms) defaults to now.
 */
export function addAccount(store: UserStore, account: SeedAccount, createdAt: number = store.now()): TenantUser {
  const { provider, id } = splitUserId(account.user_id);
  const connection = connectionNamed(store.connections, account.connection);
  const created = new Date(createdAt).toISOString();
  const nickname = account.email.split("@")[0] ?? account.email;
  const user: TenantUser = {
    user_id: account.user_id,
    email: account.email,
    email_verified: account.email_verified,
    name: account.name,
    nickname,
    picture: `${store.baseUrl}/avatars/${encodeURIComponent(account.name || account.email)}.svg`,
    created_at: created,
    updated_at: created,
    logins_count: 0,
    identities: [
      {
        connection: account.connection,
        provider,
        user_id: provider === "github" && /^\d+$/.test(id) ? Number(id) : id,
        isSocial: connection?.isSocial ?? provider !== "auth0",
      },
    ],
    user_metadata: clone(account.user_metadata ?? {}),
    app_metadata: clone(account.app_metadata ?? {}),
  };
  store.byId.set(user.user_id, user);
  return user;
}
