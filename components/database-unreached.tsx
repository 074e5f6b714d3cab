import "server-only";
import type { ReactNode } from "react";
import { logUnreached } from "@/lib/http/responses";
import { MESSAGES } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translateRuleMessage } from "@/lib/i18n/rule-messages";
import { DATABASE_UNREACHED, neverReachedDatabase } from "@/lib/store/unreachable";
import { PageNotice } from "./ui/page-notice";

/**
 * What a page shows when its server could not reach the database for it (a restart, a failover): the API's
 * own sentence, and a link that loads the same address again. No script: nothing on it can work until the
 * database is back. Not reloaded by itself, so a screen reader is not interrupted while it reads.
 */
async function DatabaseUnreached({ again }: { again: string }) {
  const messages = MESSAGES[await requestLocale()];
  const t = messages.common.unreached;
  return <PageNotice title={t.title} body={translateRuleMessage(DATABASE_UNREACHED, messages.rules)} href={again} action={t.retry} />;
}

/**
 * Renders a page, or the note above when the database could not be reached for it; `again` is the page's own
 * address. Anything else thrown (a redirect, a not-found, a real fault) goes on as it came.
 */
export const unlessUnreached = async (again: string, render: () => Promise<ReactNode>): Promise<ReactNode> => {
  try {
    return await render();
  } catch (error) {
    if (!neverReachedDatabase(error)) throw error;
    // Not the address: a poll's holds the secret that lets anyone with it vote.
    logUnreached("a page", error);
    return <DatabaseUnreached again={again} />;
  }
};
