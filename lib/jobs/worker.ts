import "server-only";
import { Logger, run, runOnce } from "graphile-worker";
import { billingCrontab } from "@/lib/invoices/jobs";
import { taskList } from "./tasks";

/** Hourly housekeeping: API idempotency answers past their 24 hours. */
const maintenanceCrontab = "17 * * * * prune_idempotency_keys ?max=3";

/** graphile-worker reports failed jobs and lost connections at level "error"; the rest stays quiet. */
const quietLogger = new Logger((scope) => (level, message) => {
  if (`${level}` !== "error") return;
  const task = scope.taskIdentifier ? ` ${scope.taskIdentifier}` : "";
  console.error(`[jobs${task}] ${message}`);
});

/**
 * Runs background jobs in this process until the returned function is called. Every app instance
 * may run one: graphile-worker hands each job to exactly one worker (SKIP LOCKED), wakes on NOTIFY
 * and polls for jobs that are due later (retries). Shutdown signals are left to the host (Next.js).
 */
export async function startWorker({ connectionString, concurrency }: { connectionString: string; concurrency: number }): Promise<() => Promise<void>> {
  // Recurring jobs; graphile-worker queues each slot once, whichever instance sees it first.
  const crontab = [billingCrontab, maintenanceCrontab].join("\n");
  const runner = await run({ connectionString, concurrency, taskList, crontab, noHandleSignals: true, logger: quietLogger });
  runner.promise.catch((error: unknown) => {
    console.error(`[jobs] the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
  });
  return () => runner.stop();
}

/** Runs every job that is due now, then returns: for tests and scripts. */
export async function runJobsOnce(connectionString: string): Promise<void> {
  await runOnce({ connectionString, taskList, noHandleSignals: true, logger: quietLogger });
}
