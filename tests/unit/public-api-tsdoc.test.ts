/**
 * Every export of the package's entry points (package.json `exports`) has
 * TSDoc: a team reads the API in their editor, not in this repository.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const exportsMap = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, string> }).exports;
const entryPoints = Object.entries(exportsMap).filter(([, target]) => target.endsWith(".ts"));

function undocumentedExports(): Record<string, string[]> {
  const files = entryPoints.map(([, target]) => join(root, target));
  const program = ts.createProgram(files, { strict: true, jsx: ts.JsxEmit.ReactJSX, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const missing: Record<string, string[]> = {};
  for (const [entry, target] of entryPoints) {
    const source = program.getSourceFile(join(root, target));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${target} did not load`);
    missing[entry] = checker
      .getExportsOfModule(moduleSymbol)
      .filter((symbol) => {
        const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return resolved.getDocumentationComment(checker).length === 0;
      })
      .map((symbol) => symbol.getName());
  }
  return missing;
}

test("every export of every entry point has TSDoc", () => {
  const missing = undocumentedExports();
  expect(Object.keys(missing).sort()).toEqual([".", "./local-tenant", "./ui"]);
  expect(missing).toEqual({ ".": [], "./local-tenant": [], "./ui": [] });
});
