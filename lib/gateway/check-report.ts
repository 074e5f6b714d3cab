import { check } from "../i18n/messages/en/check";
import { format } from "../i18n/format";
import type { GatewayCheck } from "./check";
import { keyVerdict, reachableVerdict } from "./check-verdicts";

/** The check as plain English lines, for `npm run check-gateway`; the same sentences the panel shows. */
export const describeCheck = (report: GatewayCheck): string[] => {
  const lines = [`OneToken gateway check: ${report.baseUrl} (${report.mode === "live" ? "live" : "offline demo"})`];
  if (report.mode === "offline") lines.push(`! ${check.offline}`);
  if (!report.reachable.ok) return [...lines, `✗ ${format(check.unreachable, { baseUrl: report.baseUrl })}`];
  lines.push(`✓ ${reachableVerdict(report, check)}`);
  lines.push(`${report.key === "accepted" ? "✓" : report.key === "refused" ? "✗" : "?"} ${keyVerdict(report, check)}`);
  const answering = report.models.filter((probe) => probe.outcome === "answers").length;
  lines.push(`${answering === report.models.length ? "✓" : "!"} ${format(answering === 1 ? check.summary.one : check.summary.other, { count: answering, total: report.models.length })}`, "");
  const width = Math.max(...report.models.map((probe) => probe.model.length));
  for (const probe of report.models) {
    const detail = [probe.status ?? "-", probe.code, probe.requestId].filter(Boolean).join(" ");
    lines.push(`  ${probe.model.padEnd(width)}  ${check.endpoints[probe.endpoint].padEnd(10)}  ${check.outcomes[probe.outcome]} [${detail}]`);
  }
  return [...lines, "", check.cannotCheck, format(check.took, { baseUrl: report.baseUrl, seconds: (report.durationMs / 1000).toFixed(1) })];
};

/** The exit status: 0 when the gateway answers and takes the key, 1 otherwise. */
export const checkExitCode = (report: GatewayCheck): number => (report.reachable.ok && report.key === "accepted" ? 0 : 1);
