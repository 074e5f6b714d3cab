import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { unlessUnreached } from "@/components/database-unreached";
import { Playground } from "@/components/playground/playground";
import { sessionFromCookies } from "@/lib/access/gate";
import { signInPath } from "@/lib/access/next-path";
import { getGatewayMode, getPublicGatewayInfo } from "@/lib/gateway/env";
import { readUsage } from "@/lib/history/usage";
import { getPrices } from "@/lib/pricing/env";
import { pagePrices } from "@/lib/pricing/money-style";
import type { ShareEntry } from "@/lib/store/types";

/** "?open=comparison:<id>": a share page's "Open in playground". */
const parseOpen = (value: string | string[] | undefined): ShareEntry | null => {
  const match = typeof value === "string" ? /^(generation|comparison):([\w-]{1,100})$/.exec(value) : null;
  return match ? { kind: match[1] as ShareEntry["kind"], id: match[2] ?? "" } : null;
};

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const open = parseOpen((await searchParams).open);
  const path = open ? `/?open=${open.kind}:${open.id}` : "/";
  return unlessUnreached(path, async () => {
    // Checked here as well as in the proxy: the page itself refuses to render without a session.
    const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
    if (gated && !sessionId) redirect(signInPath(path));
    // Today's count is in the first paint, so the header is its final width before any script runs (no shift).
    const usage = await readUsage().catch(() => null);
    return <Playground offline={getGatewayMode() === "offline"} gated={gated} gateway={getPublicGatewayInfo()} prices={pagePrices(getPrices())} usage={usage} open={open} />;
  });
}
