import { describe, expect, it } from "vitest";
import { actionLabel } from "./action-labels";

describe("actionLabel", () => {
  it.each([
    ["user.signed_in", "Signed in"],
    ["organization.updated", "Organization updated"],
    ["member.role_changed", "Member role changed"],
    ["invitation.created", "Invitation created"],
    ["api_key.created", "API key created"],
    ["api_key.rejected", "Revoked or expired API key refused"],
  ])("%s → %s", (action, label) => {
    expect(actionLabel(action)).toBe(label);
  });
});
