/**
 * `GET /avatars/{name}.svg`: initials on a coloured disc, so seeded users have
 * a picture that loads with no network, and `picture` claims stay short (the
 * SDK's session cookie carries them).
 */
import { http, type HttpHandler } from "msw";
import type { LocalTenant } from "./model/tenant";

function initialsOf(name: string): string {
  return name
    .split(/[\s@.()]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => (part[0] ?? "").toUpperCase())
    .join("")
    .replace(/[^A-Z0-9]/g, "");
}

/** msw handler that draws a user's avatar from their name. */
export function avatarHandlers(tenant: LocalTenant): HttpHandler[] {
  return [
    http.get(`${tenant.baseUrl}/avatars/:file`, ({ params }) => {
      const file = String(params["file"] ?? "");
      const name = file.replace(/\.svg$/, "");
      const hue = [...name].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 360, 7);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="hsl(${hue} 45% 42%)"/><text x="32" y="41" font-family="system-ui,sans-serif" font-size="24" font-weight="600" fill="#fff" text-anchor="middle">${initialsOf(name)}</text></svg>`;
      return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" } });
    }),
  ];
}
