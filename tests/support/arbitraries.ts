/**
 * fast-check generators for what a browser, or an attacker, can put in a
 * request to the linking routes: any text (unicode, lone surrogates, control
 * characters, percent signs, path tricks, markup), very long text, and Origin
 * header values.
 */
import fc from "fast-check";

/** Text an attacker would try on purpose. */
export const TRICKY_TEXT = [
  "",
  " ",
  "%",
  "%zz",
  "%00",
  "%2F",
  "%2e%2e%2f",
  "..",
  "../..",
  "/",
  "//evil.example",
  "\\",
  "|",
  "||",
  "\u0000",
  "\r\n",
  "\t",
  "\u202e",
  "😀",
  "null",
  "undefined",
  "[]",
  "{}",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "https://evil.example",
  "access_denied",
  "login_required",
  "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
] as const;

/** Any text: printable, full unicode (incl. lone surrogates), tricks, and up to ~64 kB. */
export function anyText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme" }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary" }) },
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 8_000 })).map(([unit, times]) => unit.repeat(times)) },
  );
}

/** Characters a header value may hold (visible ASCII and space), so the test itself can send it. */
const HEADER_CHARS = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** An `Origin` header value, or `null` for none: ours, near misses, and anything a client could send. */
export function originHeader(appOrigin: string): fc.Arbitrary<string | null> {
  const app = new URL(appOrigin);
  return fc.oneof(
    fc.constant(appOrigin),
    fc.constant(null),
    fc.constantFrom(
      "null",
      "https://evil.example",
      `${appOrigin}.evil.example`,
      `${app.protocol}//${app.hostname}:${Number(app.port || 80) + 1}`,
      appOrigin.replace(/^http:/, "https:"),
      appOrigin.toUpperCase(),
      `${appOrigin}/`,
      `${appOrigin}/settings`,
      `${app.protocol}//user@${app.host}`,
      `${app.protocol}//127.0.0.1:${app.port}`,
      `${app.protocol}//[::1]:${app.port}`,
      "*",
      "",
    ),
    fc.string({ unit: HEADER_CHARS, maxLength: 80 }),
  );
}
