import { buildRequestBody, type RequestStyle } from "../gateway/request-body";
import type { GenerationView } from "./view";

/**
 * The exact gateway request behind a result, as code to paste: the same body the server sent (built by the
 * same function), with the key left as `$ONETOKEN_API_KEY` for the reader's own environment.
 */

export type GatewayInfo = { readonly baseUrl: string; readonly requestStyle: RequestStyle };

const body = (generation: GenerationView, style: RequestStyle) =>
  buildRequestBody({ ...generation.request, seed: generation.seed ?? generation.request.seed ?? 0 }, style);

const endpoint = (info: GatewayInfo) => `${info.baseUrl}/v1/images/generations`;

/** Single-quoted for POSIX shells: the only character to escape inside is the single quote itself. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export const asCurl = (generation: GenerationView, info: GatewayInfo): string =>
  [
    `curl -X POST ${shellQuote(endpoint(info))} \\`,
    `  -H "Authorization: Bearer $ONETOKEN_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body(generation, info.requestStyle), null, 2))}`,
  ].join("\n");

export const asFetch = (generation: GenerationView, info: GatewayInfo): string =>
  [
    `const response = await fetch(${JSON.stringify(endpoint(info))}, {`,
    `  method: "POST",`,
    "  headers: {",
    "    Authorization: `Bearer ${process.env.ONETOKEN_API_KEY}`,",
    `    "Content-Type": "application/json",`,
    "  },",
    `  body: JSON.stringify(${JSON.stringify(body(generation, info.requestStyle), null, 2).replace(/\n/g, "\n  ")}),`,
    "});",
    "const result = await response.json();",
  ].join("\n");
