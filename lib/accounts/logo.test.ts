import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/can";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { detectImageType, readAccountLogo, removeAccountLogo, setAccountLogo } from "./logo";

const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d1a30000000049454e44ae426082", "hex");

describe("detectImageType", () => {
  it("reads the type from the bytes", () => {
    expect(detectImageType(png)).toBe("image/png");
    expect(detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(detectImageType(Buffer.from("GIF89a......"))).toBe("image/gif");
    expect(detectImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
  });
});

describe("account logo", () => {
  it("an admin sets and removes it; a member may not", async () => {
    const admin = await createUser();
    const member = await createUser();
    const organization = await createOrganizationWith({ admin, member });
    const adminCtx = await contextFor(admin, organization.slug);
    await setAccountLogo(adminCtx, new File([png], "logo.png", { type: "image/png" }));
    expect((await readAccountLogo(adminCtx))?.contentType).toBe("image/png");
    const memberCtx = await contextFor(member, organization.slug);
    await expect(removeAccountLogo(memberCtx)).rejects.toBeInstanceOf(ForbiddenError);
    await removeAccountLogo(adminCtx);
    expect(await readAccountLogo(adminCtx)).toBeUndefined();
  });

  it("refuses files that are not images or too large, whatever their name says", async () => {
    const owner = await createUser();
    const ctx = await contextFor(owner, (await createOrganizationWith({ owner })).slug);
    await expect(setAccountLogo(ctx, new File(["<svg/>"], "logo.png", { type: "image/png" }))).rejects.toMatchObject({ fieldErrors: { logo: [expect.stringMatching(/PNG, JPEG/)] } });
    const big = Buffer.concat([png, Buffer.alloc(600 * 1024)]);
    await expect(setAccountLogo(ctx, new File([big], "big.png"))).rejects.toMatchObject({ fieldErrors: { logo: [expect.stringMatching(/512 KB/)] } });
    expect(await readAccountLogo(ctx)).toBeUndefined();
  });
});
