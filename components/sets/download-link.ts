/** A download's link, looking like the buttons beside it. */
export const downloadLinkClass = "inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800";
