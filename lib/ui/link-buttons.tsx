import type { ReactNode } from "react";
import { connectionName } from "../i18n";
import { DEFAULT_UI, type UiContext } from "./class-names";
import { ProviderIcon } from "./provider-icon";

/**
 * One "Link GitHub", "Link Google", … button per connection the app offers.
 * Each is a plain POST form to the start route, so it works without JavaScript.
 * A connection already linked stays offered: Auth0 allows several identities
 * of one provider (two GitHub accounts, say).
 */
export function LinkButtons({ connections, ui = DEFAULT_UI }: { connections: readonly string[]; ui?: UiContext }): ReactNode {
  const { messages } = ui.localization;
  return (
    <div className={ui.className("linkOptions")}>
      {connections.map((connection) => (
        <form key={connection} method="post" action={ui.paths.start}>
          <input type="hidden" name="connection" value={connection} />
          <button type="submit" className={ui.className("button", "secondary")}>
            <ProviderIcon connection={connection} />
            {messages.linkAnother.button({ connection: connectionName(messages, connection) })}
          </button>
        </form>
      ))}
    </div>
  );
}
