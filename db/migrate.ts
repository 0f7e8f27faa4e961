import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { runMigrations as runJobQueueMigrations } from "graphile-worker";
import { Client } from "pg";

export const migrationsFolder = path.resolve(import.meta.dirname, "migrations");

/**
 * Applies the committed migrations, then graphile-worker's own schema (`graphile_worker`, the job
 * queue); safe to run at every start and from several processes.
 */
export async function applyMigrations(connectionString: string) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    // Two app instances starting together must not apply the same migration twice.
    await client.query("select pg_advisory_lock(724001)");
    await migrate(drizzle(client), { migrationsFolder });
    await runJobQueueMigrations({ connectionString });
  } finally {
    await client.query("select pg_advisory_unlock(724001)").catch(() => {});
    await client.end();
  }
}
