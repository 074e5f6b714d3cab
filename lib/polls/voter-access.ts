import "server-only";
import { randomBytes } from "node:crypto";
import { requireAccess } from "../access/gate";
import { readCookie } from "../access/session-token";
import { getHistory } from "../history";
import { AppError } from "../errors";
import { notFound } from "../http/responses";
import { servedOverHttps } from "../http/served-over-https";
import type { Poll } from "./poll";
import { OTHER_SEAT, VOTER_UNKNOWN } from "./refusals";
import { voterSeat } from "./voter-order";

/** The voter's id: a random cookie of its own, so one browser votes once per item however it signs in. */
export const VOTER_COOKIE = "poll_voter";

/**
 * The poll a voting link names, once the caller may vote on it: with the link alone when its owner chose
 * so, or signed in. The link opens this poll's voting and nothing else: the history's routes still ask for a
 * session. Answers the voter's id: new (with its cookie to set) on a first visit to the poll's view, which
 * `welcome` allows; its images and votes refuse a browser without one, since each place on a voter's screen
 * is a model only in that voter's order (a vote under a fresh id would be counted for another model).
 */
export const voterAccess = async (
  request: Request,
  token: string,
  { welcome = false, seat }: { welcome?: boolean; seat?: string | null } = {},
): Promise<{ poll: Poll; voter: string; setCookie: string | null }> => {
  const poll = await (await getHistory()).store.pollByToken(token);
  if (!poll) throw notFound("This poll");
  if (poll.access === "gate") await requireAccess(request);
  const known = readCookie(request.headers.get("cookie"), VOTER_COOKIE);
  if (known && /^[A-Za-z0-9_-]{22}$/.test(known)) {
    // Named by a page made for another voter of this browser: its places are not this voter's.
    if (seat && seat !== voterSeat(known)) throw new AppError("conflict", OTHER_SEAT);
    return { poll, voter: known, setCookie: null };
  }
  if (!welcome) throw new AppError("invalid_request", VOTER_UNKNOWN);
  const voter = randomBytes(16).toString("base64url");
  const secure = servedOverHttps(request) ? "; Secure" : "";
  return { poll, voter, setCookie: `${VOTER_COOKIE}=${voter}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}` };
};
