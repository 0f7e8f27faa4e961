import { closeDb } from "../db/client";
import { PublicError } from "../lib/errors";
import { prepareRuntime } from "./runtime-env";

/**
 * The frame of an operator command: a configured database (embedded when DATABASE_URL is unset),
 * the command's body, then the connections closed. A PublicError (a refused input) is printed as
 * its message and exits 1; anything else is a bug and is thrown with its stack.
 */
export async function runOperatorCommand(body: () => Promise<void>): Promise<void> {
  const { embedded } = await prepareRuntime();
  let failed = false;
  try {
    await body();
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    console.error(error.message);
    failed = true;
  } finally {
    await closeDb();
    await embedded?.stop();
  }
  if (failed) process.exit(1);
}
