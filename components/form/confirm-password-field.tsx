import { TextField } from "./field";

interface ConfirmPasswordFieldProps {
  error?: string;
  /** This session entered the password a few minutes ago: the server accepts an empty field. Only changes the hint. */
  recentlyAuthenticated?: boolean;
  name?: string;
  label?: string;
}

/** The password asked before an irreversible action; the server (`assertReauthenticated`) decides whether it is needed. */
export function ConfirmPasswordField({ error, recentlyAuthenticated = false, name = "password", label = "Your password" }: ConfirmPasswordFieldProps) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="current-password"
      hint={recentlyAuthenticated ? "You signed in a few minutes ago, so you may leave it empty." : "To confirm it's you."}
      error={error}
    />
  );
}
