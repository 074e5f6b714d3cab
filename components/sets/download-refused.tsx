import type { ReactNode } from "react";

/** Why a download was refused, beside its link or button. */
export function DownloadRefused({ children }: { children: ReactNode }) {
  return (
    <span role="alert" className="text-xs text-red-700 dark:text-red-300">
      {children}
    </span>
  );
}
