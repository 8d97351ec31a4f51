/** Runs once as the server starts: a server with a sign-in misconfiguration must not start at all. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("./lib/config/exitOnBadWebConfig")).exitOnBadWebConfig();
}
