import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { TaskName, TaskPayload } from "./tasks";

export interface JobOptions {
  /** Not before this moment (default: now). */
  runAt?: Date;
  /** A job with the same key that has not started yet is replaced by this one. */
  jobKey?: string;
  /** Attempts before graphile-worker gives up (its default: 25). */
  maxAttempts?: number;
}

/**
 * Adds a background job through the caller's executor: inside a transaction the job exists exactly
 * when that transaction commits, and workers are woken by graphile-worker's NOTIFY at commit.
 * Returns the job's id.
 */
export async function enqueueJob<T extends TaskName>(tx: Executor, task: T, payload: TaskPayload<T>, options: JobOptions = {}): Promise<string> {
  const result = await tx.execute<{ id: string }>(sql`
    select (graphile_worker.add_job(
      ${task},
      payload => ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )).id::text as id`);
  return result.rows[0]!.id;
}
