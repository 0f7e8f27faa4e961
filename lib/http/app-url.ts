import { config } from "@/lib/config";

/** An absolute URL on the console: always APP_URL's origin, never a request's Host or X-Forwarded-Host. */
export function appUrl(path: string): URL {
  return new URL(path, config().APP_URL);
}
