import { apiFetch } from "../api/client";
import { forgetDrafts } from "../forms/tab-storage";
import { tellSignOut } from "./sign-out-news";

let leaving = false;

/**
 * Whether this tab is signing out: its own live stream hears the session end before the answer to the sign-out
 * comes, and must leave the leaving to it. Gone from the page sooner, it would lose that answer, and with it the
 * telling of the other tabs.
 */
export const signingOut = (): boolean => leaving;

/**
 * "Sign out": this tab forgets its drafts and leaves for the sign-in page whatever the answer (where a browser
 * still signed in is sent on to the playground); the other tabs are told only once the session is gone.
 */
export const signOut = (): Promise<void> => {
  leaving = true;
  forgetDrafts();
  return apiFetch<void>("/api/session", { method: "DELETE" })
    .then(tellSignOut, () => undefined)
    .finally(() => location.assign("/sign-in"));
};
