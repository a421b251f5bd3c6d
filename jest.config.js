import { readFileSync } from "node:fs";
import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

// These packages ship ESM only; jest must transform them (the same list as the package's jest preset,
// lib/local-tenant/jest.ts, which teams use). next/jest adds two
// node_modules ignore patterns, so both are replaced below, not appended to.
const esmPackages = JSON.parse(readFileSync(new URL("./lib/local-tenant/esm-only-packages.json", import.meta.url), "utf8")).join("|");

/** @type {import('jest').Config} */
const config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testTimeout: 30_000,
};

// "Both modes run the same test suite": every test once as configured by
// default (link_with), and the flow tests a second time in server-side mode
// (tests/support/server-side-mode.ts sets LINK_MODE_UNDER_TEST, which the
// flow harness turns into the app's LINK_MODE and machine-to-machine client).
// Not repeated: flow tests that never start the app (machine-token) and the
// one that sets server-side mode itself (server-side-mode).
export default async function jestConfig() {
  const resolved = await createJestConfig(config)();
  resolved.transformIgnorePatterns = [`/node_modules/(?!(${esmPackages})/)`, "^.+\\.module\\.(css|sass|scss)$"];
  const { testTimeout, ...project } = resolved;
  return {
    testTimeout,
    // One worker per core: jest's default (cores - 1) leaves one of a 2-core machine idle while the
    // main process mostly waits. Measured here: four flow files 73 s with one worker, 42 s with two.
    maxWorkers: "100%",
    projects: [
      { ...project, displayName: "link_with" },
      {
        ...project,
        displayName: "server_side",
        testMatch: ["<rootDir>/tests/flow/**/*.flow.test.ts"],
        testPathIgnorePatterns: [...(project.testPathIgnorePatterns ?? []), "/tests/flow/(machine-token|server-side-mode)\\.flow\\.test\\.ts$"],
        setupFiles: [...(project.setupFiles ?? []), "<rootDir>/tests/support/server-side-mode.ts"],
      },
    ],
  };
}
