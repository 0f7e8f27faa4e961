/** Where the console started by Playwright writes its stdout and stderr during the journeys. */
export const SERVER_LOG = "test-results/server.log";

/**
 * Lines that mean the server met an error nobody handled: our action runner's last resort, Next's
 * `⨯` render and route errors, and unhandled rejections or exceptions. A journey can pass in the
 * browser while the server failed behind it; these lines make the run fail anyway.
 */
export const UNHANDLED_ERROR_PATTERNS: RegExp[] = [
  /\[action\] unexpected error/,
  /⨯/,
  /unhandledRejection|Unhandled Rejection|uncaughtException/i,
  /^\s*(?:Uncaught )?(?:[A-Z][A-Za-z]*)?Error: /,
];

export function unhandledErrorLines(log: string): string[] {
  return log.split("\n").filter((line) => UNHANDLED_ERROR_PATTERNS.some((pattern) => pattern.test(line)));
}
