"use client";

import {
  createContext,
  forwardRef,
  useContext,
  useId,
  useState,
  type InputHTMLAttributes,
  type LabelHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { Icon } from "./Icon";

interface FieldContextValue {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}

const FieldContext = createContext<FieldContextValue | null>(null);

interface FieldProps {
  label: ReactNode;
  /** Help shown under the control while there is no error. */
  hint?: ReactNode;
  /** The field's error (already localized); marks the control invalid and is announced. */
  error?: string;
  /** Adds "Optional" next to the label (required is the norm in our forms). */
  optional?: boolean;
  /** Extra content on the label's line, e.g. a character counter. */
  aside?: ReactNode;
  id?: string;
  className?: string;
  children: ReactNode;
}

/**
 * Label + control + hint or inline error, wired for assistive tech (for/id, aria-describedby,
 * aria-invalid). Put one Input, Textarea, Select or PasswordInput inside.
 */
export function Field({ label, hint, error, optional = false, aside, id, className, children }: FieldProps) {
  const t = useT();
  const autoId = useId();
  const controlId = id ?? `f${autoId.replace(/:/g, "")}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <FieldContext.Provider value={{ id: controlId, describedBy, invalid: !!error, required: !optional }}>
      <div className={cx("flex flex-col gap-1.5", className)}>
        <div className="flex items-baseline justify-between gap-3">
          <Label htmlFor={controlId}>
            {label}
            {optional ? <span className="ml-1.5 font-normal text-fg-subtle">({t("common.optional")})</span> : null}
          </Label>
          {aside ? <span className="text-xs text-fg-subtle tabular-nums">{aside}</span> : null}
        </div>
        {children}
        {error ? (
          <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger-text" role="alert">
            <Icon name="alert" size={16} className="mt-0.5" />
            <span>{error}</span>
          </p>
        ) : hint ? (
          <p id={hintId} className="text-sm text-fg-subtle">
            {hint}
          </p>
        ) : null}
      </div>
    </FieldContext.Provider>
  );
}

/** A form label; inside a Field it is wired automatically. */
export function Label({ className, ...rest }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cx("text-sm font-medium text-fg", className)} {...rest} />;
}

const CONTROL =
  "w-full rounded-lg border bg-surface text-fg placeholder:text-fg-subtle shadow-xs transition-colors " +
  "focus:outline-none focus-visible:outline-none focus:ring-3 " +
  "disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-fg-muted";
// Selects match :read-only in browsers, so only text controls get the read-only look.
const TEXT_READONLY = "read-only:bg-surface-2 read-only:text-fg-muted";

function useFieldProps(props: { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean | string; required?: boolean }) {
  const ctx = useContext(FieldContext);
  const invalid = props["aria-invalid"] === true || props["aria-invalid"] === "true" || !!ctx?.invalid;
  return {
    id: props.id ?? ctx?.id,
    "aria-describedby": props["aria-describedby"] ?? ctx?.describedBy,
    "aria-invalid": invalid || undefined,
    "aria-required": props.required === undefined ? (ctx?.required ? true : undefined) : undefined,
    stateClass: invalid
      ? "border-danger focus:ring-danger/25"
      : "border-border-strong hover:border-fg-subtle focus:border-ring focus:ring-ring/25",
  };
}

/** Single-line text input (44px tall on phones). */
export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...rest }, ref) {
  const { stateClass, ...aria } = useFieldProps(rest);
  return (
    <input
      ref={ref}
      className={cx(CONTROL, TEXT_READONLY, "h-11 px-3 text-base sm:h-10 sm:text-sm", stateClass, className)}
      {...rest}
      {...aria}
    />
  );
});

/** A password input with a show/hide button. */
export const PasswordInput = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "type">>(function PasswordInput(
  { className, ...rest },
  ref,
) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input
        ref={ref}
        type={visible ? "text" : "password"}
        className={cx("pr-12", className)}
        spellCheck={false}
        autoCapitalize="none"
        {...rest}
      />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        className="absolute inset-y-0 right-0 grid w-11 place-items-center rounded-r-lg text-fg-subtle hover:text-fg"
        aria-label={visible ? t("common.hidePassword") : t("common.showPassword")}
        aria-pressed={visible}
      >
        <Icon name={visible ? "eyeOff" : "eye"} size={18} />
      </button>
    </div>
  );
});

/** Multi-line text input. */
export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, rows = 4, ...rest },
  ref,
) {
  const { stateClass, ...aria } = useFieldProps(rest);
  return (
    <textarea
      ref={ref}
      rows={rows}
      className={cx(CONTROL, TEXT_READONLY, "min-h-24 px-3 py-2.5 text-base leading-relaxed sm:text-sm", stateClass, className)}
      {...rest}
      {...aria}
    />
  );
});

/** Native select, styled like the inputs (keeps the platform's accessible picker on phones). */
export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, children, ...rest },
  ref,
) {
  const { stateClass, ...aria } = useFieldProps(rest);
  return (
    <div className="relative">
      <select
        ref={ref}
        className={cx(CONTROL, "h-11 appearance-none pr-10 pl-3 text-base sm:h-10 sm:text-sm", stateClass, className)}
        {...rest}
        {...aria}
      >
        {children}
      </select>
      <Icon name="chevronDown" size={18} className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-fg-subtle" />
    </div>
  );
});

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
}

interface RadioCardsProps<V extends string> {
  name: string;
  legend: ReactNode;
  options: RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  error?: string;
  columns?: 1 | 2 | 3;
  className?: string;
}

/** A choice between a few options shown as selectable cards (native radios inside). */
export function RadioCards<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  columns = 2,
  className,
}: RadioCardsProps<V>) {
  const groupId = useId();
  return (
    <fieldset className={cx("flex flex-col gap-1.5", className)} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-fg">{legend}</legend>
      <div className={cx("grid gap-2", columns === 2 && "sm:grid-cols-2", columns === 3 && "sm:grid-cols-3")}>
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <label
              key={option.value}
              className={cx(
                "relative flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border p-3 transition-colors",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                checked ? "border-accent bg-accent-soft/60" : "border-border-strong bg-surface hover:bg-surface-2",
              )}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={checked}
                onChange={() => onChange(option.value)}
                className="mt-0.5 size-4 shrink-0 accent-accent focus-visible:outline-none"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-fg">{option.label}</span>
                {option.description ? <span className="mt-0.5 block text-sm text-fg-muted">{option.description}</span> : null}
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={`${groupId}-error`} className="text-sm text-danger-text" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A form-level message (e.g. wrong credentials), announced when it appears. */
export function FormAlert({ tone = "danger", children }: { tone?: "danger" | "info" | "success"; children: ReactNode }) {
  const styles = {
    danger: "border-danger/30 bg-danger-soft text-danger-soft-fg",
    info: "border-accent/25 bg-accent-soft text-accent-soft-fg",
    success: "border-success/30 bg-success-soft text-success-soft-fg",
  }[tone];
  const icon = tone === "danger" ? "alert" : tone === "success" ? "checkCircle" : "info";
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cx("flex items-start gap-2.5 rounded-lg border px-3.5 py-3 text-sm", styles)}
    >
      <Icon name={icon} size={18} className="mt-px" />
      <div>{children}</div>
    </div>
  );
}
