/**
 * The npm package's build (`npm run build:package`, run by `npm pack` and
 * `npm publish` through `prepack`): lib/'s entry points compiled to dist/ as
 * ES modules with source maps and one bundled `.d.ts` per entry point.
 *
 * Why tsup and not tsc: tsc keeps our extensionless relative imports as they
 * are, which a team type-checking with `moduleResolution: "nodenext"` rejects
 * (TS2835) and Node's ESM loader cannot follow; tsup bundles each entry's
 * declarations into one file with no relative imports, and its shared chunks
 * (code splitting) give `.` and `./ui` one copy of each module, so the
 * process-wide caches exist once. tsup 8.5 rather than 9: 9 declares Node
 * ≥ 22.18, and this package supports Node 20.
 *
 * Everything in dependencies and peerDependencies stays an import (tsup
 * leaves them external), so the host app's next, react and SDK are the ones
 * that run.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

/**
 * `next/server` → `next/server.js`: next has no `exports` map, so Node's ESM
 * loader and bundlers that resolve ES modules strictly (webpack, for a
 * `"type": "module"` package) find only the file name with its extension.
 */
const nextSubpathsWithExtension: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "next-subpaths-with-extension",
  setup(build) {
    build.onResolve({ filter: /^next\/(server|headers|navigation)$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

export default defineConfig([
  {
    entry: {
      index: "lib/index.ts",
      "ui/index": "lib/ui/index.ts",
      "local-tenant/index": "lib/local-tenant/index.ts",
      "local-tenant/bin": "lib/local-tenant/bin.ts",
      "local-tenant/jest": "lib/local-tenant/jest.ts",
    },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    splitting: true,
    sourcemap: true,
    // Declarations for what a team imports; the bin has none.
    dts: { entry: { index: "lib/index.ts", "ui/index": "lib/ui/index.ts", "local-tenant/index": "lib/local-tenant/index.ts", "local-tenant/jest": "lib/local-tenant/jest.ts" } },
    // Keep `node:crypto` as written (tsup strips the prefix by default).
    removeNodeProtocol: false,
    // tsup's externals plugin would keep `next/server` as written: it leaves these to ours.
    noExternal: [/^next\/(server|headers|navigation)$/],
    esbuildPlugins: [nextSubpathsWithExtension],
    tsconfig: "tsconfig.build.json",
    async onSuccess() {
      await mkdir("dist/ui", { recursive: true });
      await copyFile("lib/ui/styles.css", "dist/ui/styles.css");
    },
  },
  {
    // The local tenant and the jest preset also as CommonJS, with their own declarations (.d.cts): in a
    // create-next-app project (no "type": "module") a test file type-checked with `moduleResolution:
    // "nodenext"` is CommonJS, and gets msw's CommonJS types; ES-module declarations of ours would name
    // msw's other copy of the same classes, and `setupServer(...createLocalTenantHandlers(tenant))` fails.
    entry: { "local-tenant/index": "lib/local-tenant/index.ts", "local-tenant/jest": "lib/local-tenant/jest.ts" },
    format: ["cjs"],
    removeNodeProtocol: false,
    platform: "node",
    target: "node20",
    outDir: "dist",
    sourcemap: true,
    dts: true,
    tsconfig: "tsconfig.build.json",
  },
]);
