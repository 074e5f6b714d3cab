/** A link drawn as the app's secondary button: for plain navigation, where a `<button>` would be the wrong element. */
export const buttonLinkClass =
  "inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm font-medium text-slate-800 dark:text-slate-200 shadow-sm hover:bg-slate-100 dark:hover:bg-slate-800";
