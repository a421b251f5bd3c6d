import type { ReactNode } from "react";
import type { SettingsNotice } from "../linking";
import { DEFAULT_UI, type UiContext } from "./class-names";

/**
 * The outcome of the last link or unlink: success in a `role=status` region,
 * failure in a `role=alert` region. The status region is always present
 * (empty when there is nothing to say), so screen readers already know it.
 * Only text from readSettingsNotice is shown, never the query string's.
 */
export function OutcomeNotice({ notice, ui = DEFAULT_UI }: { notice: SettingsNotice | null; ui?: UiContext }): ReactNode {
  return (
    <>
      <div role="status" className={ui.className("notice")}>
        {notice?.kind === "status" ? notice.text : null}
      </div>
      {notice?.kind === "alert" ? (
        <div role="alert" className={ui.className("notice")}>
          {notice.text}
        </div>
      ) : null}
    </>
  );
}
