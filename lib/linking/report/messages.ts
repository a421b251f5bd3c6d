/**
 * The words of the "This wasn't me" pages, from the message catalog
 * (lib/i18n, `report`) in the page's language: the app's `locale`, else the
 * request's Accept-Language, with the app's `messages` laid over it. Nothing
 * here comes from the query string or from Auth0's answers: the sign-in is
 * named from the sealed report token, and outcomes are closed codes.
 */
import type { NextRequest } from "next/server";
import { chooseLocale, connectionName, localize, SHIPPED_MESSAGES, type Messages, type ReportSignIn } from "../../i18n";
import type { ReportRefusalCase } from "../../i18n/catalog";
import type { LinkingContext } from "../options";
import type { ReportPageContent } from "./report-page";
import type { SecuredAccount, StepResult } from "./secure-account";

/** Why the report page cannot go on, or how the owner's sign-in ended without securing anything. */
export type ReportRefusal = ReportRefusalCase;

/** Every refusal code (the catalog's, which must have them all), for telling ours from anything else in a URL. */
export const REPORT_REFUSALS = Object.keys(SHIPPED_MESSAGES.en.report.refused) as readonly ReportRefusal[];

/** The page's language and its words. */
export interface ReportWords {
  readonly locale: string;
  readonly messages: Messages;
}

/** The words for `request`: the app's locale, else its Accept-Language, else English. */
export function reportWords(context: Pick<LinkingContext, "localeOptions">, request: NextRequest): ReportWords {
  const { locale, messages } = context.localeOptions;
  const chosen = chooseLocale({ locale, acceptLanguage: request.headers.get("accept-language"), messages: [messages] });
  const words = localize(chosen, messages);
  return { locale: words.locale, messages: words.messages };
}

/** The reported sign-in as the pages name it: its connection in the page's language (from its id's provider) and its account. */
export function reportedSignIn(words: ReportWords, identity: string, detail: string | undefined): ReportSignIn {
  const provider = identity.slice(0, Math.max(0, identity.indexOf("|"))) || identity;
  return { connection: connectionName(words.messages, provider, provider), ...(detail ? { account: detail } : {}) };
}

/** A refusal's page: what happened and what to do next. */
export function refusalContent(words: ReportWords, refusal: ReportRefusal): ReportPageContent {
  const text = words.messages.report.refused[refusal];
  return { lang: words.locale, title: text.heading, paragraphs: [text.text, text.next], role: "alert" };
}

/** The explanation before anything is done, with the button's form. */
export function explanationContent(words: ReportWords, kind: "linked" | "unlinked", signIn: ReportSignIn, form: { action: string; token: string }): ReportPageContent {
  const explain = words.messages.report.explain;
  const paragraphs = kind === "linked" ? [explain.willRemove(signIn), explain.thenSignIn] : [explain.wasRemoved(signIn), explain.signInToEnd];
  return { lang: words.locale, title: explain.heading, paragraphs, form: { action: form.action, fields: { t: form.token }, button: explain.button } };
}

function stepLine(result: StepResult, done: string, nothing: string, failed: string): { ok: boolean; text: string } {
  if (!result.done) return { ok: false, text: failed };
  return { ok: true, text: result.changed ? done : nothing };
}

/** The result page: what was done, step by step, and the next steps. */
export function securedContent(words: ReportWords, secured: SecuredAccount, signIn: ReportSignIn, signInPath: string): ReportPageContent {
  const result = words.messages.report.result;
  const steps = [
    stepLine(secured.unlinked, result.removed(signIn), result.noLongerLinked(signIn), result.notRemoved(signIn)),
    stepLine(secured.appSessions, result.appSignedOut, result.appSignedOut, result.appNotSignedOut),
    stepLine(secured.auth0Sessions, result.auth0Ended, result.auth0Ended, result.auth0NotEnded),
    stepLine(secured.refreshTokens, result.refreshRevoked, result.refreshRevoked, result.refreshNotRevoked),
  ];
  const all = steps.every((step) => step.ok);
  return {
    lang: words.locale,
    title: all ? result.secured : result.partlySecured,
    steps,
    stepsHeading: result.whatWasDone,
    notDone: result.notDone,
    next: [result.changePassword, result.checkSignIns, ...(all ? [] : [result.tellSupport])],
    nextHeading: result.whatToDoNext,
    link: { href: signInPath, text: result.signInAgain },
    role: "status",
  };
}
