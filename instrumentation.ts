/** Fails fast, naming the setting, when the console is started without going through `npm start`. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  config();
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the console with `npm start`, which provides an embedded PostgreSQL.");
  if (!process.env.AUTH_SECRET) throw new Error("AUTH_SECRET is not set: start the console with `npm start`, which generates one outside production.");
}
