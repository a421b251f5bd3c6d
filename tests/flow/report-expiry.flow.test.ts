/**
 * "This wasn't me" works for 7 days: a notice's link opened later says it
 * expired and what to do instead, and changes nothing.
 */
import { LOCAL_M2M_CLIENT } from "@/lib/local-tenant";
import { ACCOUNTS, OWNER_ID, useLocalTenant } from "../support/app";
import { useSharedClock } from "../support/clock";
import { identityIdsOf } from "../support/linking";
import { NoticeReader, tokenOf, useReportingApp } from "../support/report";

const clock = useSharedClock();
const local = useLocalTenant();
const running = useReportingApp({ AUTH0_M2M_CLIENT_ID: LOCAL_M2M_CLIENT.clientId, AUTH0_M2M_CLIENT_SECRET: LOCAL_M2M_CLIENT.clientSecret });

it("says a notice's link has expired after 7 days, with the way forward, and removes nothing", async () => {
  const person = running.person();
  await person.signIn(ACCOUNTS.owner);
  const noticed = running.nextNotice();
  await person.link("github", ACCOUNTS.intruderGithub);
  const notice = await noticed;
  clock.passMinutes(7 * 24 * 60 + 1);
  const reader = new NoticeReader(running.app());
  const page = await reader.open(notice.reportUrl);
  expect(page.status).toBe(410);
  const html = await page.text();
  expect(html).toContain("This link has expired");
  expect(html).toContain("remove any sign-in you do not know");
  expect(await (await reader.secure(tokenOf(notice))).text()).toContain("This link has expired");
  expect(identityIdsOf(local.tenant(), OWNER_ID)).toEqual([OWNER_ID, "github|1000002"]);
});
