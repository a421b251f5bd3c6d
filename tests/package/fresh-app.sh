#!/usr/bin/env bash
# A product team's first hour, in CI: pack the package, scaffold a fresh
# Next.js 16 app outside the repository (tests/package/template: what
# create-next-app writes, cacheComponents on), follow the README's "Add
# account linking to your app" literally (its install commands, the files of
# examples/next-app), then type-check (moduleResolution bundler and nodenext),
# `next build` with no Auth0 settings, run the README's jest example, start
# the local tenant from the package's bin and the app with `next start`, and
# click through sign-in, link GitHub and unlink in Chromium. Fails on any
# error, and if npm installed a second copy of react, react-dom, next or the SDK.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
APP_PORT="${FRESH_APP_PORT:-3300}"
TENANT_PORT="${FRESH_TENANT_PORT:-4310}"
work="$(mktemp -d "${TMPDIR:-/tmp}/fresh-app.XXXXXX")"
app="$work/my-app"
pids=()
cleanup() {
  # Each server runs in a process group of its own (setsid): npx and next start leave children behind otherwise.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "${KEEP_FRESH_APP:-}" = "1" ] || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== fresh app: $*"; }
export NEXT_TELEMETRY_DISABLED=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

step "npm pack (prepack builds dist/ with tsup)"
tarball="$(cd "$repo" && npm pack --pack-destination "$work" --silent | tail -1)"
ls -l "$work/$tarball"
# Only what a team needs: dist/, README, LICENSE (and package.json).
stray="$(tar -tzf "$work/$tarball" | grep -vE '^package/(dist/.+|README\.md|LICENSE|package\.json)$' || true)"
[ -z "$stray" ] || { echo "the tarball holds files a team does not need:"; echo "$stray"; exit 1; }
echo "$(tar -tzf "$work/$tarball" | wc -l) files"
# npm publish --dry-run is clean: no correction of package.json (its login notice aside, since CI publishes nothing).
publish="$(cd "$repo" && npm publish --dry-run --ignore-scripts 2>&1 | grep -i 'npm warn' | grep -v 'requires you to be logged in' || true)"
[ -z "$publish" ] || { echo "npm publish --dry-run warns:"; echo "$publish"; exit 1; }

step "scaffold $app from tests/package/template"
cp -R "$repo/tests/package/template" "$app"
rm -f "$app/README.md"
cd "$app"

step "the guide's install lines"
npm install --no-audit --no-fund --loglevel=error "$work/$tarball" "@auth0/nextjs-auth0@^4.30.0"
npm install --no-audit --no-fund --loglevel=error --save-dev msw @mswjs/http-middleware jest @types/jest

step "no second copy of react, react-dom, next or @auth0/nextjs-auth0 (one installed location each, npm query)"
npm query ':is(#react, #react-dom, #next, [name="@auth0/nextjs-auth0"])' | node -e '
const nodes = JSON.parse(require("fs").readFileSync(0, "utf8"));
let failed = false;
for (const name of ["react", "react-dom", "next", "@auth0/nextjs-auth0"]) {
  const copies = nodes.filter((node) => node.name === name).map((node) => `${node.version} at ${node.location}`);
  console.log(`${name}: ${copies.join(", ") || "missing"}`);
  if (copies.length !== 1) failed = true;
}
if (failed) { console.error("expected exactly one installed copy of each"); process.exit(1); }
'

step "the guide's files (examples/next-app) and the layout's stylesheet line"
mkdir -p lib "app/link/[action]" app/settings tests
cp "$repo/examples/next-app/lib/auth0.ts" lib/auth0.ts
cp "$repo/examples/next-app/app/link/[action]/route.ts" "app/link/[action]/route.ts"
cp "$repo/examples/next-app/app/settings/page.tsx" app/settings/page.tsx
cp "$repo/examples/next-app/proxy.ts" proxy.ts
cp "$repo/examples/next-app/jest.config.mjs" jest.config.mjs
# The link at sign-in's two lines (README, "Link at sign-in"): its page, and the setup's option as the README writes it.
mkdir -p app/link-accounts
cp "$repo/examples/next-app/app/link-accounts/page.tsx" app/link-accounts/page.tsx
prompt_line='export const accountLinking = setupAccountLinking({ auth0, env: process.env, linkPromptPage: "/link-accounts" });'
grep -qxF "$prompt_line" "$repo/README.md" || { echo "the README no longer shows the link at sign-in's setup line"; exit 1; }
sed -i 's|^export const accountLinking = setupAccountLinking({ auth0, env: process.env });$|'"$prompt_line"'|' lib/auth0.ts
grep -qxF "$prompt_line" lib/auth0.ts || { echo "could not add linkPromptPage to lib/auth0.ts"; exit 1; }
cp "$repo/tests/examples/local-tenant.example.test.ts" tests/local-tenant.example.test.ts
sed -i '1i import "auth0-account-linking/styles.css";' app/layout.tsx

step "type check: moduleResolution bundler (create-next-app's), then nodenext"
npx tsc --noEmit
cat > tsconfig.nodenext.json <<'JSON'
{ "extends": "./tsconfig.json", "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "incremental": false } }
JSON
npx tsc --noEmit -p tsconfig.nodenext.json

step "next build with no Auth0 settings (cacheComponents on, no transpilePackages)"
env -u AUTH0_DOMAIN -u AUTH0_CLIENT_ID -u AUTH0_CLIENT_SECRET -u AUTH0_SECRET -u APP_BASE_URL npx next build

step "the README's jest example, with the package's preset"
npx jest --ci

step "the bin names the optional peer to install: zod for --config, selfsigned for --https"
echo '{ "rate_limit": { "limit": 2, "per_second": 2 } }' > local-tenant.json
for args in "--config local-tenant.json:npm install --save-dev zod" "--https:npm install --save-dev selfsigned"; do
  # shellcheck disable=SC2086
  if out="$(npx auth0-local-tenant --port "$TENANT_PORT" ${args%%:*} 2>&1)"; then echo "auth0-local-tenant ${args%%:*} started without its peer"; exit 1; fi
  echo "$out"
  grep -qF "${args#*:}" <<<"$out" || { echo "expected the hint: ${args#*:}"; exit 1; }
done

step "the local tenant from the package's bin"
setsid npx auth0-local-tenant --port "$TENANT_PORT" --app-base-url "http://localhost:$APP_PORT" > "$work/tenant.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^AUTH0_DOMAIN=' "$work/tenant.log" && break; sleep 0.2; done
cat "$work/tenant.log"
grep -E '^(AUTH0_|APP_BASE_URL)' "$work/tenant.log" > .env.local
# The link at sign-in on, trusting the local tenant's GitHub to verify emails, as the README's "Link at sign-in" tries it.
printf 'LINK_PROMPT_AT_SIGN_IN=true\nLINK_SUGGESTION_TRUSTED_CONNECTIONS=Username-Password-Authentication,google-oauth2,github\n' >> .env.local
grep -q "^AUTH0_DOMAIN=http://localhost:$TENANT_PORT$" .env.local

step "next start on $APP_PORT"
setsid npx next start -p "$APP_PORT" > "$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://localhost:$APP_PORT/" 2>/dev/null && break; sleep 0.2; done
status="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$APP_PORT/settings")"
echo "signed-out /settings: $status"
case "$status" in "307 http://localhost:$APP_PORT/auth/login?returnTo=%2Fsettings") ;; *) echo "expected a 307 to the sign-in"; cat "$work/app.log"; exit 1 ;; esac

step "Chromium: sign in, link GitHub, unlink it; the link at sign-in"
cd "$repo"
FRESH_APP_URL="http://localhost:$APP_PORT" npx playwright test -c tests/package/playwright.config.ts || { cat "$work/app.log"; exit 1; }
