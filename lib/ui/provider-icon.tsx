import type { ReactNode } from "react";

/**
 * Small marks for the connections people recognise. Decorative: the
 * connection's name is always written next to them, so they are hidden from
 * assistive technology. Drawn from the stylesheet's data URIs, so nothing is
 * fetched from another site.
 */
type Kind = "github" | "google" | "microsoft" | "password" | "other";

function kindOf(connection: string, provider?: string): Kind {
  for (const name of [connection, provider]) {
    switch (name) {
      case "github":
        return "github";
      case "google-oauth2":
        return "google";
      case "windowslive":
        return "microsoft";
      case "auth0":
      case "Username-Password-Authentication":
        return "password";
    }
  }
  return "other";
}

/**
 * The mark of a connection, e.g. GitHub's octocat for `github`: an empty
 * `<span class="la-provider-icon la-provider-icon--github">` that
 * `styles.css` draws (20 × 20 px), so that no page carries the marks' paths.
 * Restyle or replace a mark with your own CSS for its class.
 */
export function ProviderIcon({ connection, provider }: { connection: string; provider?: string }): ReactNode {
  return <span className={`la-provider-icon la-provider-icon--${kindOf(connection, provider)}`} aria-hidden="true" />;
}
