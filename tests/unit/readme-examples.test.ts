/**
 * The README's code for embedding the library is the example app's and the
 * example test's own code: each block segment headed `// <path>` must equal
 * that file, and one headed `// <path> (excerpt)` must consist of its lines.
 * So the guide cannot drift from code that CI type-checks and runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const MARKER = /^\/\/ ((?:examples|tests\/examples)\/\S+)( \(excerpt\))?$/;

interface Segment {
  readonly path: string;
  readonly excerpt: boolean;
  readonly lines: string[];
}

function segments(markdown: string): Segment[] {
  const found: Segment[] = [];
  for (const block of markdown.matchAll(/```(?:tsx?|js)\n([\s\S]*?)```/g)) {
    let current: Segment | undefined;
    for (const line of (block[1] ?? "").split("\n")) {
      const marker = MARKER.exec(line);
      if (marker?.[1]) found.push((current = { path: marker[1], excerpt: Boolean(marker[2]), lines: [] }));
      else current?.lines.push(line);
    }
  }
  return found;
}

const all = segments(readme);

describe("the README's embedding guide and test example", () => {
  it("show the example app and the example test", () => {
    expect(all.map((segment) => segment.path)).toEqual(
      expect.arrayContaining([
        "examples/next-app/lib/auth0.ts",
        "examples/next-app/app/link/[action]/route.ts",
        "examples/next-app/app/settings/page.tsx",
        "examples/next-app/proxy.ts",
        "examples/next-app/jest.config.mjs",
        "tests/examples/local-tenant.example.test.ts",
      ]),
    );
  });

  it.each(all.map((segment) => [segment.path + (segment.excerpt ? " (excerpt)" : ""), segment] as const))("%s is the file's code", (_, segment) => {
    const file = readFileSync(join(root, segment.path), "utf8");
    if (segment.excerpt) {
      const fileLines = new Set(file.split("\n").map((line) => line.trim()));
      for (const line of segment.lines.filter((text) => text.trim())) expect(fileLines).toContain(line.trim());
    } else {
      expect(segment.lines.join("\n").trim()).toBe(file.trim());
    }
  });
});
