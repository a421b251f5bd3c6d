/**
 * `POST /link/unlink`: removes one secondary identity from the signed-in user
 * with their own token, or the machine token in server-side mode
 * (`DELETE /api/v2/users/{id}/identities/{provider}/{user_id}`).
 * Guard order: same-origin POST → session → input → a recent primary sign-in
 * (else a fresh sign-in, see ./recent-sign-in) → the change → redirect (with,
 * after a real unlink, the proof Settings announces it from: ./unlink-notice).
 */
import { NextResponse, type NextRequest } from "next/server";
import { parseIdentityId } from "../management/identities";
import type { Identity, ManagementError } from "../management/types";
import { noticeAfterResponse } from "./report/notice";
import type { ManagementCalls } from "./management-access";
import type { LinkingContext } from "./options";
import type { Outcome, UnlinkOutcomeCode } from "./outcomes";
import { copyCookies, forbiddenCrossOrigin, redirectToLogin, redirectWithOutcome } from "./responses";
import { isSameOriginPost } from "./request-guards";
import { isRecentSignIn, redirectToFreshSignIn, signInAgeSeconds, type SignedInUser } from "./recent-sign-in";
import { takeAttempt } from "./throttle";
import { identityPresent, outcomeUnknown } from "./reconcile";
import { unlinkedNoticeCookie } from "./unlink-notice";
import { commonFailure } from "./common-failure";
import { openManagement, withoutBody } from "./upstream";

/** `removed`: the identity as it was listed before it left (its connection and email), for the notice. */
type UnlinkOutcome = Outcome<UnlinkOutcomeCode> & { readonly removed?: Identity; readonly ownerConnection?: string };
/** Not an outcome shown on Settings: the person signs in again, then confirms once more. */
type NeedsFreshSignIn = { readonly code: "fresh_sign_in_required"; readonly identity: string };

/** Handles `POST /link/unlink` (form field `identity` = `provider|user_id`). */
export async function unlinkIdentity(context: LinkingContext, request: NextRequest): Promise<NextResponse> {
  const started = performance.now();
  if (!isSameOriginPost(request, context.appOrigin)) {
    context.logger.warn("unlink.refused", { reason: "cross_origin", origin: request.headers.get("origin") ?? "none" });
    return forbiddenCrossOrigin(context, request);
  }
  const sessionRequest = withoutBody(request);
  const session = await context.session.getSession(sessionRequest);
  if (!session) return redirectToLogin(context);

  const sessionCarrier = new NextResponse();
  const outcome = await decide(context, request, sessionRequest, session.user, sessionCarrier);
  if (outcome.code === "fresh_sign_in_required") {
    context.logger.info("unlink.fresh_sign_in_required", {
      sub: session.user.sub,
      identity: outcome.identity,
      sign_in_age_seconds: signInAgeSeconds(session.user, context.now()) ?? undefined,
    });
    return redirectToFreshSignIn(context, outcome.identity);
  }
  const fields = { outcome: outcome.code, sub: session.user.sub, identity: outcome.identity, duration_ms: Math.round(performance.now() - started) };
  if (outcome.code === "unlinked") context.logger.info("unlink.finished", fields);
  else context.logger.warn("unlink.finished", fields);
  if (outcome.code === "unlinked" && outcome.identity !== undefined) noticeOfUnlink(context, request, session.user, outcome.identity, outcome.removed, outcome.ownerConnection);
  const response = copyCookies(sessionCarrier, redirectWithOutcome(context, context.settingsPath, "unlink", outcome));
  // Settings announces "Unlinked …" only with this proof: its URL alone can be crafted (./unlink-notice).
  if (outcome.code === "unlinked" && outcome.identity !== undefined) {
    response.headers.append("set-cookie", await unlinkedNoticeCookie(context, session.user.sub, outcome.identity));
  }
  response.headers.set("cache-control", "no-store");
  return response;
}

