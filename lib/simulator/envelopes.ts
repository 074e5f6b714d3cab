/** Response builders shared by the routes, so every answer carries the same headers and envelope shape. */

export const newRequestId = (): string => crypto.randomUUID();

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

/** DashScope's flat error envelope, the one the gateway forwards for most upstream refusals. */
export const dashScopeError = (
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response =>
  jsonResponse(status, { code, message, request_id: requestId }, { "x-request-id": requestId, ...headers });

/**
 * There is no client left to read it; 499 is nginx's "client closed request", chosen so logs and tests can
 * tell an abort from a real answer.
 */
export const clientGone = (): Response => new Response(null, { status: 499 });

const resets = new WeakSet<Response>();

/**
 * Asks the host to drop the connection with no HTTP answer at all, the way a crashing proxy does. A host
 * that cannot do that sends it as a bare 502; either way the stats count it as refused.
 */
export const connectionReset = (): Response => {
  const response = new Response(null, { status: 502 });
  resets.add(response);
  return response;
};

export const isConnectionReset = (response: Response): boolean => resets.has(response);
