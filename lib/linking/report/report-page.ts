/**
 * The "This wasn't me" pages, rendered by the route itself (a team mounts no
 * page for it): a small, self-contained HTML document, readable without
 * JavaScript or styles, that loads nothing from anywhere. Its URL carries the
 * report token, so it goes in no referrer to another site (`same-origin`:
 * with `no-referrer` browsers send `Origin: null` on the button's POST, which
 * the same-origin check refuses), and the page may not be framed.
 */
import { NextResponse } from "next/server";

/** What one page shows. Every string is ours (./messages), escaped here all the same. */
export interface ReportPageContent {
  /** The page's language (`<html lang>`). */
  readonly lang: string;
  readonly title: string;
  readonly paragraphs?: readonly string[];
  /** A list of what was done: `ok` false marks a step that failed. */
  readonly steps?: readonly { readonly ok: boolean; readonly text: string }[];
  /** The steps' heading ("What was done") and the word before a failed one ("Not done:"). */
  readonly stepsHeading?: string;
  readonly notDone?: string;
  /** Next steps, as a list, under `nextHeading`. */
  readonly next?: readonly string[];
  readonly nextHeading?: string;
  /** A POST form with hidden fields and one button. */
  readonly form?: { readonly action: string; readonly fields: Readonly<Record<string, string>>; readonly button: string };
  /** A link out of the page (e.g. to sign in). */
  readonly link?: { readonly href: string; readonly text: string };
  /** `role="alert"` for a refusal, `role="status"` for a result. */
  readonly role?: "alert" | "status";
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;padding:2rem 1rem;color:#1a1a1a;background:#fafafa}
main{max-width:36rem;margin:0 auto;background:#fff;border:1px solid #ddd;border-radius:8px;padding:1.5rem 2rem}
h1{font-size:1.5rem;margin-top:0}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f29900;outline-offset:2px}.failed{color:#a50e0e}a{color:#0b57d0}`;

/** The page as a response: `status` (default 200), never cached, no referrer, not framable. */
export function reportPage(content: ReportPageContent, status = 200): NextResponse {
  const paragraphs = (content.paragraphs ?? []).map((text) => `<p>${escape(text)}</p>`).join("\n");
  const steps = content.steps?.length
    ? `<h2>${escape(content.stepsHeading ?? "")}</h2>\n<ul>${content.steps.map((step) => `<li${step.ok ? "" : ' class="failed"'}>${step.ok ? "" : `${escape(content.notDone ?? "")} `}${escape(step.text)}</li>`).join("")}</ul>`
    : "";
  const next = content.next?.length ? `<h2>${escape(content.nextHeading ?? "")}</h2>\n<ul>${content.next.map((text) => `<li>${escape(text)}</li>`).join("")}</ul>` : "";
  const form = content.form
    ? `<form method="post" action="${escape(content.form.action)}">${Object.entries(content.form.fields)
        .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
        .join("")}<button type="submit">${escape(content.form.button)}</button></form>`
    : "";
  const link = content.link ? `<p><a href="${escape(content.link.href)}">${escape(content.link.text)}</a></p>` : "";
  const body = `<div${content.role ? ` role="${content.role}"` : ""}><h1>${escape(content.title)}</h1>\n${paragraphs}</div>\n${steps}\n${next}\n${form}\n${link}`;
  const html = `<!doctype html>
<html lang="${escape(content.lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(content.title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>`;
  return new NextResponse(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
      "content-language": content.lang,
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
  });
}
