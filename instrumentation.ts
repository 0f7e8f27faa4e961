/**
 * Fails fast, naming the setting, when the console is started without going through `npm start`;
 * then starts this instance's background worker (mail delivery) unless JOBS_WORKER=off.
 * Node-only code is imported inside the `nodejs` branch, so no other runtime bundles it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { config } = await import("./lib/config");
    const settings = config();
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the console with `npm start`, which provides an embedded PostgreSQL.");
    if (!process.env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set: start the console with `npm start`, which generates one outside production.");
    // `next start`/`next dev` would believe any client's X-Forwarded-For and have no body limit.
    if (process.env.CONSOLE_SERVER !== "1") throw new Error("Start the console with `npm start` (or `npm run dev`): its server (scripts/server.ts) decides client addresses and limits request bodies.");
    if (settings.JOBS_WORKER === "on") {
      const { startWorker } = await import("./lib/jobs/worker");
      await startWorker({ connectionString, concurrency: settings.JOBS_CONCURRENCY });
    }
  }
}
