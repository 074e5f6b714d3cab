import { buildRequestBody, requestPath, type RequestStyle } from "../gateway/request-body";
import type { SentRequest } from "./result";
import { isEditRequest, type GenerationView } from "./view";

/**
 * The exact gateway request behind a result, as code to paste: the same body the server sent (built by the
 * same function), with the key left as `$ONETOKEN_API_KEY` for the reader's own environment.
 */

export type GatewayInfo = { readonly baseUrl: string; readonly requestStyle: RequestStyle };

/** An edit's input is megabytes of base64: the code shows where it goes rather than carrying it. */
export const INPUT_STAND_IN = "data:image/png;base64,<your input image, base64-encoded>";

const sent = ({ request, seed }: GenerationView): SentRequest => {
  const chosen = seed ?? request.seed ?? 0;
  return isEditRequest(request) ? { ...request, seed: chosen, image: INPUT_STAND_IN } : { ...request, seed: chosen };
};

const body = (generation: GenerationView, style: RequestStyle) => buildRequestBody(sent(generation), style);

const endpoint = (generation: GenerationView, info: GatewayInfo) => `${info.baseUrl}${requestPath(sent(generation))}`;

/** Single-quoted for POSIX shells: the only character to escape inside is the single quote itself. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export const asCurl = (generation: GenerationView, info: GatewayInfo): string =>
  [
    `curl -X POST ${shellQuote(endpoint(generation, info))} \\`,
    `  -H "Authorization: Bearer $ONETOKEN_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body(generation, info.requestStyle), null, 2))}`,
  ].join("\n");

export const asFetch = (generation: GenerationView, info: GatewayInfo): string =>
  [
    `const response = await fetch(${JSON.stringify(endpoint(generation, info))}, {`,
    `  method: "POST",`,
    "  headers: {",
    "    Authorization: `Bearer ${process.env.ONETOKEN_API_KEY}`,",
    `    "Content-Type": "application/json",`,
    "  },",
    `  body: JSON.stringify(${JSON.stringify(body(generation, info.requestStyle), null, 2).replace(/\n/g, "\n  ")}),`,
    "});",
    "const result = await response.json();",
  ].join("\n");
