import { config } from "@/lib/config";

/** Where Auth.js lives: APP_URL's origin, never the Host header of a request. */
export function authUrl(appUrl = config().APP_URL): string {
  return `${appUrl}/api/auth`;
}

/**
 * Auth.js (next-auth's reqWithEnvURL and @auth/core's createActionURL) builds its URLs from
 * AUTH_URL when set, ignoring Host and X-Forwarded-Host. The console's server sets it from APP_URL
 * before Next.js starts; `trustHost` is true only then.
 */
export function authUrlIsPinned(): boolean {
  return process.env.AUTH_URL === authUrl();
}
