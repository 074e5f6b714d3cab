import { useEffect, useRef } from "react";
import { keyVerdict, reachableVerdict } from "@/lib/gateway/check-verdicts";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { useCheckConnection } from "@/lib/api/gateway-check";
import type { GatewayCheck } from "@/lib/gateway/check";
import { format, plural } from "@/lib/i18n/format";
import { modelName } from "@/lib/models/model-name";

/** "Check connection": runs the check when opened, and says plainly what each answer means. */
export function ConnectionCheck({ onClose }: { onClose: () => void }) {
  const { check: t, common } = useMessages();
  const { working } = common;
  const ruleText = useRuleText();
  const check = useCheckConnection();
  const { mutate } = check;
  // Once per opening, even where React runs effects twice (development's strict mode): each run costs probes.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);
  return (
    <DialogFrame
      label={t.dialog}
      heading={t.heading}
      closeLabel={t.close}
      onClose={onClose}
      actions={
        <Button onClick={() => check.mutate()} disabled={check.isPending} reason={working}>
          {check.isPending ? t.running : t.run}
        </Button>
      }
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">{t.intro}</p>
      {/* The live text is the verdicts, a few sentences: the report's table, fifteen rows, is read when the reader
          goes to it, not in one go. */}
      <div aria-live="polite" className="space-y-4">
        {check.isPending && <p className="text-sm">{t.running}</p>}
        {check.data && !check.isPending && <Verdicts report={check.data} />}
      </div>
      <div className="space-y-4">
        {check.error && !check.isPending && (
          <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
            {format(t.error, { error: ruleText(check.error.message) })}
          </p>
        )}
        {check.data && !check.isPending && <Report report={check.data} />}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t.cannotCheck}</p>
    </DialogFrame>
  );
}

const VERDICT_CLASSES = {
  good: "border-emerald-300 dark:border-emerald-700 bg-emerald-50 dark:bg-emerald-950/40 text-emerald-900 dark:text-emerald-100",
  bad: "border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200",
  unsure: "border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 text-amber-900 dark:text-amber-100",
} as const;

function Verdict({ tone, children }: { tone: keyof typeof VERDICT_CLASSES; children: React.ReactNode }) {
  return <li className={`rounded-md border px-3 py-2 text-sm ${VERDICT_CLASSES[tone]}`}>{children}</li>;
}

/** Whether the gateway answers, takes the key, and how many models answer. */
function Verdicts({ report }: { report: GatewayCheck }) {
  const t = useMessages().check;
  const locale = useLocale();
  const answering = report.models.filter((probe) => probe.outcome === "answers").length;
  return (
    <ul className="space-y-2">
      {report.reachable.ok ? (
        <Verdict tone="good">{reachableVerdict(report, t)}</Verdict>
      ) : (
        <Verdict tone="bad">{format(t.unreachable, { baseUrl: report.baseUrl })}</Verdict>
      )}
      {report.reachable.ok && <Verdict tone={report.key === "accepted" ? "good" : report.key === "refused" ? "bad" : "unsure"}>{keyVerdict(report, t)}</Verdict>}
      {report.models.length > 0 && (
        <Verdict tone={answering === report.models.length ? "good" : answering > 0 ? "unsure" : "bad"}>
          {plural(locale, t.summary, answering, { total: report.models.length })}
        </Verdict>
      )}
    </ul>
  );
}

/** What the verdicts rest on: where it was checked, each model's answer, and how long it took. */
function Report({ report }: { report: GatewayCheck }) {
  const t = useMessages().check;
  return (
    <section aria-label={t.heading} className="space-y-3">
      {report.mode === "offline" && <p role="note" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-100">{t.offline}</p>}
      {report.models.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-1 pr-3 font-medium">{t.table.model}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t.table.endpoint}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t.table.outcome}</th>
                <th scope="col" className="py-1 font-medium">{t.table.detail}</th>
              </tr>
            </thead>
            <tbody>
              {report.models.map((probe) => (
                <tr key={`${probe.endpoint}:${probe.model}`} className="border-b border-slate-100 dark:border-slate-800 align-top">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {modelName(probe.model)} <code className="text-[0.7rem] text-slate-500 dark:text-slate-400">{probe.model}</code>
                  </th>
                  <td className="py-1 pr-3">{t.endpoints[probe.endpoint]}</td>
                  <td className={`py-1 pr-3 ${probe.outcome === "answers" ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>{t.outcomes[probe.outcome]}</td>
                  <td className="break-all py-1 font-mono text-[0.7rem] text-slate-600 dark:text-slate-400">
                    {[probe.status ?? "—", probe.code, probe.requestId].filter(Boolean).join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">{format(t.took, { baseUrl: report.baseUrl, seconds: (report.durationMs / 1000).toFixed(1) })}</p>
    </section>
  );
}
