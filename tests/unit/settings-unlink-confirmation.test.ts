/**
 * The unlink confirmation on Settings, rendered as the server renders it: it
 * warns about the fresh sign-in only when the current one is too old.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { UnlinkConfirmation } from "@/lib/ui/unlink-confirmation";
import type { LinkedIdentity } from "@/lib/ui/linked-identity";

const github: LinkedIdentity = {
  id: "github|1000001",
  identity: { connection: "github", provider: "github", user_id: 1000001, isSocial: true },
  connectionName: "GitHub",
  account: "owner.github@example.com",
  primary: false,
};

const WARNING = "You’ll be asked to sign in again first";

describe("the unlink confirmation", () => {
  it("says a new sign-in comes first when the current one is too old", () => {
    const html = renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github, signInAgainFirst: true }));
    expect(html).toContain(WARNING);
    expect(html).toContain('<input type="hidden" name="identity" value="github|1000001"/>');
  });

  it("says nothing about signing in when the current sign-in is recent", () => {
    expect(renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github }))).not.toContain(WARNING);
    expect(renderToStaticMarkup(createElement(UnlinkConfirmation, { entry: github, signInAgainFirst: false }))).not.toContain(WARNING);
  });
});
