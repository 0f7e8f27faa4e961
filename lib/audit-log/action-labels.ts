const labels: Record<string, string> = {
  "user.signed_in": "Signed in",
  "user.signed_up": "Signed up",
  "user.signed_out": "Signed out",
  "user.signed_out_everywhere": "Signed out everywhere",
  "user.session_revoked": "Signed out a session",
  "user.email_verified": "Email verified",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset",
  "user.profile_updated": "Profile updated",
  "account.logo_updated": "Logo updated",
  "account.logo_removed": "Logo removed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.rejected": "Revoked or expired API key refused",
  "platform_key.created": "Platform key created",
  "platform_key.revoked": "Platform key revoked",
  "usage.reported": "Usage reported",
};

/** "member.role_changed" → "Member role changed", unless a better label is known. */
export function actionLabel(action: string): string {
  const known = labels[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : action;
}
