import { apiFetch } from "../api/client";
import { forgetDrafts } from "../forms/tab-storage";
import { tellSignOut } from "./sign-out-news";

/**
 * "Sign out": this tab forgets its drafts and leaves for the sign-in page whatever the answer (where a browser
 * still signed in is sent on to the playground); the other tabs are told only once the session is gone.
 */
export const signOut = (): Promise<void> => {
  forgetDrafts();
  return apiFetch<void>("/api/session", { method: "DELETE" })
    .then(tellSignOut, () => undefined)
    .finally(() => location.assign("/sign-in"));
};
