import { createContext } from "react";
import type { GatewayInfo } from "@/lib/generation/as-code";

/** The gateway's public address and request style, for "copy as code" (set once by the page). */
export const GatewayInfoContext = createContext<GatewayInfo>({ baseUrl: "https://api.onetoken.one", requestStyle: "native" });
