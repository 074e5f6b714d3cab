/** Where settings put in a form came from: the history's "Reuse settings", or a share page's "Open in playground". */
export type LoadOrigin = "history" | "share";
