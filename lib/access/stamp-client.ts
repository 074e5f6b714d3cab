import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address";

/**
 * Writes each request's client address into CLIENT_ADDRESS_HEADER as Node's HTTP server receives it, before
 * Next sees the request: route handlers have no socket, and X-Forwarded-For is whatever the client wrote.
 * Called once at start-up (instrumentation-node.ts); a later call changes nothing.
 */
let subscribed = false;

export const stampClientAddresses = (trustedHops: number): void => {
  if (subscribed) return;
  subscribed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(socket.remoteAddress, request.headers["x-forwarded-for"], trustedHops);
  });
};
