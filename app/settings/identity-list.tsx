import type { ReactNode } from "react";
import { connectionDisplayName, identityId } from "@/lib/connections";
import type { ManagementUser } from "@/lib/management/types";

/** Every sign-in method of the user, the primary one first and marked. */
export function IdentityList({ user }: { user: ManagementUser }): ReactNode {
  return (
    <ul className="identities">
      {user.identities.map((identity, index) => {
        const primary = index === 0;
        const label = primary ? (user.email ?? user.name) : (identity.profileData?.email ?? identity.profileData?.name);
        return (
          <li key={identityId(identity)}>
            <span className="identity-text">
              <strong>{connectionDisplayName(identity.connection, identity.provider)}</strong>
              <span>{label ?? identityId(identity)}</span>
            </span>
            {primary ? <span className="badge">Primary</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
