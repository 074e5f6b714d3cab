import type { ComparisonView } from "../generation/view";
import { isActive } from "../generation/view";
import { getHistory } from "../history";
import { clientItem } from "../history/client-view";
import type { JobRunner } from "../jobs/runner";
import { getGenerationRateLimit } from "../limits";
import { clientKey, withTurns } from "../limits/rate-limit";
import { readJsonBody } from "./read-json-body";
import { handleRoute } from "./route";
import { answerStarted } from "./wait-for-jobs";

/**
 * A route that starts generations made together (a comparison, a grid, a batch): the body checked by its
 * shared schema, the generations counted against the client's rate limit, the set recorded and queued, and
 * the answer given at once (or, asked to wait, when every generation has ended).
 */
export const startSetRoute =
  <Input>({ maxBytes, parse, count, start }: { maxBytes: number; parse: (body: unknown) => Input; count: (input: Input) => number; start: (runner: JobRunner, input: Input) => Promise<ComparisonView> }) =>
  (request: Request): Promise<Response> =>
    handleRoute(request, async (sessionId) => {
      const input = parse(await readJsonBody(request, maxBytes));
      const { runner, store } = await getHistory();
      const started = await withTurns(await getGenerationRateLimit(), clientKey(request, sessionId), count(input), () => start(runner, input));
      return answerStarted(
        request,
        runner,
        clientItem(started),
        started.columns.map((column) => column.generation.id),
        async () => {
          const current = await store.getComparison(started.id);
          return current && clientItem(current);
        },
        (view) => view.columns.some((column) => isActive(column.generation.status)),
      );
    });
