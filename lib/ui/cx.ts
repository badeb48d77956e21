import { clsx, type ClassValue } from "clsx";
import { extendTailwindMerge } from "tailwind-merge";

// The app's own theme keys (app/globals.css @theme) that tailwind-merge cannot guess: without
// them `shadow-card` would read as a shadow colour and not replace `shadow-sm`.
const merge = extendTailwindMerge({ extend: { theme: { shadow: ["card", "pop"] } } });

/**
 * Joins class names, skipping falsy ones: cx("a", cond && "b"). A later Tailwind class wins over
 * an earlier one of the same utility, so a component's `className` overrides its defaults.
 */
export function cx(...parts: ClassValue[]): string {
  return merge(clsx(parts));
}
