import { newRequestId } from "./envelopes";

/**
 * The gateway's result links are signed object-store URLs (Model Studio's on Alibaba Cloud OSS) that stay
 * valid for 24 hours (upstream-api.md): `?Expires=<unix seconds>` says until when, and past it OSS answers
 * 403 AccessDenied, "Request has expired.", in its XML error envelope. The simulator's links do the same.
 */

export const DEFAULT_LINK_LIFETIME_SECONDS = 86_400;
/** The longest an OSS-signed link can be made to last (its V4 signature's limit). */
export const MAX_LINK_LIFETIME_SECONDS = 604_800;

/**
 * A file's link, valid for `lifetimeSeconds` counted from the current whole second, as OSS counts: a lifetime
 * of 0 makes a link that has already expired, which is what lets a test see expiry without waiting.
 */
export const fileLink = (origin: string, name: string, lifetimeSeconds: number, now = Date.now()): string =>
  `${origin}/v1/files/${name}.png?Expires=${Math.floor(now / 1000) + lifetimeSeconds}`;

/** Whether a link's `Expires` has passed; one that is not a number is refused as OSS refuses it. */
export const linkExpired = (expires: string, now = Date.now()): boolean => !/^\d{1,12}$/.test(expires) || now >= Number(expires) * 1000;

/** OSS's refusal of a signed link past its time (error 0002-00000069). */
export const expiredLinkResponse = (host: string, expires: string, now = Date.now()): Response => {
  const seconds = Number(expires);
  const expiredAt = Number.isSafeInteger(seconds) ? new Date(seconds * 1000).toISOString() : expires;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<Error>",
    "  <Code>AccessDenied</Code>",
    "  <Message>Request has expired.</Message>",
    `  <RequestId>${newRequestId()}</RequestId>`,
    `  <HostId>${host}</HostId>`,
    `  <Expires>${expiredAt}</Expires>`,
    `  <ServerTime>${new Date(now).toISOString()}</ServerTime>`,
    "  <EC>0002-00000069</EC>",
    "</Error>",
  ].join("\n");
  return new Response(body, { status: 403, headers: { "content-type": "application/xml" } });
};
