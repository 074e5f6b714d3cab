import { toAppError } from "@/lib/errors";
import { generateImages } from "@/lib/gateway/client";
import { parseGenerateRequest } from "@/lib/generation/parse-request";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";

/** A prompt of 2100 characters and every option fit in a few KB; 64 KB leaves room for CJK text. */
const MAX_BODY_BYTES = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  try {
    const input = parseGenerateRequest(await readJsonBody(request, MAX_BODY_BYTES));
    const result = await generateImages(input, request.signal);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toAppError(error).toResponse();
  }
}
