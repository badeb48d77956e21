import "server-only";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE, type ThemeChoice } from "./theme";

export async function getTheme(): Promise<ThemeChoice> {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}
