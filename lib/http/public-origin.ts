import "server-only";
import { publicOrigin } from "../access/allowed-host";
import { getAccess } from "../access/gate";

/** Where this request's person reaches the playground (lib/access/allowed-host.ts `publicOrigin`). */
export const publicOriginOf = async (request: Request): Promise<string> =>
  publicOrigin(
    { host: request.headers.get("host") ?? new URL(request.url).host, forwardedHost: request.headers.get("x-forwarded-host") },
    (await getAccess()).config.origins,
  );
