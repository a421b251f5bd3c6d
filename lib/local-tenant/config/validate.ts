/**
 * The configuration's checks in one step, loaded by read-config.ts only when
 * a file is read, because its schema needs zod (an optional peer).
 */
import { crossCheck } from "./cross-check";
import { validateShape, type ConfigIssue } from "./schema";
import type { LocalTenantConfig } from "./types";

/** The config if both its shape and its cross-references are right, else every problem found. */
export function validateConfig(data: unknown): { config: LocalTenantConfig } | { issues: ConfigIssue[] } {
  const shape = validateShape(data);
  if ("issues" in shape) return shape;
  const issues = crossCheck(shape.config);
  return issues.length > 0 ? { issues } : shape;
}
