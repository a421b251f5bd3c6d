import type { MessageOverrides } from "auth0-account-linking";

/** The app's own words over the package's catalogs: `setupAccountLinking({ auth0, env: process.env, messages: wording })`. */
export const wording: MessageOverrides = {
  en: {
    section: { heading: "Sign-in methods" },
    link: {
      auth0_refused: () => "Auth0 refused to link these accounts, so nothing was changed. Write to help@example.com and we will link them for you.",
    },
  },
  de: {
    section: { heading: "Anmeldemethoden" },
    link: {
      auth0_refused: () => "Auth0 hat die Verknüpfung abgelehnt, deshalb wurde nichts geändert. Schreiben Sie an help@example.com, dann verknüpfen wir die Konten für Sie.",
    },
  },
};
