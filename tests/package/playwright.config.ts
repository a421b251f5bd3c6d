import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// Not the repository's dev server (the script has started the fresh app), nor its projects (its one file runs alone).
const { webServer, projects, ...shared } = base;

/** The fresh app's one browser test (tests/package/fresh-app.sh starts the app and the tenant). */
export default defineConfig({
  ...shared,
  testDir: ".",
  testMatch: "fresh-app.spec.ts",
  outputDir: "../../test-results/fresh-app",
  use: { ...shared.use, baseURL: process.env["FRESH_APP_URL"] ?? "http://localhost:3300" },
});
