/**
 * The link at sign-in (LINK_PROMPT_AT_SIGN_IN), which replaces Auth0's Account
 * Link Extension: right after a sign-in whose verified email an older
 * account shares, a page with the heading "You already have an account"
 * offers "Link accounts" (a second login as that account, then the new
 * sign-in linked into it) or "Keep separate" (remembered in `app_metadata`).
 *
 * The steps, a file each: ./after-sign-in (the proxy sends the sign-in here)
 * → ./show-prompt (`GET /link/prompt`: ./find-existing, the prompt cookie)
 * → the page (lib/ui/link-prompt.tsx, reading ./read-prompt) →
 * ./answer-prompt (`POST /link/prompt`) → ./finish-prompt (the callback) or
 * ./keep-separate.
 */
export { promptAfterSignIn, type AfterSignInPaths } from "./after-sign-in";
export { answerPrompt } from "./answer-prompt";
export { finishPrompt } from "./finish-prompt";
export { showPrompt } from "./show-prompt";
export { readLinkPrompt, type LinkPromptData, type LinkPromptView, type PromptSignInView } from "./read-prompt";
export { resolvePromptOptions, type PromptContext, type PromptOptions } from "./prompt-context";
export { PROMPT_OUTCOMES, isPromptOutcomeCode, type PromptOutcomeCode } from "./prompt-outcomes";
export { PROMPT_METADATA_KEY } from "./keep-separate";
