/**
 * A suggested account's "Link this account" needs a recent sign-in too, and
 * the suggestion survives the detour: after signing in again, Settings offers
 * to continue linking that very account, and the link is still bound to it.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { linkedAccountsData } from "@/lib/settings/linked-accounts-data";
import { LinkedAccounts } from "@/lib/ui/linked-accounts";
import { ACCOUNTS, APP, OWNER_ID, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityIdsOf, redirectOf, sessionOf, useApp } from "../support/linking";
import { captureLogs } from "../support/logs";
import { M2M_ENV, settingsView, submitSuggestion } from "../support/suggestions";

const clock = useSharedClock();
const { tenant } = useLocalTenant();
const running = useApp(M2M_ENV);
captureLogs();

const SUGGESTED = "github|1000003";

it("asks the owner to sign in again before linking a suggested account, then offers to continue with that account, which links it", async () => {
  const person = running.person();
  await person.signIn(ACCOUNTS.owner);
  clock.passMinutes(20);
  const [form] = (await settingsView(running, person)).forms;
  if (!form) throw new Error("Settings suggests the owner's GitHub account");

  const reauth = new URL((await submitSuggestion(person, form)).headers.get("location") ?? "");
  expect(reauth.searchParams.get("connection")).toBe("Username-Password-Authentication");
  const back = await person.openCallback(await person.signInAtTenant(reauth.toString(), ACCOUNTS.owner));
  expect(back.headers.get("location")).toBe(`${APP}/settings?continue=github&suggested=github%7C1000003`);

  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("signed in");
  const data = await linkedAccountsData(running.services(), session.user, async () => session.tokenSet.accessToken);
  const page = renderToStaticMarkup(createElement(LinkedAccounts, { ...data, searchParams: { continue: "github", suggested: SUGGESTED } }));
  expect(page).toContain("Next, sign in with your GitHub account owner@example.com to link it.");
  expect(page).toMatch(/<input type="hidden" name="connection" value="github"\/><input type="hidden" name="suggested" value="github\|1000003"\/><button[^>]*>.*Continue linking GitHub<\/button>/);

  const start = new URL((await person.startLink("github", { suggested: SUGGESTED })).headers.get("location") ?? "");
  expect(start.searchParams.get("connection")).toBe("github");
  expect(start.searchParams.get("login_hint")).toBe("owner@example.com");
  const linked = redirectOf(await person.openCallback(await person.signInAtTenant(start.toString(), ACCOUNTS.ownerSameEmailGithub)));
  expect(linked.params).toEqual({ link: "linked", identity: SUGGESTED });
  expect(identityIdsOf(tenant(), OWNER_ID)).toEqual([OWNER_ID, SUGGESTED]);
});

it("offers no suggested account to continue with when the URL names one that is not among the owner's suggestions", async () => {
  const person = running.person();
  await person.signIn(ACCOUNTS.owner);
  const session = await sessionOf(running, person.app);
  if (!session) throw new Error("signed in");
  const data = await linkedAccountsData(running.services(), session.user, async () => session.tokenSet.accessToken);
  const page = renderToStaticMarkup(createElement(LinkedAccounts, { ...data, searchParams: { continue: "github", suggested: "github|1000002" } }));
  expect(page).toContain("Continue linking GitHub");
  expect(page).not.toContain("1000002");
  const other = renderToStaticMarkup(createElement(LinkedAccounts, { ...data, searchParams: { continue: "windowslive" } }));
  expect(other).not.toContain("Continue linking");
});
