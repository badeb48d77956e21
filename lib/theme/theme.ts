// Theme preference: "light" or "dark" chosen by the user, or absent to follow the device
// (prefers-color-scheme). Kept in a cookie so the server renders the right class: no flash.
export const THEME_COOKIE = "m2g-theme";
export type ThemeChoice = "light" | "dark" | "system";

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The class on <html>: explicit choices only; "system" leaves it to the CSS media query. */
export function themeClass(theme: ThemeChoice): string | undefined {
  return theme === "system" ? undefined : theme;
}

/** Browser side: remember the choice for a year (or forget it for "system") and apply it now. */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  if (theme !== "system") root.classList.add(theme);
  document.cookie =
    theme === "system"
      ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
      : `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Browser side: the theme actually showing now. */
export function effectiveTheme(): "light" | "dark" {
  const root = document.documentElement;
  if (root.classList.contains("dark")) return "dark";
  if (root.classList.contains("light")) return "light";
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
