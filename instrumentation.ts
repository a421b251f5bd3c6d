/**
 * Runs once when the server starts: validate the configuration now, so a
 * missing setting stops start-up with a message instead of failing requests.
 */
export async function register(): Promise<void> {
  if (process.env["NEXT_RUNTIME"] === "nodejs") {
    const { validateConfigOrExit } = await import("auth0-account-linking");
    validateConfigOrExit(process.env);
  }
}