async function decide(
  context: LinkingContext,
  request: NextRequest,
  sessionRequest: NextRequest,
  user: SignedInUser,
  sessionCarrier: NextResponse,
): Promise<UnlinkOutcome | NeedsFreshSignIn> {
  const primarySub = user.sub;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { code: "invalid_identity" };
  }
  const identity = parseIdentityId(form.get("identity"));
  if (!identity) return { code: "invalid_identity" };
  const identityId = `${identity.provider}|${identity.userId}`;
  // The root user's id is its primary identity's id.
  if (identityId === primarySub) return { code: "primary_identity", identity: identityId };
  // After the input: a request that could never unlink anything needs no new sign-in.
  if (!isRecentSignIn(context, user)) return { code: "fresh_sign_in_required", identity: identityId };
  // Before the token: even a refresh reaches Auth0.
  const throttled = await takeAttempt(context, "unlink", primarySub);
  if (throttled) return throttled;

  const calls = await openManagement(context, sessionRequest, sessionCarrier, "unlink.no_access_token");
  if (calls === null) return { code: "session_expired" };
  // What the notice will name: the identity as Settings last listed it (no extra read).
  // With notices on and nothing cached (Settings not viewed in the last 30 s), one read names it in the notice.
  let before = (await context.userCache?.get(primarySub))?.identities;
  if (!before && context.notices) {
    const read = await calls.getUser(primarySub);
    if (read.ok) before = read.value.identities;
  }
  const described = { ...describeRemoved(before, identityId) };
  const result = await calls.unlink(primarySub, identity.provider, identity.userId);
  if (result.ok) {
    await context.userCache?.updateIdentities(primarySub, result.value);
    await identitiesChanged(context, primarySub);
    return { code: "unlinked", identity: identityId, ...described, ...ownerOf(result.value) };
  }
  // The identities may have changed: Settings reads them afresh.
  await context.userCache?.delete(primarySub);
  if (outcomeUnknown(result.error)) {
    const gone = await unlinkedAfterAll(context, calls, primarySub, identityId, result.error);
    if (gone === true) {
      await identitiesChanged(context, primarySub);
      return { code: "unlinked", identity: identityId, ...described, ...ownerOf(before ?? []) };
    }
    if (gone === null) return { code: "unconfirmed", identity: identityId };
  }
  if (result.error.code === "not_found") return { code: "identity_not_found", identity: identityId };
  const failure = commonFailure(result.error);
  return failure.code === "auth0_refused" ? { ...failure, identity: identityId } : failure;
}

/** The listed identity `identityId` among `identities`, if Settings had listed it. */
function describeRemoved(identities: readonly Identity[] | undefined, identityId: string): { removed?: Identity } {
  const found = identities?.find((candidate) => `${candidate.provider}|${candidate.user_id}` === identityId);
  return found ? { removed: found } : {};
}

function ownerOf(identities: readonly Identity[]): { ownerConnection?: string } {
  const connection = identities[0]?.connection;
  return connection ? { ownerConnection: connection } : {};
}

/** A way into the account was removed: its owner hears of it, after the response (./report/notice). */
function noticeOfUnlink(
  context: LinkingContext,
  request: NextRequest,
  user: SignedInUser & { email?: unknown; email_verified?: unknown },
  identityId: string,
  removed: Identity | undefined,
  ownerConnection: string | undefined,
): void {
  const email = removed?.profileData?.email;
  noticeAfterResponse(context, request, {
    kind: "unlinked",
    user,
    identity: { id: identityId, ...(typeof email === "string" && email ? { detail: email } : {}) },
    ...(ownerConnection ? { ownerConnection } : {}),
  });
}

/**
 * An identity really left `primarySub`: the unlinked account is a user of its
 * own again, maybe one to suggest, so the next Settings view looks again. Only
 * then: a 404 or a refusal changed nothing, and forgetting on those would let
 * anyone spend the suggestion look-ups by posting unlinks of made-up ids.
 */
async function identitiesChanged(context: LinkingContext, primarySub: string): Promise<void> {
  await context.suggestions?.forget(primarySub);
}

/**
 * The unlink failed without saying whether the tenant unlinked (no answer, a
 * 5xx, an unreadable 200, or a 404 on a retry after one of those: see
 * ./reconcile). Reads the primary user: true when the identity is gone, false
 * when it is still there (the failure is then reported as it came), `null`
 * when the read fails too.
 */
async function unlinkedAfterAll(context: LinkingContext, calls: ManagementCalls, primarySub: string, identityId: string, error: ManagementError): Promise<boolean | null> {
  const present = await identityPresent(context, calls, primarySub, identityId);
  if (present === null) return null;
  const gone = !present;
  if (gone) context.logger.info("unlink.outcome_recovered", { sub: primarySub, identity: identityId, unlink_error: error.code, status: error.status });
  return gone;
}
