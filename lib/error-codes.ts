/**
 * Every machine code a `PublicError` can carry: one per distinct failure, stable once published
 * (the API returns them as `code` in problem+json and documents this list; screens show only the
 * message). `kind` says what sort of failure it is, and so which HTTP status fits it best.
 * Codes of the API's own making (authentication, validation, idempotency, rate limits) live with
 * the API; these are the domain's.
 */
export type ErrorKind = "invalid" | "forbidden" | "not_found" | "conflict" | "payment" | "rate_limited";

export const errorKindStatus: Record<ErrorKind, number> = {
  invalid: 422,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payment: 402,
  rate_limited: 429,
};

interface ErrorCodeInfo {
  kind: ErrorKind;
  description: string;
}

export const errorCodes = {
  invalid_input: { kind: "invalid", description: "The input does not match the operation's schema; every failing field is listed." },

  // Accounts and organizations
  account_not_found: { kind: "not_found", description: "The account no longer exists (it was deleted meanwhile)." },
  slug_taken: { kind: "conflict", description: "Another account already has this URL (slug)." },
  organization_limit: { kind: "conflict", description: "The person already belongs to as many organizations as the operator allows." },
  personal_space_not_editable: { kind: "invalid", description: "A personal space is changed through its owner's profile, not as an organization." },
  confirmation_mismatch: { kind: "invalid", description: "The name or email typed to confirm a deletion is not the account's." },
  unpaid_invoices: { kind: "conflict", description: "The account has an open or failed invoice: pay it before deleting the account." },
  sole_owner: { kind: "conflict", description: "The person is the only owner of an organization: transfer ownership or delete it first." },
  logo_missing: { kind: "invalid", description: "No image file was sent." },
  logo_too_large: { kind: "invalid", description: "The image is larger than 512 KB." },
  logo_unsupported_type: { kind: "invalid", description: "The image is not a PNG, JPEG, WebP or GIF." },

  // Members, roles and ownership
  member_not_found: { kind: "not_found", description: "The person is not a member of this organization." },
  no_longer_member: { kind: "forbidden", description: "The caller's own membership ended while the request ran." },
  not_owner: { kind: "forbidden", description: "Only an owner may do this (delete the organization, offer or cancel an ownership transfer)." },
  own_role: { kind: "invalid", description: "Nobody changes their own role." },
  owner_only: { kind: "forbidden", description: "Only owners make, unmake or remove owners." },
  member_above_you: { kind: "forbidden", description: "The member's role is above the caller's." },
  role_not_grantable: { kind: "forbidden", description: "The role is above what the caller may grant (owner is transferred, never invited)." },
  remove_self: { kind: "invalid", description: "A member leaves the organization rather than removing themselves." },
  last_owner: { kind: "conflict", description: "The organization would be left without an owner." },
  already_owner: { kind: "conflict", description: "The member (or the caller) already is an owner." },
  transfer_pending: { kind: "conflict", description: "An ownership transfer is already pending: cancel it first." },
  transfer_not_pending: { kind: "conflict", description: "The ownership transfer was already answered or cancelled." },
  not_transfer_recipient: { kind: "forbidden", description: "Only the member an ownership transfer was offered to may answer it." },
  transfer_lapsed: { kind: "conflict", description: "The ownership offer no longer stands: its sender is not an owner any more." },

  // Invitations (per-address outcomes of an invitation batch use the codes marked "per address")
  invitation_not_found: { kind: "not_found", description: "No such invitation in this organization (or the link is not valid)." },
  invitation_not_pending: { kind: "conflict", description: "The invitation was already accepted, declined, revoked or dismissed." },
  invitation_expired: { kind: "conflict", description: "The invitation has expired (per address: already invited, but expired; resend it)." },
  invitation_not_expired: { kind: "conflict", description: "Only an expired invitation can be dismissed; revoke a pending one." },
  invitation_wrong_recipient: { kind: "forbidden", description: "The invitation was sent to another email address than the caller's." },
  inviter_cannot_grant: { kind: "conflict", description: "The invitation's sender may no longer invite for its role; it was revoked." },
  invitation_limit: { kind: "rate_limited", description: "The organization sent too many invitations in the last hour." },
  invitation_resend_limit: { kind: "rate_limited", description: "This invitation was resent too often in the last hour." },
  mailbox_limit: { kind: "rate_limited", description: "The address received too many invitations lately, across organizations (per address)." },
  invalid_email: { kind: "invalid", description: "Per address: not a valid email address." },
  duplicate_email: { kind: "invalid", description: "Per address: the address appears more than once in the batch." },
  already_member: { kind: "conflict", description: "Per address: already a member of the organization." },
  already_invited: { kind: "conflict", description: "Per address: already invited and pending; resend the invitation instead." },

  // Billing, payments and invoices
  payment_method_not_found: { kind: "not_found", description: "No such card in this account." },
  payment_method_limit: { kind: "conflict", description: "The account already keeps the maximum number of cards." },
  payment_method_other_provider: { kind: "conflict", description: "The card was saved with another payment provider; add it again." },
  card_rejected: { kind: "invalid", description: "The payment provider refused to save the card." },
  payment_failed: { kind: "payment", description: "The charge was declined or could not be processed." },
  invoice_not_found: { kind: "not_found", description: "No such invoice in this account." },
  invoice_already_paid: { kind: "conflict", description: "The invoice is already paid." },
  invoice_not_payable: { kind: "conflict", description: "Only an invoice whose payment failed can be paid now." },
  invoice_payment_in_progress: { kind: "conflict", description: "A payment of the invoice is already under way." },

  // Coupons
  coupon_code_missing: { kind: "invalid", description: "No code was entered." },
  coupon_not_found: { kind: "invalid", description: "No coupon has this code." },
  coupon_expired: { kind: "invalid", description: "The coupon has expired." },
  coupon_used_up: { kind: "conflict", description: "The coupon reached its maximum number of redemptions." },
  coupon_already_redeemed: { kind: "conflict", description: "This account already redeemed the coupon." },
  coupon_used_elsewhere: { kind: "conflict", description: "The person already redeemed this once-per-person coupon for another account." },
  coupon_wrong_currency: { kind: "invalid", description: "The coupon's credit is in another currency than the account's." },
  coupon_rate_limited: { kind: "rate_limited", description: "Too many codes that did not work were tried lately." },
  coupon_invalid: { kind: "invalid", description: "The coupon to create is malformed (operator command)." },
  coupon_code_taken: { kind: "conflict", description: "A coupon with this code already exists (operator command)." },

  // Usage
  unknown_metric: { kind: "invalid", description: "The metric is not in the console's catalog." },
  invalid_quantity: { kind: "invalid", description: "The quantity is not a positive decimal the console can store." },
  invalid_time: { kind: "invalid", description: "The time of the usage is not a valid date." },
  time_in_future: { kind: "invalid", description: "Per record: the time is more than 5 minutes ahead of the console's clock." },
  period_closed: { kind: "conflict", description: "Per record: the month is already invoiced for the account; invoices never change, so late usage is refused." },
  invalid_idempotency_key: { kind: "invalid", description: "Per record: the idempotency key is not 1 to 200 characters without control characters." },
  duplicate_in_batch: { kind: "invalid", description: "Per record: another record of the batch has the same idempotency key with different content." },
  invalid_record: { kind: "invalid", description: "Per record: the record is not an object." },
  usage_batch_invalid: { kind: "invalid", description: "The usage batch was refused as a whole (its errors name each failing record); nothing was written." },
  usage_query_invalid: { kind: "invalid", description: "The usage aggregates query is malformed (granularity, metric, from or to)." },

  // API keys and platform keys
  api_key_expiry_not_allowed: { kind: "invalid", description: "The expiry is not one the console allows (30, 90 or 365 days or never, under the operator's cap)." },
  api_key_name_taken: { kind: "conflict", description: "The member already has a live key with this name in this account; revoke it to reuse the name." },
  api_key_not_found: { kind: "not_found", description: "No such key in this account (or it is another member's, which the caller may not see)." },
  api_key_already_revoked: { kind: "conflict", description: "The key is already revoked." },
  platform_key_name_taken: { kind: "conflict", description: "A live platform key already has this name (operator command)." },
  platform_key_not_found: { kind: "not_found", description: "No live platform key has this name (operator command)." },
  operator_only: { kind: "forbidden", description: "Platform keys are managed by an operator command only." },

  // People: sign-up, confirmation, passwords, re-authentication
  verification_link_invalid: { kind: "invalid", description: "The confirmation link is invalid, already used or expired." },
  verification_rate_limited: { kind: "rate_limited", description: "Too many wrong passwords for this confirmation link in the last hour." },
  reset_link_invalid: { kind: "invalid", description: "The password reset link is invalid or has expired." },
  reset_rate_limited: { kind: "rate_limited", description: "Too many password reset requests from this network." },
  sign_up_rate_limited: { kind: "rate_limited", description: "Too many sign-ups from this network in the last hour." },
  weak_password: { kind: "invalid", description: "The new password is too easy to guess." },
  wrong_password: { kind: "invalid", description: "The password given is not the account's." },
  reauthentication_required: { kind: "invalid", description: "The action needs the password (no recent sign-in in this session)." },
  reauthentication_rate_limited: { kind: "rate_limited", description: "Too many password confirmations failed in this session." },
  session_required: { kind: "forbidden", description: "The action needs a person signed in to the console with a password; an API key cannot." },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeNames = Object.keys(errorCodes) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCodes, value);
}

/** The HTTP status that fits a code best (the API may still choose another for its context). */
export function errorStatus(code: ErrorCode): number {
  return errorKindStatus[errorCodes[code].kind];
}
