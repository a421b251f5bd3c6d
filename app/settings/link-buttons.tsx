import type { ReactNode } from "react";
import { connectionDisplayName } from "@/lib/connections";
import { ProviderIcon } from "./provider-icon";

/**
 * One "Link GitHub", "Link Google", … button per connection the app offers.
 * Each is a plain POST form to /link/start, so it works without JavaScript.
 * A connection already linked stays offered: Auth0 allows several identities
 * of one provider (two GitHub accounts, say).
 */
export function LinkButtons({ connections }: { connections: readonly string[] }): ReactNode {
  return (
    <div className="link-options">
      {connections.map((connection) => (
        <form key={connection} method="post" action="/link/start">
          <input type="hidden" name="connection" value={connection} />
          <button type="submit" className="button secondary with-icon">
            <ProviderIcon connection={connection} />
            Link {connectionDisplayName(connection)}
          </button>
        </form>
      ))}
    </div>
  );
}
