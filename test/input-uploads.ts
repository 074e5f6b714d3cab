import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import type { Answer } from "./route-harness";

/** POST /api/inputs as the browser sends it, for the route's tests of what uploads may take. */

type InputsRoute = typeof import("@/app/api/inputs/route");

export const readAnswer = async (response: Response): Promise<Answer> => {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as unknown) : undefined };
};

/** An upload, from the client at `address` (as the server stamps it), signed in with `cookie` when given. */
export const uploadInput = (inputs: InputsRoute, body: BodyInit, address = "203.0.113.1", cookie?: string) =>
  inputs.POST(
    new Request("http://localhost/api/inputs", {
      method: "POST",
      headers: { "content-type": "image/png", [CLIENT_ADDRESS_HEADER]: address, ...(cookie ? { cookie } : {}) },
      body,
      duplex: "half",
    } as RequestInit),
  );

/** A picture of noise: PNG cannot shrink it, so its size is about width * height * 3 bytes. */
export const noise = async (side: number): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png().toBuffer());
