import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/generation/parse-request";
import { PROMPT_LIST_MAX_BYTES, PROMPT_LISTS, promptListSchema } from "@/lib/grid/prompt-list";
import { getHistory } from "@/lib/history";
import { readJsonBody } from "@/lib/http/read-json-body";
import { json } from "@/lib/http/responses";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The named lists of prompt variables (`__name__`), kept for everyone who uses this playground. */
export function GET(request: Request): Promise<Response> {
  return handleRoute(request, async () => json(await (await getHistory()).store.promptLists()));
}

/** Saves a list under its name, replacing the one of that name. */
export function PUT(request: Request): Promise<Response> {
  return handleRoute(request, async () => {
    const { name, items } = parseWith(promptListSchema, await readJsonBody(request, PROMPT_LIST_MAX_BYTES));
    const list = { name, items, updatedAt: Date.now() };
    if (!(await (await getHistory()).store.savePromptList(list, PROMPT_LISTS.max))) {
      throw new AppError("invalid_request", `This playground keeps at most ${PROMPT_LISTS.max} lists: delete one to save another.`);
    }
    return json(list);
  });
}
