import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Playground } from "@/components/playground/playground";
import { sessionFromCookies } from "@/lib/access/gate";
import { getGatewayMode, getPublicGatewayInfo } from "@/lib/gateway/env";

export default async function Page() {
  // Checked here as well as in the proxy: the page itself refuses to render without a session.
  const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
  if (gated && !sessionId) redirect("/sign-in");
  return <Playground offline={getGatewayMode() === "offline"} gated={gated} gateway={getPublicGatewayInfo()} />;
}
