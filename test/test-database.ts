import path from "node:path";
import { rm } from "node:fs/promises";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";

/**
 * The database tests run against: the server in DATABASE_URL when set, else a fresh embedded
 * PostgreSQL (its own folder and port, so it never touches the console's own data).
 */
export async function provideTestDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const port = Number(process.env.TEST_PG_PORT ?? 54339);
  const dataDir = path.resolve(`.data/test-postgres-${port}`);
  if (!process.env.TEST_PG_KEEP) await rm(dataDir, { recursive: true, force: true });
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: "console_test" });
  return { url: embedded.url, embedded };
}

/**
 * On an external server, a scratch database per run keeps runs independent of each other and of
 * whatever else lives on that server. It is dropped at the end.
 */
export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import("pg");
  const name = `console_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
