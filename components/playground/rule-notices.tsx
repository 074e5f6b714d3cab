"use client";

import { useRuleText } from "@/components/i18n/i18n-provider";

/** What the shared rules changed or want said (a model switch, a loaded run), in the interface's language. */
export function RuleNotices({ notices }: { notices: readonly string[] }) {
  const ruleText = useRuleText();
  if (notices.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-xs text-amber-900 dark:text-amber-200">
      <ul className="ml-4 list-disc">
        {notices.map((notice) => (
          <li key={notice}>{ruleText(notice)}</li>
        ))}
      </ul>
    </div>
  );
}
