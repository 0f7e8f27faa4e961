import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nextEnv from "@next/env";
import { ConfigError, parseConfig } from "../lib/config";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { applyMigrations } from "../db/migrate";

/** Outside production a missing secret is generated once and kept in .data (ignored by git), readable by its owner only. */
async function localSecret(name: string): Promise<string> {
  const file = path.resolve(".data", name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Validates the configuration, provides a database (embedded when DATABASE_URL is unset) and
 * applies migrations. Exits with a message naming the setting when the configuration is wrong.
 */
export async function prepareRuntime(): Promise<{ embedded?: EmbeddedDatabase }> {
  nextEnv.loadEnvConfig(process.cwd(), process.argv[2] === "dev");
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.AUTH_SECRET) process.env.AUTH_SECRET = await localSecret("auth-secret");
  // The dev outbox opens only with this secret (the link the server prints); never in production.
  if (config.APP_ENV === "production") delete process.env.DEV_OUTBOX_TOKEN;
  else if (!config.DEV_OUTBOX_TOKEN) process.env.DEV_OUTBOX_TOKEN = await localSecret("outbox-token");
  process.env.APP_URL = config.APP_URL;

  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres();
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL ready (data in .data/postgres).`);
  }
  await applyMigrations(process.env.DATABASE_URL!);
  return { embedded };
}
