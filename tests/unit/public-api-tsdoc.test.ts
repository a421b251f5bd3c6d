/**
 * Every export of the package's entry points (package.json `exports`) has
 * TSDoc: a team reads the API in their editor, not in this repository.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
type Target = string | { types?: string; import?: Target };
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, Target> };
/** Whether an `exports` target has declarations (`types`, or `import.types` for a dual ESM/CommonJS entry). */
const hasTypes = (target: Target | undefined): boolean => typeof target === "object" && (target.types !== undefined || hasTypes(target.import));
// The source of each entry point with types, as the repository resolves the package's names (tsconfig.json paths).
const paths = (ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => hasTypes(target))
  .map(([entry]): [string, string] => {
    const source = paths[`${pkg.name}${entry.slice(1)}`]?.[0];
    if (!source) throw new Error(`tsconfig.json paths has no source for ${pkg.name}${entry.slice(1)}`);
    return [entry, source];
  });

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
  expect(Object.keys(missing).sort()).toEqual([".", "./jest", "./local-tenant", "./ui"]);
  expect(missing).toEqual({ ".": [], "./jest": [], "./local-tenant": [], "./ui": [] });
});
