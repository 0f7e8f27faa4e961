import { register } from "node:module";
import { defineConfig, devices } from "@playwright/test";
import { outboxToken } from "./e2e/support/outbox";
import { SERVER_LOG } from "./e2e/support/server-log";

const port = Number(process.env.E2E_PORT ?? 3100);

// Specs import server modules (the billing run, fixtures); outside Next their `server-only` marker
// must not throw. The runner (which loads the specs to list them) registers the hook here, the workers
// inherit it through NODE_OPTIONS; the console itself is started without it.
const consoleNodeOptions = (process.env.NODE_OPTIONS ?? "").replace(/--import=\S*outside-next\.mjs/g, "").trim();
const outsideNext = new URL("./scripts/outside-next.mjs", import.meta.url).href;
if (!process.env.NODE_OPTIONS?.includes(outsideNext)) {
  register(new URL("./scripts/outside-next-hooks.mjs", import.meta.url));
  process.env.NODE_OPTIONS = `${consoleNodeOptions} --import=${outsideNext}`.trim();
}
export const baseURL = `http://localhost:${port}`;

/**
 * Run through `npm test` (or `npm run test:e2e` after a build), which provides DATABASE_URL and
 * AUTH_SECRET to both the console and the tests. The console delivers mail to a real SMTP server
 * started in global setup.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The console's output is kept in a log that global teardown scans for unhandled errors (and, as
    // before, shown on stderr).
    command: `mkdir -p test-results && npx tsx --import ./scripts/outside-next.mjs scripts/start.ts 2>&1 | tee ${SERVER_LOG} >&2`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_OPTIONS: consoleNodeOptions,
      SKIP_BUILD: "1",
      PORT: String(port),
      APP_URL: baseURL,
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 2525}`,
      NEXT_TELEMETRY_DISABLED: "1",
      HOSTNAME: "127.0.0.1",
      DEV_OUTBOX_TOKEN: outboxToken,
    },
  },
});
