import type { check as englishCheck } from "../i18n/messages/en/check";
import { format } from "../i18n/format";
import type { GatewayCheck } from "./check";

type CheckText = typeof englishCheck;

/**
 * What the check says of the address and the key, in the panel and on the command line alike. The offline
 * demo checks the built-in simulator with a stand-in key of its own: saying the API key was accepted would
 * read as a live gateway to whoever watches the demo.
 */
export const reachableVerdict = (report: GatewayCheck, t: CheckText): string => format(report.mode === "offline" ? t.simulatorReachable : t.reachable, { status: report.reachable.status ?? "" });

export const keyVerdict = (report: GatewayCheck, t: CheckText): string => (report.mode === "offline" && report.key === "accepted" ? t.key.simulated : t.key[report.key]);
