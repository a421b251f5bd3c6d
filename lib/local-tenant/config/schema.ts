/**
 * The configuration file's shape as a zod schema: types, required fields,
 * unknown fields and URL forms. What needs the whole file (a grant naming a
 * client, a user naming a connection, duplicates) is checked after it, in
 * cross-check.ts. zod is an optional peer, loaded only when a file is read.
 */
import { z } from "zod";
import { closest, formatPath } from "./names";
import type { LocalTenantConfig } from "./types";

const nonEmpty = z.string().trim().min(1, "must not be empty");

const httpUrl = z.string().refine((value) => {
  const url = URL.canParse(value) ? new URL(value) : null;
  return url?.protocol === "http:" || url?.protocol === "https:";
}, "must be an absolute http(s) URL, e.g. http://localhost:3000/auth/callback");

const grantType = z.enum(["authorization_code", "implicit", "refresh_token", "client_credentials"]);

const client = z.strictObject({
  client_id: nonEmpty,
  client_secret: nonEmpty.optional(),
  name: nonEmpty,
  app_type: z.enum(["regular_web", "non_interactive", "spa", "native"]),
  callbacks: z.array(httpUrl).optional(),
  allowed_logout_urls: z.array(httpUrl).optional(),
  grant_types: z.array(grantType).optional(),
  token_endpoint_auth_method: z.enum(["client_secret_post", "client_secret_basic", "none"]).optional(),
});

const resourceServer = z.strictObject({
  identifier: nonEmpty,
  name: z.string().optional(),
  scopes: z.array(z.strictObject({ value: nonEmpty, description: z.string().optional() })).optional(),
});

const clientGrant = z.strictObject({
  client_id: nonEmpty,
  audience: nonEmpty,
  scope: z.array(nonEmpty),
});

const connection = z.strictObject({
  name: nonEmpty,
  strategy: z.string().regex(/^[a-z0-9-]+$/, 'must be an identity provider\'s name in lower case, e.g. "auth0", "github", "google-oauth2"'),
  display_name: nonEmpty.optional(),
  id: z.string().regex(/^con_[A-Za-z0-9]+$/, 'must look like Auth0\'s connection ids, "con_" and letters or digits').optional(),
});

const metadata = z.record(z.string(), z.unknown());

const identityFields = {
  user_id: z.string().regex(/^[a-z0-9-]+\|.+$/, 'must be "{strategy}|{id}", e.g. "auth0|65a000000000000000000001"').optional(),
  connection: nonEmpty,
  email: z.email("must be an email address"),
  email_verified: z.boolean().optional(),
  name: nonEmpty.optional(),
};

const user = z.strictObject({
  ...identityFields,
  user_metadata: metadata.optional(),
  app_metadata: metadata.optional(),
  identities: z.array(z.strictObject(identityFields)).optional(),
});

/** The whole file, whose output is a {@link LocalTenantConfig} (tests/local-tenant/config-file.test.ts reads every field). */
export const localTenantConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  clients: z.array(client).optional(),
  resource_servers: z.array(resourceServer).optional(),
  client_grants: z.array(clientGrant).optional(),
  connections: z.array(connection).optional(),
  users: z.array(user).optional(),
  rate_limit: z
    .strictObject({
      limit: z.int("must be a whole number").min(1, "must be at least 1"),
      per_second: z.number().positive("must be more than 0"),
    })
    .optional(),
});

/** One problem in the file: where (`clients[0].callbacks[1]`) and what. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates parsed JSON; returns the config or every problem found. */
export function validateShape(data: unknown): { config: LocalTenantConfig } | { issues: ConfigIssue[] } {
  const result = localTenantConfigSchema.safeParse(data, { reportInput: true });
  // zod's output types optional fields as `T | undefined` and arrays as mutable, which
  // exactOptionalPropertyTypes and the readonly config types refuse: the values are the same.
  if (result.success) return { config: result.data as LocalTenantConfig };
  return { issues: result.error.issues.flatMap(toIssues) };
}

/** The names each object of the file may hold, to suggest one for a misspelt field. */
const FIELDS: Record<string, readonly string[]> = {
  "": ["$schema", "clients", "resource_servers", "client_grants", "connections", "users", "rate_limit"],
  clients: Object.keys(client.shape),
  resource_servers: Object.keys(resourceServer.shape),
  "resource_servers.scopes": ["value", "description"],
  client_grants: Object.keys(clientGrant.shape),
  connections: Object.keys(connection.shape),
  users: Object.keys(user.shape),
  "users.identities": Object.keys(identityFields),
  rate_limit: ["limit", "per_second"],
};

function toIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const section = issue.path.filter((part) => typeof part === "string").join(".");
    return issue.keys.map((key) => {
      const suggestion = closest(key, FIELDS[section] ?? []);
      return {
        path: path ? `${path}.${key}` : key,
        message: `unknown field${suggestion ? ` (did you mean "${suggestion}"?)` : `; expected one of ${(FIELDS[section] ?? []).join(", ")}`}`,
      };
    });
  }
  if (issue.code === "invalid_type" && issue.input === undefined) return [{ path, message: "is required" }];
  if (issue.code === "invalid_value" && "values" in issue) {
    return [{ path, message: `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}` }];
  }
  if (issue.code === "invalid_type") return [{ path, message: `must be ${article(issue.expected)}` }];
  return [{ path, message: issue.message }];
}

function article(expected: string): string {
  if (expected === "array") return "a list ([…])";
  if (expected === "object" || expected === "record") return "an object ({…})";
  if (expected === "int") return "a whole number";
  return `a ${expected}`;
}
