import { sameOriginPath } from "@/lib/redirects";

/** Kept for existing imports: the callback as a safe same-origin path, or undefined (see lib/redirects.ts). */
export function safeCallbackUrl(value: unknown): string | undefined {
  return sameOriginPath(value);
}
