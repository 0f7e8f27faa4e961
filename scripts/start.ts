/**
 * `npm start`: database (embedded unless DATABASE_URL is set), migrations, build, then the console's
 * server (scripts/server.ts: Next.js behind the request edge). `npm run dev`: the same in Next's
 * development mode. SKIP_BUILD=1 reuses an existing build.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { prepareRuntime } from "./runtime-env";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const mode = process.argv[2] === "dev" ? "dev" : "start";
const { embedded } = await prepareRuntime();

if (mode === "start" && !(process.env.SKIP_BUILD === "1" && existsSync(".next/BUILD_ID"))) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) {
    await embedded?.stop();
    process.exit(build.status ?? 1);
  }
}

// The server runs our modules outside Next (config, the request edge): their `server-only` marker
// resolves to an empty module there, as in every script (scripts/outside-next.mjs).
const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/outside-next.mjs", "scripts/server.ts", mode], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: mode === "dev" ? "development" : "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", async (code) => {
  await embedded?.stop();
  process.exit(code ?? 0);
});
