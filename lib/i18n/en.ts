/**
 * English, the default catalog and the fallback of every other. Each refusal
 * says what happened and what to do next.
 */
import type { Messages, OutcomeParams } from "./catalog";

/** "GitHub account owner.github@example.com", "GitHub account", or `fallback`. */
function described(params: OutcomeParams, fallback: string): string {
  if (params.connection && params.account) return `${params.connection} account ${params.account}`;
  if (params.connection) return `${params.connection} account`;
  return fallback;
}

/** "your GitHub account owner.github@example.com" or "the other account". */
function yours(params: OutcomeParams): string {
  return params.connection ? `your ${described(params, "")}` : "the other account";
}

const UNAVAILABLE = "The sign-in service is not answering right now, so nothing was changed. Please try again in a few minutes.";
const REFUSED_NEXT = "Please try again later; if it keeps happening, contact this app's support.";

/** The English catalog. */
export const en: Messages = {
  connections: { password: "Email and password", emailCode: "Email code", textMessage: "Text message" },
  section: {
    heading: "Linked accounts",
    intro: "The ways you can sign in to this account. Your primary sign-in can\u2019t be unlinked.",
    loading: "Loading your sign-in methods\u2026",
  },
  identities: {
    primary: "Primary",
    unlink: "Unlink",
    unlinkLabel: ({ connection, account }) => `Unlink ${connection} ${account}`,
  },
  unlinkConfirmation: {
    heading: ({ connection, account }) => `Unlink ${connection} ${account}?`,
    consequence: ({ connection, account }) =>
      `You will no longer be able to sign in to this account with ${connection} (${account}). Signing in with it will open a separate account instead. You can link it again at any time.`,
    remaining: ({ signIns }) => `You will still sign in with ${signIns}.`,
    remainingSignIn: ({ connection, account }) => `${connection} (${account})`,
    signInAgainFirst: "You\u2019ll be asked to sign in again first, because you signed in a while ago. Then you\u2019ll come back here to confirm.",
    cancel: "Cancel",
  },
  linkAnother: {
    heading: "Link another account",
    intro: ({ signInAgainFirst }) =>
      signInAgainFirst
        ? "You\u2019ll sign in once with the other account. After that, either sign-in opens this account. Because you signed in a while ago, you'll be asked to sign in again first."
        : "You\u2019ll sign in once with the other account. After that, either sign-in opens this account.",
    button: ({ connection }) => `Link ${connection}`,
  },
  continueLink: {
    title: ({ connection }) => `Continue linking ${connection}`,
    signInAgainFirst: "You'll be asked to sign in again first, because you signed in a while ago. Then you'll sign in with the account to link.",
    nextSuggested: ({ connection, account }) => `You've confirmed it's you. Next, sign in with your ${connection} account ${account} to link it.`,
    next: ({ connection }) => `You've confirmed it's you. Next, sign in with the ${connection} account you want to link.`,
    cancel: "Cancel",
  },
  suggestions: {
    heading: "Suggested accounts",
    intro: "These sign-ins use your verified email address. To link one, you\u2019ll sign in with it once.",
    account: ({ connection, account }) => `You also have a ${connection} sign-in as ${account}`,
    button: "Link this account",
    buttonLabel: ({ connection, account }) => `Link this account: ${connection} ${account}`,
  },
  identityInUse: {
    heading: ({ connection }) => (connection ? `Move your ${connection} sign-in to this account` : "Move that sign-in to this account"),
    explanation: ({ connection }) =>
      `${connection ? `The ${connection} sign-in` : "The sign-in"} you just used belongs to another account of this app, and a sign-in can belong to only one account. To use it here:`,
    signInThere: ({ connection }) => `Sign in with ${connection ?? "that sign-in"}. That opens the other account.`,
    unlinkThere: ({ connection }) => `In that account\u2019s Settings, unlink ${connection ?? "that sign-in"}, then sign out.`,
    linkHere: ({ connection }) => `Sign in to this account again and choose ${connection ? `Link ${connection}` : "its Link button"}.`,
    button: ({ connection }) => `Sign in with ${connection}`,
    buttonNote: "This ends your session in this account.",
  },
  link: {
    linked: (p) => `Linked ${yours(p)}. You can now sign in with it.`,
    same_account: () =>
      "You signed in with the account you are already using, so there was nothing to link. To link another sign-in, choose its Link button below and sign in with the other account, not this one.",
    already_linked: (p) =>
      p.connection
        ? `That ${p.connection} sign-in is already linked to your account, so there is nothing to do: you can already sign in with it.`
        : "The account you signed in with is already linked to your account, so there is nothing to do: you can already sign in with it.",
    identity_in_use: (p) =>
      `${p.connection ? `That ${p.connection} sign-in` : "That sign-in"} already belongs to another account of this app, so it could not be linked to yours. To move it here, sign in with it, unlink it in that account's Settings, then come back and link it.`,
    email_unverified: (p) =>
      `The email address of the ${described({ ...(p.connection ? { connection: p.connection } : {}), wait: p.wait }, "other account")} is not verified, so it was not linked. Confirm the address with the link in the verification email that account was sent, then choose ${p.connection ? `Link ${p.connection}` : "its Link button"} again.`,
    transaction_invalid: () =>
      "This link attempt is not valid (it was already used, changed, or started in another browser), so nothing was linked. Please start again.",
    transaction_expired: () =>
      "This link attempt took too long and expired, so nothing was linked. To link the account, choose its Link button below again and finish the other sign-in within a few minutes.",
    wrong_user: () =>
      "This link attempt was not started by you in this browser, so nothing was linked to your account. To link an account of yours, choose its Link button below.",
    cancelled: () => "You cancelled the sign-in, so nothing was linked. To link the account after all, choose its Link button again.",
    provider_error: () => "The other sign-in did not complete, so nothing was linked. Please try again.",
    verification_failed: () => "The other sign-in could not be verified, so nothing was linked. Please try again.",
    connection_not_offered: () => "That kind of account cannot be linked here. Choose one of the Link buttons below instead.",
    session_expired: () => "Your sign-in has expired, so nothing was linked. Please sign out, sign in again, and retry.",
    auth0_refused: () => `The sign-in service refused to link these accounts, so nothing was changed. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Too many attempts right now, so nothing was linked. ${wait}`,
    throttled: ({ wait }) => `Too many attempts. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    linked_metadata_pending: (p) =>
      `Linked ${yours(p)}. You can now sign in with it, but some of your settings from that account could not be copied yet; support can restore them.`,
    metadata_unavailable: (p) =>
      `The settings of ${yours(p)} could not be read, and linking now would lose them, so nothing was linked. Please try again in a few minutes.`,
    unconfirmed: (p) =>
      `The sign-in service stopped answering while linking, so we could not confirm whether your ${p.connection ? described(p, "") : "other account"} was linked. Reload this page in a moment to see your linked accounts.`,
    different_account: () =>
      "You signed in as a different account than the one suggested, so nothing was linked. To link the suggested account, try again and sign in as that account.",
    suggestion_invalid: () => "That suggested account could not be linked this way, so nothing was changed. Reload this page and try again.",
    sign_in_too_old: () =>
      "You signed in too long ago to add a way to sign in, so nothing was linked. Choose the account to link again: you'll be asked to sign in again first.",
    reauthenticated_as_other: () =>
      "You signed in again as a different account than the one you're using here, so nothing was changed. To link an account, try again and sign in as yourself.",
    wrong_connection: () =>
      "The account you signed in with is not of the kind you chose, or that sign-in already belongs to another account, so nothing was linked. Try again and sign in with an account of the kind you chose.",
  },
  unlink: {
    unlinked: (p) => `Unlinked your ${described(p, "account")}. You can no longer sign in with it.`,
    primary_identity: () => "Your primary sign-in cannot be unlinked. You can unlink any other sign-in listed below.",
    identity_not_found: () => "That sign-in is not linked to your account (it may already have been unlinked). The list below shows the sign-ins linked now.",
    invalid_identity: () => "That request did not name a linked account, so nothing was changed. To unlink a sign-in, choose Unlink next to it below.",
    session_expired: () => "Your sign-in has expired, so nothing was unlinked. Please sign out, sign in again, and retry.",
    auth0_refused: () => `The sign-in service refused to unlink that account, so nothing was changed. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Too many attempts right now, so nothing was unlinked. ${wait}`,
    throttled: ({ wait }) => `Too many attempts. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    unconfirmed: () =>
      "The sign-in service stopped answering while unlinking, so we could not confirm whether it was unlinked. Reload this page in a moment to see your linked accounts.",
  },
  readError: {
    rate_limited: ({ wait }) => `Too many requests right now. ${wait ?? "Please try again in a moment."}`,
    session_refused: () => "Your sign-in no longer allows reading your linked accounts. Please sign out and sign in again.",
    app_refused: () => "Your linked accounts could not be loaded right now. Please try again later.",
    not_found: () => "Your account could not be found. Please sign out and sign in again.",
    unavailable: () => "The sign-in service is not answering right now. Please try again in a few minutes.",
    failed: () => "Your linked accounts could not be loaded. Please try again.",
  },
  report: {
    explain: {
      heading: "Secure your account",
      willRemove: ({ connection, account }) =>
        `We will remove the ${connection} sign-in${account ? ` ${account}` : ""} from your account at once, so it can no longer be used to sign in as you.`,
      thenSignIn: "Then you sign in again with your own sign-in, and we end every session of your account: on every device, in this app and at the sign-in service.",
      wasRemoved: ({ connection, account }) =>
        `The ${connection} sign-in${account ? ` ${account}` : ""} was removed from your account. If you did not do that, someone else may be signed in as you.`,
      signInToEnd: "Sign in again with your own sign-in, and we end every session of your account: on every device, in this app and at the sign-in service. Nothing is linked again.",
      button: "Sign in to secure my account",
    },
    result: {
      secured: "Your account is secured",
      partlySecured: "Your account is partly secured",
      whatWasDone: "What was done",
      whatToDoNext: "What to do next",
      notDone: "Not done:",
      removed: ({ connection, account }) => `Removed the ${connection} sign-in${account ? ` ${account}` : ""} from your account.`,
      noLongerLinked: ({ connection, account }) => `The ${connection} sign-in${account ? ` ${account}` : ""} was no longer linked to your account.`,
      notRemoved: ({ connection, account }) => `Could not remove the ${connection} sign-in${account ? ` ${account}` : ""}: remove it in Settings → Linked accounts.`,
      appSignedOut: "Signed you out of this app everywhere.",
      appNotSignedOut: "Could not sign you out of this app on every device.",
      auth0Ended: "Ended your sessions at the sign-in service.",
      auth0NotEnded: "Could not end your sessions at the sign-in service (the app's plan or settings may not allow it).",
      refreshRevoked: "Revoked the app's long-lived access to your account.",
      refreshNotRevoked: "Could not revoke the app's long-lived access to your account.",
      changePassword: "Change your password, and the password of the email account this message came to.",
      checkSignIns: "Sign in again and check Settings → Linked accounts: remove any other sign-in you do not recognise.",
      tellSupport: "Tell the app's support what could not be done.",
      signInAgain: "Sign in again",
    },
    refused: {
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
        next: "Open the link in the email again to start over. Then sign in with your own email and password (or your usual sign-in).",
      },
      cancelled: {
        heading: "You cancelled the sign-in",
        text: "Without your sign-in, your other sessions were not ended.",
        next: "Open the link in the email again to start over.",
      },
      sign_in_failed: {
        heading: "The sign-in did not work",
        text: "Your sign-in could not be completed or verified, so your other sessions were not ended.",
        next: "Open the link in the email again to start over.",
      },
      attempt_invalid: {
        heading: "This attempt is not valid",
        text: "It was already used, changed, or started in another browser, so nothing more was done.",
        next: "Open the link in the email again to start over.",
      },
      attempt_expired: {
        heading: "This attempt took too long",
        text: "It expired before you signed in, so your other sessions were not ended.",
        next: "Open the link in the email again to start over.",
      },
      tenant_unavailable: {
        heading: "The sign-in service is not answering",
        text: "Nothing more could be done right now.",
        next: "Wait a few minutes, then open the link in the email again to start over.",
      },
    },
  },
  notice: {
    subject: {
      linked: ({ app }) => `${app}: a sign-in was added to your account`,
      unlinked: ({ app }) => `${app}: a sign-in was removed from your account`,
    },
    change: {
      linked: ({ connection, account }) => `${/^[aeiou]/i.test(connection) ? "An" : "A"} ${connection} sign-in${account ? `, ${account},` : ""} was added to your account.`,
      unlinked: ({ connection, account }) => `${/^[aeiou]/i.test(connection) ? "An" : "A"} ${connection} sign-in${account ? `, ${account},` : ""} was removed from your account.`,
    },
    whenLabel: "When",
    browserLabel: "Browser",
    browser: {
      both: ({ browser, system }) => `${browser} on ${system}`,
      browserOnly: ({ browser }) => browser,
      systemOnly: ({ system }) => `a browser on ${system}`,
      unknown: "an unknown browser",
    },
    ifItWasYou: "If this was you, there is nothing to do.",
    button: "This wasn't me",
    whatTheButtonDoes: {
      linked: ({ connection }) =>
        `If it was not you, press "This wasn't me": we remove this ${connection} sign-in from your account at once, and after you sign in again as yourself, we sign your account out everywhere.`,
      unlinked: `If it was not you, press "This wasn't me": after you sign in again as yourself, we sign your account out everywhere, so whoever did it is locked out.`,
    },
    linkFallback: "If the button does not work, open this address:",
    footer: ({ app }) => `${app} sends this message whenever the ways to sign in to your account change, so that you can undo a change you did not make.`,
  },
  prompt: {
    heading: "You already have an account",
    found: ({ connection }) => `You signed in with ${connection}. An account with the same email address already exists:`,
    existingLabel: "The existing account",
    existing: ({ connection, account }) => `${connection}, ${account}`,
    explainLink: ({ connection, account }) =>
      `Link accounts: sign in once more, with ${connection} as ${account}, to prove that the account is yours. Then either sign-in opens the same account, and you go on signed in to it.`,
    explainKeep: "Keep separate: the accounts stay apart and we will not ask again. You can still link them later in Settings → Linked accounts.",
    link: "Link accounts",
    keep: "Keep separate",
    nothing: "There is nothing to link right now.",
    continue: "Continue",
    outcome: {
      different_account: () => "You signed in with a different account, so nothing was linked. To link, sign in as the existing account shown here.",
      cancelled: () => "You cancelled the sign-in, so nothing was linked.",
      expired: () => "This offer expired or was already used, so nothing was linked. Sign in again to see it once more.",
      sign_in_failed: () => "The sign-in could not be completed or verified, so nothing was linked. Please try again.",
      unavailable: () => "The sign-in service did not answer, so nothing was changed. Please try again in a few minutes.",
      refused: () => `The sign-in service refused to link these accounts, so nothing was changed. ${REFUSED_NEXT}`,
      rate_limited: ({ wait }) => `There were too many attempts, so nothing was changed. ${wait}`,
      identity_in_use: () => "This sign-in already belongs to another account, so nothing was linked.",
      not_saved: ({ wait }) => `Your choice could not be saved, so we may ask again next time. ${wait}`,
    },
  },
  routes: { notFromThisSite: "This request did not come from this site's own pages, so nothing was changed." },
  wait: {
    moment: "Please wait a moment and try again.",
    seconds: { one: (n) => `Please try again in ${n} second.`, other: (n) => `Please try again in ${n} seconds.` },
  },
};
