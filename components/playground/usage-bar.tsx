import { useQuery } from "@tanstack/react-query";
import { use } from "react";
import { DemoContext } from "./demo-mode";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { useCost } from "@/components/pricing/prices";
import { Button } from "@/components/ui/button";
import { format, plural } from "@/lib/i18n/format";
import { budgetLeft } from "@/lib/api/budget-left";
import { usageQuery, type Usage } from "@/lib/api/limits";
import { useLive } from "@/lib/api/live";
import { signOut } from "@/lib/access/sign-out";

/** Today's image count (against the budget when there is one) and, behind a gate, signing out. */
export function UsageBar({ gated, initial }: { gated: boolean; initial: Usage | null }) {
  const { data } = useQuery({ ...usageQuery(useLive()), ...(initial && { initialData: initial }) });
  const t = useMessages().playground.usage;
  const locale = useLocale();
  const left = data ? budgetLeft(data) : null;
  // In the deployment's currency, which is the one the count's cost is in.
  const { money } = useCost();
  const spent = data ? money(data.costToday) : "";
  const demo = use(DemoContext);
  return (
    // Its own line on a phone, of its final height, before the count arrives: the count moves nothing (it is
    // rendered on the server). Wider, the header's row takes it at its whole width (flex-auto, not a basis of
    // 0) or moves what follows to the next line, so the count is not squeezed under Sign out; a line longer
    // than the screen wraps, right-aligned, rather than running off its left edge.
    <div className="flex min-h-5 w-full items-center justify-end gap-3 text-sm text-slate-600 dark:text-slate-400 sm:w-auto sm:flex-auto">
      {data && (
        <p data-testid="usage" className={`min-w-0 text-right text-balance ${left === 0 || left === "off" ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>
          {left === null
            ? plural(locale, t.today, data.imagesToday, { cost: spent })
            : left === "off"
              ? format(t.off, { cost: spent })
              : format(t.left, { left, limit: String(data.dailyImageLimit), cost: spent })}
          {demo && ` ${t.demo}`}
        </p>
      )}
      {gated && (
        <Button
          className="shrink-0 whitespace-nowrap"
          onClick={() => void signOut()}
        >
          {t.signOut}
        </Button>
      )}
    </div>
  );
}
