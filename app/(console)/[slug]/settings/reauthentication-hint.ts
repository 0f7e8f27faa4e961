/** The hint under a re-authentication password field; `minutes` comes from lib/auth/reauthentication.ts (server). */
export function reauthenticationHint(minutes: number) {
  return `To confirm it is you. Not needed if you signed in less than ${minutes} minutes ago.`;
}
