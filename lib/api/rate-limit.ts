import "server-only";
import type { MiddlewareHandler } from "hono";
import { config } from "@/lib/config";
import type { ApiEnv } from "./env";
import { ApiProblem } from "./problem";

/**
 * A per-credential request limit: a fixed one-minute window per key, counted in this instance's
 * memory. A key check may add at most one indexed query to a request, and that query is the key
 * lookup itself, so the count is not kept in PostgreSQL: with N app instances behind a balancer a
 * key gets up to N times the limit. (Failed keys are counted per address in PostgreSQL instead,
 * lib/authz/api-key-context.ts: they cost no valid caller anything.)
 *
 * Every answer to a known key carries `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds until the window ends); past the limit, 429 `rate_limited` with
 * `Retry-After`.
 */
export const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
}

export class CredentialWindows {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request; what the caller has left in the current window. */
  hit(credentialId: string, limit: number): { allowed: boolean; limit: number; remaining: number; resetSeconds: number } {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(credentialId);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(credentialId, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetSeconds };
  }

  /** Forgets windows that ended, at most once a window, so memory follows the keys in use. */
  private sweep(now: number) {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [id, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(id);
  }

  reset() {
    this.windows.clear();
  }
}

const globalWindows = globalThis as unknown as { consoleApiWindows?: CredentialWindows };
export const credentialWindows = (globalWindows.consoleApiWindows ??= new CredentialWindows());

export function limitFor(kind: "member" | "platform"): number {
  const settings = config();
  return kind === "platform" ? settings.API_PLATFORM_RATE_LIMIT_PER_MINUTE : settings.API_RATE_LIMIT_PER_MINUTE;
}

export const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const credential = c.get("credential");
  if (!credential) return next();
  const state = credentialWindows.hit(credential.key.id, limitFor(credential.kind));
  const headers = {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
  if (!state.allowed) {
    throw new ApiProblem(429, "rate_limited", `This key made more than ${state.limit} requests this minute. Wait ${state.resetSeconds} seconds.`, {
      headers: { ...headers, "Retry-After": String(state.resetSeconds) },
    });
  }
  await next();
  for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
};
