import { CircleAlert } from "lucide-react";
import { useId } from "react";
import type { ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { CheckboxProps } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import type { InputProps } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { SelectProps } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { TextareaProps } from "@/components/ui/textarea";

export type FieldError = string | string[] | null | undefined;

/** First message of a string | string[] error, or undefined. */
export function firstError(error: FieldError): string | undefined {
  const message = Array.isArray(error) ? error[0] : error;
  return message ? message : undefined;
}

export type ControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

type FieldMeta = {
  id: string;
  hintId: string;
  errorId: string;
  error: string | undefined;
  control: ControlProps;
};

function useFieldMeta(name: string, idProp: string | undefined, hint: ReactNode, errorProp: FieldError): FieldMeta {
  const reactId = useId();
  const id = idProp ?? `${name}-${reactId.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = firstError(errorProp);
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return {
    id,
    hintId,
    errorId,
    error,
    control: {
      id,
      name,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy || undefined,
    },
  };
}

function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-muted-foreground">
      {children}
    </p>
  );
}

function FieldErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm font-medium text-danger">
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

type BaseFieldProps = {
  label: string;
  name: string;
  id?: string;
  hint?: ReactNode;
  error?: FieldError;
  required?: boolean;
  className?: string;
};

export type FieldProps = BaseFieldProps & {
  children: (props: ControlProps) => ReactNode;
};

/** Generic field: label + your control (via render prop) + hint + error. */
export function Field({ label, name, id: idProp, hint, error: errorProp, required, className, children }: FieldProps) {
  const { id, hintId, errorId, error, control } = useFieldMeta(name, idProp, hint, errorProp);
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      {children(control)}
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </div>
  );
}

export type TextFieldProps = BaseFieldProps & Omit<InputProps, "name" | "id" | "children">;

export function TextField({ label, name, id, hint, error, required, className, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} required={required} className={className}>
      {(control) => <Input required={required} {...inputProps} {...control} />}
    </Field>
  );
}

export type TextareaFieldProps = BaseFieldProps & Omit<TextareaProps, "name" | "id" | "children">;

export function TextareaField({ label, name, id, hint, error, required, className, ...textareaProps }: TextareaFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} required={required} className={className}>
      {(control) => <Textarea required={required} {...textareaProps} {...control} />}
    </Field>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = BaseFieldProps &
  Omit<SelectProps, "name" | "id" | "children"> & {
    options: SelectOption[];
    /** Adds a first empty option (value "") with this text. */
    placeholder?: string;
  };

export function SelectField({
  label,
  name,
  id,
  hint,
  error,
  required,
  className,
  options,
  placeholder,
  ...selectProps
}: SelectFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} error={error} required={required} className={className}>
      {(control) => (
        <Select required={required} {...selectProps} {...control}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

export type CheckboxFieldProps = BaseFieldProps & Omit<CheckboxProps, "name" | "id" | "children">;

/** Checkbox with the label to its right; hint/error below, aligned with the label. */
export function CheckboxField({ label, name, id: idProp, hint, error: errorProp, required, className, ...checkboxProps }: CheckboxFieldProps) {
  const { id, hintId, errorId, error, control } = useFieldMeta(name, idProp, hint, errorProp);
  return (
    <div className={cn("grid grid-cols-[auto_1fr] gap-x-2.5 gap-y-1", className)}>
      <Checkbox required={required} className="mt-0.5" {...checkboxProps} {...control} />
      <Label htmlFor={id} required={required} className="cursor-pointer">
        {label}
      </Label>
      {hint ? (
        <div className="col-start-2">
          <FieldHint id={hintId}>{hint}</FieldHint>
        </div>
      ) : null}
      {error ? (
        <div className="col-start-2">
          <FieldErrorText id={errorId}>{error}</FieldErrorText>
        </div>
      ) : null}
    </div>
  );
}
