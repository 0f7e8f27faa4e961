/** What a logo may be; shared by the upload form (checked before sending) and setAccountLogo. */
export const MAX_LOGO_BYTES = 512 * 1024;
export const LOGO_TOO_LARGE = "The image must be 512 KB or smaller.";
export const LOGO_TYPES = "image/png,image/jpeg,image/webp,image/gif";
