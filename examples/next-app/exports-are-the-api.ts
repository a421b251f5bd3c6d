/**
 * Proof that the package's public API is its package.json `exports` and
 * nothing else: `npm run typecheck:examples` fails if any of these deep
 * imports ever resolves (the @ts-expect-error would then be unused).
 */
// @ts-expect-error lib/setup/services.ts is how the setup is built inside, not an entry point.
import type {} from "auth0-account-linking/lib/setup/services";
// @ts-expect-error the linking internals are reached only through the "." entry point.
import type {} from "auth0-account-linking/lib/linking/finish-link";
// @ts-expect-error the UI's pieces are reached only through "./ui".
import type {} from "auth0-account-linking/lib/ui/identity-list";
