import { OPEN_PAGE } from "@/lib/access/sign-out-news";

/**
 * Said by a page that needs no session (the sign-in page, a poll open to anyone with its link), which only the
 * server knows: a sign-out in another tab does not reload it (lib/access/sign-out-news.ts). React puts the tag
 * in the head, and takes it away with the page.
 */
export const OpenPage = () => <meta name={OPEN_PAGE} content="" />;
