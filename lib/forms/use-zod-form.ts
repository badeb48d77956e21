"use client";

import { useCallback, useRef, useState, type ChangeEvent } from "react";
import type { z } from "zod";
import { useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/translate";
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from "./messages";

type Values = Record<string, string>;

interface Options<V extends Values, S extends z.ZodType> {
  initial: V;
  /** The API's own schema (lib/<domain>/schemas.ts): the form checks exactly what the server will. */
  schema: S;
  /** Form strings -> the schema's input (e.g. drop empty optional fields). Defaults to the values. */
  toInput?: (values: V) => unknown;
  /** Form-only rules the API does not have (e.g. "confirm password"). */
  extra?: (values: V, t: Translate) => FieldErrors;
}

/**
 * Form state validated inline with a zod schema: a field shows its error once it was left with
 * a value in it, or after a submit, and clears as soon as it is fixed. Messages are localized.
 */
export function useZodForm<V extends Values, S extends z.ZodType>({ initial, schema, toInput, extra }: Options<V, S>) {
  const t = useT();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const valuesRef = useRef(values);
  valuesRef.current = values;

  const check = useCallback(
    (vals: V): { data: z.output<S> | undefined; errors: FieldErrors } => {
      const result = schema.safeParse(toInput ? toInput(vals) : vals);
      const found = result.success ? {} : zodFieldErrors(result.error, t);
      const more = extra?.(vals, t) ?? {};
      for (const [k, v] of Object.entries(more)) found[k] ??= v;
      // An empty field is simply missing, whatever rule its schema would quote.
      for (const k of Object.keys(found)) if (k in vals && !vals[k]!.trim()) found[k] = t("validation.required");
      const ok = result.success && Object.keys(found).length === 0;
      return { data: ok ? (result.data as z.output<S>) : undefined, errors: found };
    },
    [schema, toInput, extra, t],
  );

  const setValue = useCallback(
    (name: keyof V & string, value: string) => {
      const next = { ...valuesRef.current, [name]: value };
      valuesRef.current = next;
      setValues(next);
      setErrors((shown) => {
        if (!(name in shown)) return shown;
        const fresh = check(next).errors;
        const copy = { ...shown };
        if (fresh[name]) copy[name] = fresh[name]!;
        else delete copy[name];
        return copy;
      });
    },
    [check],
  );

  const onBlur = useCallback(
    (name: keyof V & string) => {
      if (!valuesRef.current[name]) return; // an empty field left alone is not an error yet
      const fresh = check(valuesRef.current).errors;
      setErrors((shown) => {
        const copy = { ...shown };
        if (fresh[name]) copy[name] = fresh[name]!;
        else delete copy[name];
        return copy;
      });
    },
    [check],
  );

  /** Shows every error; returns the parsed body when the form is valid. */
  const validate = useCallback((): z.output<S> | null => {
    const { data, errors: found } = check(valuesRef.current);
    setErrors(found);
    return data === undefined ? null : data;
  }, [check]);

  /** The server's per-field `details` (400/409 answers), shown under their fields. */
  const setServerErrors = useCallback(
    (details: Record<string, string[]> | undefined) => setErrors((shown) => ({ ...shown, ...serverFieldErrors(details, t) })),
    [t],
  );

  const reset = useCallback((next: V) => {
    valuesRef.current = next;
    setValues(next);
    setErrors({});
  }, []);

  /** Props for an <Input>/<Textarea>/<Select>: `<Input {...form.field("email")} />`. */
  const field = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setValue(name, e.target.value),
    onBlur: () => onBlur(name),
  });

  return { values, errors, setValue, setErrors, setServerErrors, validate, reset, field };
}
