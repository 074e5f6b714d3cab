import { connection } from "next/server";
import { Playground } from "@/components/playground/playground";
import { getGatewayMode } from "@/lib/gateway/env";

export default async function Page() {
  // The mode comes from the server's environment at request time, not from the build.
  await connection();
  return <Playground offline={getGatewayMode() === "offline"} />;
}
