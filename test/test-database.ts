import path from "node:path";
import { rm } from "node:fs/promises";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";

/**
 * The database tests run against: the server in DATABASE_URL when set, else a fresh embedded
 * PostgreSQL (its own folder and port, so it never touches the console's own data).
 */
export async function provideTestDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const dataDir = path.resolve(".data/test-postgres");
  const port = Number(process.env.TEST_PG_PORT ?? 54339);
  if (!process.env.TEST_PG_KEEP) await rm(dataDir, { recursive: true, force: true });
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: "console_test" });
  return { url: embedded.url, embedded };
}
