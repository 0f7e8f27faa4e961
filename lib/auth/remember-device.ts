import "server-only";
import { cookies } from "next/headers";
import { KNOWN_DEVICE_COOKIE, knownDeviceCookieOptions, withKnownDevice } from "./known-device";

/** Called by the actions that sign someone in, once the sign-in succeeded. */
export async function rememberDevice(email: string) {
  const jar = await cookies();
  const value = withKnownDevice(jar.get(KNOWN_DEVICE_COOKIE)?.value, email);
  if (value) jar.set(KNOWN_DEVICE_COOKIE, value, knownDeviceCookieOptions());
}
