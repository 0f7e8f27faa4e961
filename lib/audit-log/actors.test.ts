import { describe, expect, it } from "vitest";
import { actorPhrase, describeActor } from "./actors";

const event = (columns: Partial<Parameters<typeof actorPhrase>[0]>) => ({ actorId: "u1", actorEmail: null, actorChannel: null, actorLabel: null, ...columns });

describe("actorPhrase", () => {
  it.each([
    [{ actorEmail: "ana@example.com", actorChannel: "session" }, "by ana@example.com"],
    [{ actorEmail: "ana@example.com", actorChannel: "api_key", actorLabel: "ci-deploy" }, "by ana@example.com via API key `ci-deploy`"],
    [{ actorId: null, actorChannel: "platform_key", actorLabel: "billing-agent" }, "by the platform (billing-agent)"],
    [{ actorId: null, actorChannel: "job", actorLabel: "the monthly billing run" }, "by the monthly billing run"],
    // Written before channels were recorded: a person with an email, or the console itself.
    [{ actorEmail: "old@example.com" }, "by old@example.com"],
    [{ actorId: null }, "by the console"],
  ])("%j → %s", (columns, phrase) => {
    expect(actorPhrase(event(columns))).toBe(phrase);
  });
});

describe("describeActor", () => {
  it("marks a deleted person (the id is gone, the email stays) whatever the channel", () => {
    expect(describeActor(event({ actorId: null, actorEmail: "gone@example.com", actorChannel: "session" }))).toEqual({ kind: "member", email: "gone@example.com", deleted: true, apiKey: null });
    expect(describeActor(event({ actorId: null, actorEmail: "gone@example.com", actorChannel: "api_key", actorLabel: "k" }))).toMatchObject({ deleted: true, apiKey: "k" });
  });

  it("names the platform and jobs without an email", () => {
    expect(describeActor(event({ actorId: null, actorChannel: "platform_key", actorLabel: "billing-agent" }))).toEqual({ kind: "platform", keyName: "billing-agent" });
    expect(describeActor(event({ actorId: null, actorChannel: "job", actorLabel: "the automatic payment collection" }))).toEqual({ kind: "job", label: "the automatic payment collection" });
  });
});
