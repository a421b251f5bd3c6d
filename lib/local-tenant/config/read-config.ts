/**
 * Reading the configuration file: JSON with its line and column on a syntax
 * error, then its shape (schema.ts, zod) and its cross-references
 * (cross-check.ts), every problem named by its place in the file.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { ConfigIssue } from "./schema";
import type { LocalTenantConfig } from "./types";

/** Thrown for a configuration that cannot be used; `message` lists every problem, one per line. */
export class LocalTenantConfigError extends Error {
  override readonly name = "LocalTenantConfigError";
  /** Where each problem is (`clients[0].callbacks[1]`) and what it is; empty for an unreadable file. */
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, summary: string, issues: readonly ConfigIssue[] = []) {
    super([`${source} ${summary}`, ...issues.map((issue) => `  ${issue.path || "(the file)"}: ${issue.message}`)].join("\n"));
    this.issues = issues;
  }
}

/** "line 3, column 5" for a character offset of `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // V8 says "… in JSON at position 42" (Node 20) or "… at position 42 (line 3 column 5)" (Node 22+).
    const position = /at position (\d+)/.exec(detail)?.[1];
    const where = position === undefined ? "" : ` at ${lineAndColumn(text, Number(position))}`;
    throw new LocalTenantConfigError(source, `is not valid JSON${where}: ${detail.replace(/ in JSON at position \d+.*$| at position \d+.*$/, "")}`);
  }
}

/**
 * Reads and checks a configuration: a path to a JSON file (relative to the
 * working directory), or the parsed object itself.
 * @throws {LocalTenantConfigError} naming every field that is wrong, or saying
 * how to add zod (an optional peer) when it is missing.
 */
export async function readLocalTenantConfig(source: string | object): Promise<LocalTenantConfig> {
  let data: unknown = source;
  let name = "The local tenant configuration";
  if (typeof source === "string") {
    name = source;
    let text: string;
    try {
      text = await readFile(resolve(source), "utf8");
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new LocalTenantConfigError(source, code === "ENOENT" ? `does not exist (looked for ${resolve(source)})` : `cannot be read (${String(code ?? error)})`);
    }
    data = parseJson(text, source);
  }
  const validate = await import("./validate").catch((error: unknown) => {
    if (error instanceof Error && error.message.includes("'zod'")) {
      throw new LocalTenantConfigError(name, "needs zod to be read (an optional peer of auth0-account-linking): npm install --save-dev zod");
    }
    throw error;
  });
  const issues = validate.validateConfig(data);
  if ("issues" in issues) throw new LocalTenantConfigError(name, `is not a valid local tenant configuration (${issues.issues.length === 1 ? "1 problem" : `${issues.issues.length} problems`}):`, issues.issues);
  return issues.config;
}
