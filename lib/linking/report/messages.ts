/**
 * Every sentence the "This wasn't me" pages show. Nothing here comes from the
 * query string or from Auth0's answers: the sign-in is named from the sealed
 * report token, and outcomes are closed codes.
 */
import type { SecuredAccount, StepResult } from "./secure-account";

/** Why the report page cannot go on, or how the owner's sign-in ended without securing anything. */
export type ReportRefusal =
  | "invalid"
  | "expired"
  | "used"
  | "unavailable"
  | "signed_in_as_other"
  | "cancelled"
  | "sign_in_failed"
  | "attempt_invalid"
  | "attempt_expired"
  | "tenant_unavailable";

/** A refusal's heading, what happened, and what to do next. */
export interface RefusalText {
  readonly heading: string;
  readonly text: string;
  readonly next: string;
}

const START_AGAIN = "Open the link in the email again to start over.";

/** The page for each {@link ReportRefusal}. */
export const REFUSALS: Readonly<Record<ReportRefusal, RefusalText>> = {
  invalid: {
    heading: "This link does not work",
    text: "The link is incomplete or was changed, so nothing was done.",
    next: "Open the link exactly as it is in the email. If you did not get such an email, you have nothing to do.",
  },
  expired: {
    heading: "This link has expired",
    text: "Links in these emails work for 7 days, so nothing was done.",
    next: "If you still do not recognise the change, sign in, open Settings → Linked accounts, remove any sign-in you do not know, and change your password.",
  },
  used: {
    heading: "This link was already used",
    text: "Your account was already secured with this link, so nothing more was done.",
    next: "Sign in and check Settings → Linked accounts. If something still looks wrong, change your password.",
  },
  unavailable: {
    heading: "This app cannot secure your account from here",
    text: "The app is not set up to remove sign-ins or end sessions on its own, so nothing was done.",
    next: "Sign in, open Settings → Linked accounts, remove any sign-in you do not know, change your password, and tell the app's support.",
  },
  signed_in_as_other: {
    heading: "That was not the account's own sign-in",
    text: "You signed in with a different account, maybe the sign-in that was reported, so nothing more was done. The reported sign-in was already removed from the account.",
    next: `${START_AGAIN} Then sign in with your own email and password (or your usual sign-in).`,
  },
  cancelled: {
    heading: "You cancelled the sign-in",
    text: "Without your sign-in, your other sessions were not ended.",
    next: START_AGAIN,
  },
  sign_in_failed: {
    heading: "The sign-in did not work",
    text: "Your sign-in could not be completed or verified, so your other sessions were not ended.",
    next: START_AGAIN,
  },
  attempt_invalid: {
    heading: "This attempt is not valid",
    text: "It was already used, changed, or started in another browser, so nothing more was done.",
    next: START_AGAIN,
  },
  attempt_expired: {
    heading: "This attempt took too long",
    text: "It expired before you signed in, so your other sessions were not ended.",
    next: START_AGAIN,
  },
  tenant_unavailable: {
    heading: "The sign-in service is not answering",
    text: "Nothing more could be done right now.",
    next: `Wait a few minutes. ${START_AGAIN}`,
  },
};

/** The explanation before anything is done. */
export function explanation(kind: "linked" | "unlinked", signIn: string): { heading: string; paragraphs: string[]; button: string } {
  const what =
    kind === "linked"
      ? [`We will remove ${signIn} from your account at once, so it can no longer be used to sign in as you.`, "Then you sign in again with your own sign-in, and we end every session of your account: on every device, in this app and at the sign-in service."]
      : [`${signIn} was removed from your account. If you did not do that, someone else may be signed in as you.`, "Sign in again with your own sign-in, and we end every session of your account: on every device, in this app and at the sign-in service. Nothing is linked again."];
  return { heading: "Secure your account", paragraphs: what, button: "Sign in to secure my account" };
}

/** How a sign-in is named on the pages: "the GitHub sign-in owner.github@example.com". */
export function signInName(connectionName: string, detail: string | undefined): string {
  return detail ? `the ${connectionName} sign-in ${detail}` : `the ${connectionName} sign-in`;
}

function stepLine(result: StepResult, done: string, nothing: string, failed: string): { ok: boolean; text: string } {
  if (!result.done) return { ok: false, text: failed };
  return { ok: true, text: result.changed ? done : nothing };
}

/** The result page: what was done, step by step, and the next steps. */
export function securedSummary(secured: SecuredAccount, signIn: string): { heading: string; steps: { ok: boolean; text: string }[]; next: string[] } {
  const steps = [
    stepLine(secured.unlinked, `Removed ${signIn} from your account.`, `${capitalise(signIn)} was no longer linked to your account.`, `Could not remove ${signIn}: remove it in Settings → Linked accounts.`),
    stepLine(secured.appSessions, "Signed you out of this app everywhere.", "Signed you out of this app everywhere.", "Could not sign you out of this app on every device."),
    stepLine(secured.auth0Sessions, "Ended your sessions at the sign-in service.", "Ended your sessions at the sign-in service.", "Could not end your sessions at the sign-in service (the app's plan or settings may not allow it)."),
    stepLine(secured.refreshTokens, "Revoked the app's long-lived access to your account.", "Revoked the app's long-lived access to your account.", "Could not revoke the app's long-lived access to your account."),
  ];
  const all = steps.every((step) => step.ok);
  return {
    heading: all ? "Your account is secured" : "Your account is partly secured",
    steps,
    next: [
      "Change your password, and the password of the email account this message came to.",
      "Sign in again and check Settings → Linked accounts: remove any other sign-in you do not recognise.",
      ...(all ? [] : ["Tell the app's support what could not be done."]),
    ],
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
