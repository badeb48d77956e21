import { passwordResetOp } from "@/lib/accounts/contract";
import { requestPasswordReset } from "@/lib/accounts/recovery";
import { handle, routes } from "@/lib/http/handler";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale } from "@/lib/i18n/config";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(passwordResetOp, async ({ body, req }) => {
    // The mail goes out in the account's saved language, else the one this request was made in.
    const chosen = req.cookies.get(LOCALE_COOKIE)?.value;
    const locale = isLocale(chosen) ? chosen : (negotiateLocale(req.headers.get("accept-language")) ?? DEFAULT_LOCALE);
    await requestPasswordReset(body, locale);
    return {};
  }),
});
