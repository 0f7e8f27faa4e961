import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((value) => value.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

/** A password typed to confirm an irreversible action; empty means "I signed in a moment ago" (the server decides). */
export const optionalPasswordSchema = z
  .string()
  .max(200, "Use at most 200 characters.")
  .optional()
  .transform((value) => value || undefined);

export const nameSchema = z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters.");

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token: z.string().min(1).max(200), password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

/** Wire and form alike: the person's own name. */
export const profileBody = z.object({ name: nameSchema });

export const changePasswordSchema = z
  .object({ currentPassword: optionalPasswordSchema, password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });

export const deleteUserSchema = z.object({ confirmEmail: z.string().trim().toLowerCase(), password: optionalPasswordSchema });

export const verifyEmailSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1, "Enter the password you chose when you signed up.").max(200),
});
