import "server-only";
import { checkSameOrigin, requireAccess } from "../access/gate";
import { respond } from "./responses";

/**
 * Every API route runs through here, so none can forget the gate: the session is checked (unless the
 * route is the sign-in itself), anything but a read must come from this site, and whatever is thrown
 * becomes the app's error response.
 */
export const handleRoute = (
  request: Request,
  work: (sessionId: string | null) => Promise<Response>,
  options: { public?: boolean } = {},
): Promise<Response> =>
  respond(async () => {
    const sessionId = options.public ? null : await requireAccess(request);
    if (request.method !== "GET" && request.method !== "HEAD") checkSameOrigin(request);
    return work(sessionId);
  });
