/**
 * Settings as the suggestion flow tests see it: the page's own loading code
 * (the user read with the session's token, then the app's suggestions for
 * that user, from the same services) and its "Suggested accounts" section
 * rendered as the server renders it, with the forms a person would submit.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { SuggestedAccounts } from "@/lib/ui/suggested-accounts";
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import type { ManagementResult, ManagementUser } from "@/lib/management/types";
import type { SuggestedAccount } from "@/lib/settings/suggest-accounts";
import { linkedAccountsData } from "@/lib/settings/linked-accounts-data";
import type { Person } from "./app";
import { sessionOf, type RunningApp } from "./linking";

/** `npm run dev`'s machine-to-machine client (read:users update:users), for `useApp`. */
export const M2M_ENV = { AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId, AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret } as const;

/** One "Link this account" form of the section: its hidden fields and its button's accessible name. */
export interface SuggestionForm {
  readonly action: string;
  readonly method: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly button: string;
}

/** What one Settings view loads and shows. */
export interface SettingsView {
  readonly read: ManagementResult<ManagementUser>;
  readonly suggestions: readonly SuggestedAccount[];
  /** The "Suggested accounts" section's HTML ("" when there is none). */
  readonly html: string;
  /** The section's text, tags removed. */
  readonly text: string;
  readonly forms: SuggestionForm[];
}

/** Loads Settings for `person` with the page's own loader (`linkedAccountsData`, the body of `accountLinking.loadLinkedAccounts`). */
export async function settingsView(running: RunningApp, person: Person): Promise<SettingsView> {
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("not signed in");
  const { result: read, suggestions } = await linkedAccountsData(running.services(), session.user, async () => session.tokenSet.accessToken);
  const html = renderToStaticMarkup(createElement(SuggestedAccounts, { suggestions }));
  return { read, suggestions, html, text: html.replace(/<[^>]+>/g, ""), forms: formsOf(html) };
}

function formsOf(html: string): SuggestionForm[] {
  return [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attributes = "", body = ""]) => ({
    action: /action="([^"]*)"/.exec(attributes)?.[1] ?? "",
    method: /method="([^"]*)"/.exec(attributes)?.[1] ?? "",
    fields: Object.fromEntries([...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(([, name = "", value = ""]) => [name, value.replace(/&#124;/g, "|")])),
    // Its accessible name: the aria-label when it has one, else its text.
    button: /<button[^>]*aria-label="([^"]*)"/.exec(body)?.[1] ?? (/<button[^>]*>([\s\S]*?)<\/button>/.exec(body)?.[1] ?? "").replace(/<[^>]+>/g, ""),
  }));
}

/** Presses a suggestion's "Link this account": POST /link/start with the form's fields (and `extra`, as a hand-edited form could). */
export function submitSuggestion(person: Person, form: SuggestionForm, extra: Record<string, string> = {}): ReturnType<Person["startLink"]> {
  const { connection, ...rest } = form.fields;
  if (connection === undefined) throw new Error("the form has no connection");
  return person.startLink(connection, { ...rest, ...extra });
}
