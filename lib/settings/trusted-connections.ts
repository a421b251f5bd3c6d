/**
 * Which connections' `email_verified` Settings trusts when it suggests
 * accounts by email (LINK_SUGGESTION_TRUSTED_CONNECTIONS). Auth0 sets
 * `email_verified` itself only for its own database connections, when the
 * person follows the verification link; for a federated connection it is
 * whatever the identity provider reported, or false, and Auth0 says it cannot
 * vouch for it ("Use Verified Email in User Profiles"). A suggestion looks
 * other people's accounts up by the signed-in person's email, so an email
 * nobody checked would show them the accounts of whoever really owns it.
 * @see https://auth0.com/docs/manage-users/user-accounts/user-profiles/verified-email-usage
 */

/**
 * The default: Auth0's default database connection (verified by Auth0's own
 * email link) and Google (whose ID tokens carry the `email_verified` Google
 * itself checked, true for Gmail and Workspace addresses). Not GitHub:
 * a GitHub account's email may be one GitHub never verified, and what Auth0
 * reports for it is GitHub's say, not Auth0's. Other database connections,
 * or social connections an app has reason to trust, are added by name.
 */
export const DEFAULT_SUGGESTION_TRUSTED_CONNECTIONS: readonly string[] = ["Username-Password-Authentication", "google-oauth2"];
