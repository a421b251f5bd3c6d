import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

// These packages ship ESM only; jest must transform them. next/jest adds two
// node_modules ignore patterns, so both are replaced below, not appended to.
const esmPackages = [
  "msw",
  "@mswjs",
  "@bundled-es-modules",
  "rettime",
  "until-async",
  "@open-draft",
  "cookie",
  "jose",
  "iron-session",
  "iron-webcrypto",
  "uint8array-extras",
  "@auth0",
  "oauth4webapi",
  "openid-client",
  "@edge-runtime",
].join("|");

/** @type {import('jest').Config} */
const config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testTimeout: 30_000,
};

export default async function jestConfig() {
  const resolved = await createJestConfig(config)();
  resolved.transformIgnorePatterns = [`/node_modules/(?!(${esmPackages})/)`, "^.+\\.module\\.(css|sass|scss)$"];
  return resolved;
}
