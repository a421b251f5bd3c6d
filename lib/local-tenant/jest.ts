/**
 * `auth0-account-linking/jest`: the jest configuration a team's tests need to
 * run this package and its local tenant. The package, msw and jose (among
 * others) ship ES modules only, which jest runs only once transformed;
 * `next/jest` transforms nothing under node_modules. Wrap the config:
 *
 * ```js
 * // jest.config.mjs
 * import nextJest from "next/jest.js";
 * import { withAccountLinking } from "auth0-account-linking/jest";
 * export default withAccountLinking(nextJest({ dir: "./" })({ testEnvironment: "node" }));
 * ```
 */
import esmOnlyPackages from "./esm-only-packages.json";

// One list for teams (this preset) and for this repository's own jest.config.js.
/** The ES-module-only packages a test of this package loads (npm, pnpm or yarn layouts alike). */
export const ESM_ONLY_PACKAGES: readonly string[] = esmOnlyPackages;

/** The slice of a jest configuration this preset changes. */
export interface JestConfigLike {
  transformIgnorePatterns?: string[];
  [key: string]: unknown;
}

/**
 * Node modules jest must still transform, as one `transformIgnorePatterns`
 * entry: everything under node_modules except {@link ESM_ONLY_PACKAGES} (also
 * inside pnpm's `.pnpm/<name>@<version>/node_modules/`).
 */
export function accountLinkingTransformIgnorePattern(extraPackages: readonly string[] = []): string {
  const names = [...ESM_ONLY_PACKAGES, ...extraPackages].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return `/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${names})/)`;
}

/**
 * Returns the jest config with its node_modules ignore patterns replaced by
 * {@link accountLinkingTransformIgnorePattern} (others, e.g. next/jest's CSS
 * modules pattern, are kept). Accepts a config or what `next/jest` returns
 * (a function resolving to one).
 */
export function withAccountLinking<C extends JestConfigLike>(
  config: C | (() => Promise<C>),
  options: { readonly extraPackages?: readonly string[] } = {},
): () => Promise<C> {
  return async () => {
    const resolved = typeof config === "function" ? await config() : config;
    const kept = (resolved.transformIgnorePatterns ?? []).filter((pattern) => !pattern.includes("node_modules"));
    return { ...resolved, transformIgnorePatterns: [accountLinkingTransformIgnorePattern(options.extraPackages), ...kept] };
  };
}
