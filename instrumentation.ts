/** Runs once as the server starts: a server with a sign-in misconfiguration must not start at all. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadWebConfig } = await import("./lib/config/webConfig");
  try {
    loadWebConfig();
  } catch (error) {
    console.error(`chargeback web: ${(error as Error).message}`);
    process.exit(1);
  }
}
