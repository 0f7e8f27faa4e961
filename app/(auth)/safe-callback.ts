/** Only same-site paths: an open redirect would let a phishing link bounce through our sign-in. */
export function safeCallbackUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  return value.slice(0, 500);
}
