import "server-only";
import { hostRefused, isAllowedHost } from "../access/allowed-host";
import { checkSameOrigin, getAccess, requireAccess } from "../access/gate";
import { respond } from "./responses";

/**
 * Every API route runs through here, so none can forget the gate: the session is checked (unless the
 * route is the sign-in itself), anything but a read must come from this site and reach it by a name it
 * answers to (loopback or PLAYGROUND_ORIGINS), and whatever is thrown becomes the app's error response.
 */
export const handleRoute = (
  request: Request,
  work: (sessionId: string | null) => Promise<Response>,
  options: { public?: boolean } = {},
): Promise<Response> =>
  respond(async () => {
    const changes = request.method !== "GET" && request.method !== "HEAD";
    if (changes) {
      const host = request.headers.get("host") ?? new URL(request.url).host;
      if (!isAllowedHost(host, (await getAccess()).config.origins)) throw hostRefused(host);
    }
    const sessionId = options.public ? null : await requireAccess(request);
    if (changes) checkSameOrigin(request);
    return work(sessionId);
  });
