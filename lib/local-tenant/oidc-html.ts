/**
 * The HTML shell of the local tenant's pages (login, errors, logged out):
 * escaping, one inline style sheet, and the small pages that are a heading
 * and a sentence. The login page itself lives in `login-page.ts`.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;background:#f3f4f6;
  font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827}
main{width:100%;max-width:480px;margin:48px 16px;background:#fff;border-radius:10px;padding:32px;
  box-shadow:0 1px 3px rgba(0,0,0,.1),0 8px 24px rgba(0,0,0,.06)}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:15px;margin:24px 0 8px;color:#374151}
p{margin:8px 0}
.tenant{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#6b7280;margin:0 0 16px}
.app{color:#4b5563;margin:0 0 16px}
.notice{background:#eff6ff;border:1px solid #bfdbfe;border-radius:6px;padding:8px 12px;font-size:14px}
.error{background:#fef2f2;border:1px solid #fecaca;color:#991b1b;border-radius:6px;padding:8px 12px;font-size:14px}
ul.accounts{list-style:none;margin:0;padding:0}
ul.accounts li{margin:0 0 8px;padding:8px;border:1px solid #e5e7eb;border-radius:8px}
ul.accounts li.hinted{border-color:#2563eb;background:#eff6ff}
.meta{display:block;font-size:13px;color:#6b7280;margin-top:4px;overflow-wrap:anywhere}
.badge{display:inline-block;font-size:11px;background:#2563eb;color:#fff;border-radius:4px;padding:0 6px;margin-left:4px}
button{font:inherit;cursor:pointer;border-radius:6px;padding:8px 12px;border:1px solid #d1d5db;background:#fff;color:#111827}
button.account{width:100%;text-align:left;font-weight:600}
button.primary{background:#2563eb;border-color:#2563eb;color:#fff}
button:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
label{display:block;margin:8px 0 4px;font-size:14px}
label.check{display:flex;gap:8px;align-items:center}
input[type=email],input[type=text],select{width:100%;font:inherit;padding:8px;border:1px solid #d1d5db;border-radius:6px}
.actions{margin-top:12px;display:flex;gap:8px;justify-content:flex-end}
footer{margin-top:24px;font-size:12px;color:#9ca3af}
`;

/** Wraps `body` (already escaped HTML) in a complete page with the tenant's style. */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="tenant">Local Auth0 tenant</p>
${body}
<footer>A local stand-in for Auth0, for development and tests only.</footer>
</main>
</body>
</html>`;
}

/** A page that explains why the tenant stopped (bad client, callback mismatch, expired login…). */
export function renderErrorPage(heading: string, detail: string): string {
  return renderPage(heading, `<h1>${escapeHtml(heading)}</h1>\n<p class="error" role="alert">${escapeHtml(detail)}</p>`);
}

/** The page `/oidc/logout` shows when it has nowhere to send the browser. */
export function renderLoggedOutPage(): string {
  return renderPage(
    "Logged out",
    "<h1>Logged out</h1>\n<p>You are logged out of the local tenant. You can close this page.</p>",
  );
}

/** Headers every tenant page carries: never cached, never framed, no scripts. */
export const HTML_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
};
