import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Functions that may run inside a caller's transaction take this, defaulting to `db`. */
export type Executor = Database | Transaction;

const globalForDb = globalThis as unknown as { consolePool?: Pool; consoleDb?: Database };

function createDb(): Database {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the console with `npm start`, which provides an embedded PostgreSQL.");
  }
  const pool = new Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  globalForDb.consolePool = pool;
  return drizzle(pool, { schema, casing: "snake_case" });
}

/** Lazily connected so that importing this module never needs a database (builds, type checks). */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    globalForDb.consoleDb ??= createDb();
    return Reflect.get(globalForDb.consoleDb, property, globalForDb.consoleDb);
  },
});

export async function closeDb() {
  await globalForDb.consolePool?.end();
  globalForDb.consolePool = undefined;
  globalForDb.consoleDb = undefined;
}
