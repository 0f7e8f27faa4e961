import type { Config } from "@/lib/config";

/**
 * HSTS, only where it is true: a production console served over https. Never on a development
 * machine, where pinning https on localhost would break every other local server.
 */
export function strictTransportSecurity(settings: Pick<Config, "APP_ENV" | "APP_URL">): string | null {
  return settings.APP_ENV === "production" && settings.APP_URL.startsWith("https:") ? "max-age=63072000; includeSubDomains" : null;
}
