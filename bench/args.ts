/** Command-line options shared by the bench scripts. */

/** `--name=N` as a whole number from 1 to `max`, or `fallback`; exits with a message on anything else. */
export function argument(name: string, fallback: number, max: number): number {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be a whole number from 1 to ${max} (got ${raw}).`);
    process.exit(2);
  }
  return value;
}
