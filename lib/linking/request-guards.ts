/**
 * Checks every state-changing request of ours passes before anything else:
 * same-origin POST, and a `returnTo` that can only lead back into the app.
 */

/**
 * Whether a POST comes from the app's own pages: its `Origin` header must be
 * the app's origin. A missing Origin is refused (browsers send it on POST).
 */
export function isSameOriginPost(request: Request, appOrigin: string): boolean {
  if (request.method !== "POST") return false;
  const origin = request.headers.get("origin");
  return origin !== null && origin === appOrigin;
}

/**
 * A path inside the app to return to, or `fallback`. Refuses anything that a
 * browser could resolve to another origin: `//evil.example`, `/\evil.example`,
 * `https://evil.example`, encoded or with control characters.
 */
export function safeReturnTo(candidate: string | null | undefined, appOrigin: string, fallback: string): string {
  if (!candidate || candidate.length > 512) return fallback;
  // Browsers treat "\" like "/" and drop tabs and newlines inside URLs.
  if (!candidate.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(candidate) || candidate.startsWith("//")) return fallback;
  try {
    const resolved = new URL(candidate, appOrigin);
    // Dot segments normalise "/.//evil.example" to "//evil.example", which a browser reads as another host.
    if (resolved.origin !== appOrigin || resolved.pathname.startsWith("//")) return fallback;
    return `${resolved.pathname}${resolved.search}`;
  } catch {
    return fallback;
  }
}
