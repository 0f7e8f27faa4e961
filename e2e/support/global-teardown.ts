import { existsSync, readFileSync } from "node:fs";
import { SERVER_LOG, unhandledErrorLines } from "./server-log";

/** Fails the run when the console logged an unhandled error, even if every journey passed. */
export default async function globalTeardown() {
  if (!existsSync(SERVER_LOG)) throw new Error(`${SERVER_LOG} is missing: the console's output was not captured.`);
  const lines = unhandledErrorLines(readFileSync(SERVER_LOG, "utf8"));
  if (lines.length > 0) {
    throw new Error(`The console logged ${lines.length} unhandled error line(s) during the run (full log in ${SERVER_LOG}):\n${lines.slice(0, 20).join("\n")}`);
  }
}
