/**
 * Addresses as log lines show them: enough for an operator to tell two
 * notices apart, not enough to learn whose account it was.
 */

/**
 * `owner@example.com` → `o***@example.com`; anything without an `@` → `***`.
 * The domain stays: it says which mail provider refused or delayed a notice.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
