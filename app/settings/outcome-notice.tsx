import type { ReactNode } from "react";
import type { SettingsNotice } from "@/lib/linking";

/**
 * The outcome of the last link or unlink: success in a `role=status` region,
 * failure in a `role=alert` region. The status region is always present
 * (empty when there is nothing to say), so screen readers already know it.
 * Only text from readSettingsNotice is shown, never the query string's.
 */
export function OutcomeNotice({ notice }: { notice: SettingsNotice | null }): ReactNode {
  return (
    <>
      <div role="status" className="notice">
        {notice?.kind === "status" ? notice.text : null}
      </div>
      {notice?.kind === "alert" ? (
        <div role="alert" className="notice">
          {notice.text}
        </div>
      ) : null}
    </>
  );
}
