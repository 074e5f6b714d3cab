import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locale";

/** This request's interface language: the remembered choice, else the browser's. */
export const requestLocale = async (): Promise<Locale> =>
  pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));

/** The same from a request itself, for a route handler's answer in the interface's language. */
export const localeOfRequest = (request: Request): Locale => {
  const cookie = (request.headers.get("cookie") ?? "").split(/;\s*/).find((pair) => pair.startsWith(`${LOCALE_COOKIE}=`));
  return pickLocale(cookie?.slice(LOCALE_COOKIE.length + 1), request.headers.get("accept-language"));
};
