import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { defaultEdit, NO_INPUT, switchEditModel } from "../edit/edit-defaults";
import { editRequestSchema, INPUT_GONE, type EditRequest } from "../edit/edit-request";
import { checkInputImage, inputTooLarge } from "../edit/input-image";
import { NETWORK_ERROR } from "../api/client";
import { AppError, ERROR_CODES, type ErrorCode } from "../errors";
import { BLIND_UNASKED_SIZE, blindFailure, undetailed } from "../compare/blind-view";
import { BLIND_DOWNLOAD } from "../compare/hidden-comparison";
import { BLIND_EDIT, BLIND_ONE_COLUMN, BLIND_SHARE } from "../compare/hidden-column";
import { NO_FAVOURITES, TAKEAWAY_MAX_ITEMS, takeawaySource } from "../download/takeaway";
import { parseListQuery } from "../generation/list-query-schema";
import { NUL_REFUSED, readJsonBody } from "../http/read-json-body";
import { TOO_LATE_TO_CANCEL, TOO_LATE_TO_STOP } from "../jobs/runner";
import { notFound } from "../http/responses";
import { mapUpstreamError } from "../gateway/upstream-errors";
import { EMPTY_ANSWER, ONE_IMAGE } from "@/test/call-support";
import { notUnderstood, parseGatewayAnswer } from "../gateway/answer";
import { answerStillArriving, CONNECTION_BROKE, GATEWAY_REDIRECTED, REQUEST_NOT_MADE } from "../gateway/call";
import { LINK_EXPIRED } from "../gateway/fetch-image";
import { DOWNLOAD_FROM_ELSEWHERE } from "../download/download-turn";
import { TASK_ROUTE_MISSING, TASK_STOPPED_ANSWERING, taskEndedError, taskStillRunning } from "../gateway/follow-task";
import { answerNotices, emptyAnswerError, lostNotices } from "../gateway/shortfall";
import { unaskedSizeNotices } from "../generation/unasked-size";
import { parseGenerateRequest, parseWith, REQUEST_REFUSED } from "../generation/parse-request";
import * as refusals from "../jobs/refusals";
import { createArrivalSlots, createCheckLimit, createDecodeSlots, createGenerationAddressLimit, createGenerationRateLimit, createSignInLimit, createUploadAddressLimit, createUploadLimit, createVoteLimit, newVoterRefusal, type ClientKey, type Slots } from "../limits/rate-limit";
import { arrivalRefusal } from "../limits/upload-arrival";
import { clientInputStorageFull, inputStorageFull } from "../edit/record-input";
import { hostRefused } from "../access/allowed-host";
import { BLIND_WATERMARK, compareRequestSchema, DEFAULT_COMPARE, planComparison, type CompareRequest } from "../compare/compare-request";
import { batchRequestSchema, rowProblems } from "../batch/batch-request";
import { rowsFromCsv } from "../batch/batch-rows";
import { DEFAULT_GRID } from "../grid/grid-plan";
import { gridRequestSchema, type GridRequest } from "../grid/grid-request";
import { promptListSchema } from "../grid/prompt-list";
import { pollRequestSchema } from "../polls/poll-request";
import * as pollRefusals from "../polls/refusals";
import { defaultRequest } from "../models/defaults";
import { MODELS } from "../models/registry";
import { generateRequestSchema } from "../models/request-schema";
import { itemsGone, shareRequestSchema } from "../share/share-request";
import { SHARE_MAX_ITEMS } from "../share/share-limits";
import { checkSize, describeSizeRule } from "../models/size-rules";
import { switchModel } from "../models/switch-model";
import { MESSAGES } from "./messages";
import { translateRuleMessage } from "./rule-messages";
import { BUCKET_UNREACHED, DATABASE_UNREACHED } from "../store/unreachable";

const zh = (text: string) => translateRuleMessage(text, MESSAGES.zh.rules);

/** Every sentence the shared rules can say, produced by the rules themselves. */
const issues = (schema: { safeParse(value: unknown): { error?: { issues: Array<{ message: string }> } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

const compare: CompareRequest = { ...DEFAULT_COMPARE, models: ["wan2.6-t2i", "qwen-image"], prompt: "x" };
const grid: GridRequest = { ...DEFAULT_GRID, prompt: "a fox" };

const edit: EditRequest = { ...defaultEdit("qwen-image-edit-plus", { id: "x", width: 800, height: 600 }), prompt: "x" };
const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#888" } }).png().toBuffer();
const tiny = async () => checkInputImage(await picture(100, 100));
const big = async () => checkInputImage(await picture(4000, 500));
const notAnImage = () => checkInputImage(Buffer.from("text"));
const cut = async () => checkInputImage((await picture(800, 600)).subarray(0, 100));

/** The message a synchronous refusal carries, or "" when nothing was refused. */
const refusalOf = (act: () => unknown): string => {
  try {
    act();
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** Every upstream error code the gateway client maps, each to its own sentence. */
const GATEWAY_CODES = ["DataInspectionFailed", "Arrearage", "InvalidApiKey", "AccessDenied", "ModelNotFound", "Throttling", "Throttling.AllocationQuota", "RequestTimeOut", "ModelUnavailable", "InvalidParameter", "InternalError"];

/** The message a refusal carries, or "" when nothing was refused. */
const refusal = (act: () => Promise<void>): Promise<string> => act().then(() => "", (error: unknown) => (error instanceof Error ? error.message : String(error)));

/** The refusal of a second upload arriving from one address, under these sessions. */
const twoArriving = (take: Slots<ClientKey>, sessions: readonly [string | null, string | null]): Promise<string> =>
  refusal(async () => {
    for (const session of sessions) await take({ session, address: "address:a" });
  });

/** The refusal of a JSON body cut short ("{"), sent with these headers. */
const bodyRefusal = (headers: Record<string, string>): Promise<string> =>
  refusal(async () => void (await readJsonBody(new Request("http://localhost/", { method: "POST", headers, body: "{" }), 512 * 1024)));

/** A two-level limit's two refusals: one client past its own, and everyone together past theirs. */
const bothRefusals = async (create: (perClient: number, overall: number) => (key: string) => Promise<void>): Promise<string[]> => [
  await refusal(async () => {
    const take = create(1, 5);
    await take("a");
    await take("a");
  }),
  await refusal(async () => {
    const take = create(5, 1);
    await take("a");
    await take("b");
  }),
];

const sentences = async (): Promise<string[]> => {
  const base = { ...defaultRequest("qwen-image"), prompt: "x" };
  const out = [
    ...issues(generateRequestSchema, { ...base, prompt: 1, negativePrompt: 2, promptExtend: "yes", watermark: 0 }),
    ...issues(generateRequestSchema, { ...base, seed: "1" }),
    ...issues(generateRequestSchema, { ...base, prompt: "a \ud800 b", negativePrompt: "\udc00" }),
    ...issues(generateRequestSchema, { ...base, prompt: "a\u0000b", negativePrompt: "\u0000" }),
    NUL_REFUSED,
    ...issues(shareRequestSchema, { title: "\ud83d", entries: [{ kind: "generation", id: "x" }] }),
    ...issues(shareRequestSchema, { title: "x".repeat(201), entries: [] }),
    ...issues(shareRequestSchema, { title: "x", entries: Array(SHARE_MAX_ITEMS + 1).fill({ kind: "generation", id: "x" }) }),
    ...issues(shareRequestSchema, { title: 1, entries: "x", extra: 1 }),
    ...issues(shareRequestSchema, { title: "x", entries: [{ kind: "x", id: "" }, { kind: "generation", id: 1, more: 1 }, 3] }),
    ...issues(shareRequestSchema, "x"),
    ...issues(generateRequestSchema, { ...base, extra: 1 }),
    ...issues(generateRequestSchema, { ...base, extra: 1, more: 2 }),
    ...issues(generateRequestSchema, null),
    refusalOf(() => parseWith(generateRequestSchema, { ...base, extra: 1 })),
    refusalOf(() => parseWith(shareRequestSchema, { title: "x".repeat(201), entries: [{ kind: "generation", id: "x" }] })),
    REQUEST_REFUSED,
    ...issues(generateRequestSchema, { ...base, seed: 1.5 }),
    ...issues(generateRequestSchema, { ...base, seed: -1 }),
    ...issues(generateRequestSchema, { ...base, model: "nope" }),
    ...issues(generateRequestSchema, { ...base, width: "1", height: "1" }),
    ...issues(generateRequestSchema, { ...base, n: "1" }),
    ...issues(generateRequestSchema, { ...base, n: 1.5 }),
    ...issues(generateRequestSchema, { ...base, prompt: " ", n: 3, width: 10, negativePrompt: "n".repeat(501) }),
    ...issues(generateRequestSchema, { ...base, prompt: "p".repeat(801) }),
    ...issues(generateRequestSchema, { ...defaultRequest("wan2.6-t2i"), prompt: "x", n: 9 }),
    ...issues(compareRequestSchema, { ...compare, models: ["nope", "qwen-image"] }),
    ...issues(compareRequestSchema, { ...compare, models: ["qwen-image"] }),
    ...issues(compareRequestSchema, { ...compare, models: ["qwen-image", "qwen-image-max", "qwen-image-plus", "wan2.6-t2i", "wan2.5-t2i-preview"] }),
    ...issues(compareRequestSchema, { ...compare, models: ["qwen-image", "qwen-image"] }),
    ...issues(compareRequestSchema, { ...compare, aspect: "7:3" }),
    ...issues(compareRequestSchema, { ...compare, perModel: "1" }),
    ...issues(compareRequestSchema, { ...compare, perModel: 1.5 }),
    ...issues(compareRequestSchema, { ...compare, perModel: 9, negativePrompt: "n".repeat(501), blind: "no" }),
    checkSize("m", { kind: "presets" }, [], { width: 0.5, height: 1 }),
    ...MODELS.flatMap((model) => [
      describeSizeRule(model.sizeRule, model.presets),
      checkSize(model.id, model.sizeRule, model.presets, { width: 100, height: 100 }),
      checkSize(model.id, model.sizeRule, model.presets, { width: 3000, height: 100 }),
    ]),
    ...switchModel({ ...defaultRequest("wan2.6-t2i"), prompt: "p".repeat(900), negativePrompt: "n".repeat(600), n: 4, width: 768, height: 2700 }, "qwen-image").notices.map(({ text }) => text),
    ...switchModel({ ...defaultRequest("wan2.6-t2i"), n: Number.NaN }, "qwen-image").notices.map(({ text }) => text),
    ...switchModel({ ...defaultRequest("wan2.6-t2i"), width: Number.NaN }, "qwen-image").notices.map(({ text }) => text),
    ...planComparison({ ...compare, perModel: 3 }).flatMap((plan) => plan.notes),
    ...issues(gridRequestSchema, { ...grid, kind: "x", perCell: "1", axes: "x", lists: { "a b": [] } }),
    ...issues(gridRequestSchema, { ...grid, lists: "x" }),
    ...issues(gridRequestSchema, { ...grid, model: "qwen-image", axes: [{ type: "aspect", values: ["4:3", "3:2"] }] }),
    ...issues(gridRequestSchema, { ...grid, perCell: 1.5 }),
    ...issues(gridRequestSchema, { ...grid, perCell: 9, axes: [] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "x" }, { type: "seed", values: [1, 2] }, { type: "seed", values: [3, 4] }, { type: "aspect", values: ["1:1", "2:1"] }] }),
    ...issues(gridRequestSchema, { ...grid, lists: Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`l${index}`, Array(201).fill("x")])) }),
    ...issues(gridRequestSchema, {
      ...grid,
      axes: [
        { type: "model", values: ["nope"] },
        { type: "seed", values: ["1", 1.5, -1, 1, 1] },
        { type: "replace", values: [1, "\ud800", ...Array(12).fill("x")] },
      ],
    }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "negative", values: [1] }, { type: "promptExtend", values: ["x"] }, { type: "variables", mode: "x", count: "1", pickSeed: 1 }] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "variables", mode: "all", count: 1.5, pickSeed: 1 }] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "variables", mode: "all", count: 1, pickSeed: 1 }, { type: "replace", values: ["", "b"] }] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "variables", mode: "all", count: 101, pickSeed: 1 }, { type: "replace", values: ["nope", "b"] }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "a __x__ and __y__ {a|b}", axes: [{ type: "seed", values: [1, 2] }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "a __x__", axes: [{ type: "seed", values: [1, 2] }] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "seed", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, { type: "negative", values: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] }] }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "replace", values: ["fox", "x".repeat(2100)] }], negativePrompt: "n" }),
    ...issues(gridRequestSchema, { ...grid, axes: [{ type: "negative", values: ["a", "n".repeat(600)] }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "{a fox|}", axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 1 }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "x".repeat(30_000), negativePrompt: "x".repeat(30_000), axes: [{ type: "replace", values: ["x", "y".repeat(30_000)] }, { type: "negative", values: ["a", "n".repeat(30_000)] }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "x".repeat(20_000), axes: [{ type: "replace", values: ["x", "y".repeat(20_000)] }] }),
    ...issues(gridRequestSchema, { ...grid, prompt: "{__x__|y} {a|a} {|b|}", lists: { x: ["1"] }, axes: [{ type: "variables", mode: "all", count: 2, pickSeed: 1 }] }),
    ...issues(promptListSchema, { name: 1, items: [" ", "x".repeat(201)] }),
    ...issues(pollRequestSchema, { title: " ", sets: [], reveal: "x", access: "x" }),
    ...issues(pollRequestSchema, { title: "x".repeat(201), sets: Array(51).fill("s"), reveal: "on_close", access: "link" }),
    ...Object.values(pollRefusals),
    await refusal(async () => {
      const vote = createVoteLimit(1);
      await vote("a");
      await vote("a");
    }),
    ...[1, 20].flatMap((perHour) => [newVoterRefusal(perHour, 60 * 60_000).message, newVoterRefusal(perHour, 60_000).message]),
    ...issues(batchRequestSchema, { kind: "x", prompt: 1, source: "x", rows: "x" }),
    ...issues(batchRequestSchema, { kind: "batch", prompt: " ", source: "lines", rows: [] }),
    ...issues(batchRequestSchema, { kind: "batch", prompt: "\ud800".padEnd(201, "x"), source: "lines", rows: Array(101).fill({ line: 1, request: defaultRequest("qwen-image") }) }),
    ...issues(batchRequestSchema, { kind: "batch", prompt: "b", source: "lines", rows: [{ line: "1", request: {} }, { line: 1.5, request: {} }, { line: 0, request: {} }] }),
    ...rowProblems(rowsFromCsv("prompt,model,size,seed,n\nx,nope,,,\nx,,big,,\nx,,,soon,\nx,,,,many\nx,qwen-image,,,3", { model: "qwen-image", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false })).map((problem) => problem.message),
    ...rowProblems(rowsFromCsv('item,prompt,settings\nline 1,x,size 9\nline 2,y,"{""size"":null,""input"":{""id"":""i""}}"', { model: "qwen-image", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false })).map((problem) => problem.message),
    ...['a\n"b', "prompt,colour", "model", "prompt,\nx,y", "prompt,Negative prompt,negative\nx,y,z"].map((text) => refusalOf(() => rowsFromCsv(text, { model: "qwen-image", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false }))),
    ...issues(promptListSchema, { name: "a", items: [] }),
    ...issues(promptListSchema, { name: "a", items: ["red", " red"] }),
    ...planComparison({ ...compare, perModel: 3, blind: true }).flatMap((plan) => plan.notes),
    ...issues(editRequestSchema, { ...edit, model: "wan2.6-t2i" }),
    ...issues(editRequestSchema, { ...edit, input: NO_INPUT }),
    ...issues(editRequestSchema, { ...edit, input: { id: 1, width: "1", height: 1.5 } }),
    ...issues(editRequestSchema, { ...edit, input: { id: "\ud800", width: 800, height: 600 } }),
    ...issues(editRequestSchema, { ...edit, input: { id: "x", width: 100, height: 100 } }),
    ...issues(editRequestSchema, { ...edit, input: { id: "x", width: 5000, height: 1000 } }),
    ...issues(editRequestSchema, { ...edit, size: { width: 1.5, height: 2.5 } }),
    ...issues(editRequestSchema, { ...edit, model: "qwen-image-edit", promptExtend: false, size: { width: 1024, height: 1024 } }),
    ...switchEditModel({ ...edit, size: { width: 1024, height: 1024 } }, "qwen-image-edit").notices.map(({ text }) => text),
    ...switchEditModel({ ...edit, model: "qwen-image-edit", size: { width: 100, height: 100 } }, "qwen-image-edit-plus").notices.map(({ text }) => text),
    INPUT_GONE,
    await refusal(async () => {
      const add = createUploadLimit(1);
      await add("a");
      await add("a");
    }),
    await refusal(async () => {
      const add = createUploadAddressLimit(1);
      await add("a");
      await add("a");
    }),
    inputTooLarge().message,
    ...GATEWAY_CODES.flatMap((code) =>
      [null, "7"].flatMap((retryAfter) =>
        (["generation", "edit"] as const).map((task) => mapUpstreamError({ status: 400, retryAfter, body: JSON.stringify({ code, message: "x" }), model: "wan2.6-t2i", task }).message),
      ),
    ),
    mapUpstreamError({ status: 404, retryAfter: null, body: "<html>Not Found</html>", model: "wan2.6-t2i", task: "generation" }).message,
    ...[
      "not json",
      "[]",
      "{}",
      JSON.stringify({ output: { task_status: "PENDING" } }),
      JSON.stringify({ output: { task_id: "t", task_status: "SUCCEEDED" } }),
      JSON.stringify({ output: { task_id: "..", task_status: "PENDING" } }),
    ].map((text) => refusalOf(() => parseGatewayAnswer(text))),
    ...[{ ...EMPTY_ANSWER }, { ...EMPTY_ANSWER, stoppedEarly: ["length"] }].map((answer) => emptyAnswerError(answer, { model: "m", task: "generation" }).message),
    ...(["FAILED", "CANCELED", "UNKNOWN"] as const).map(
      (status) => taskEndedError({ kind: "task_ended", status, code: "", message: "", requestId: null, taskId: "t" }, { model: "m", task: "generation" }).message,
    ),
    ...answerNotices(3, { ...EMPTY_ANSWER, images: [ONE_IMAGE], failed: ["DataInspectionFailed", "InternalError.Algo"], unusable: 1, stoppedEarly: ["length"] }),
    ...answerNotices(1, { ...EMPTY_ANSWER, images: [ONE_IMAGE, ONE_IMAGE] }),
    ...answerNotices(1, { ...EMPTY_ANSWER, images: Array.from({ length: 9 }, () => ONE_IMAGE) }),
    ...lostNotices(4, [new AppError("bad_upstream_response", "The gateway returned an image that does not decode.")]),
    ...[[{ width: 1, height: 1 }], [{ width: 1, height: 1 }, { width: 2, height: 2 }], [{ width: 1, height: 1 }, { width: 800, height: 600 }]].flatMap((images) => [
      ...unaskedSizeNotices({ ...base, width: 800, height: 600 }, images),
      ...unaskedSizeNotices({ ...edit, size: null }, images),
    ]),
    ...[["r", null], [null, "t"], [null, null]].map(([request, task]) => notUnderstood("not JSON", request ?? null, task ?? null).message),
    taskStillRunning("RUNNING", 180_000),
    answerStillArriving(240_000),
    itemsGone(2, 5),
    TASK_STOPPED_ANSWERING,
    TASK_ROUTE_MISSING,
    refusalOf(() => parseGenerateRequest({ ...base, prompt: " " })),
    refusals.busy(4),
    refusals.busy(1),
    refusals.heldPlaces(8, 8, 110),
    refusals.heldPlaces(4, 1, 1),
    refusals.heldPlaces(1, 1, 60),
    refusals.heldAmongRunning(2, 1),
    refusals.heldAmongRunning(8, 6),
    refusals.heldAmongRunning(8, 7),
    refusals.heldAmongRunning(3, 1),
    refusals.dailyLimit(100, 0, 2, 5),
    refusals.dailyLimit(100, 0, 2, 1),
    refusals.dailyLimit(100, 1, 2, 5),
    refusals.SPENDING_OFF,
    refusals.STOPPING,
    DATABASE_UNREACHED,
    BUCKET_UNREACHED,
    await refusal(async () => {
      const start = createGenerationRateLimit(1);
      await start("a");
      await start("a");
    }),
    await refusal(async () => {
      const start = createGenerationAddressLimit(1);
      await start("a");
      await start("a");
    }),
    NETWORK_ERROR,
    BLIND_DOWNLOAD,
    BLIND_SHARE,
    BLIND_EDIT,
    BLIND_WATERMARK,
    REQUEST_NOT_MADE,
    LINK_EXPIRED,
    DOWNLOAD_FROM_ELSEWHERE,
    NO_FAVOURITES,
    CONNECTION_BROKE,
    GATEWAY_REDIRECTED,
    ...(Object.keys(ERROR_CODES) as ErrorCode[]).map(blindFailure),
    BLIND_UNASKED_SIZE,
    ...[
      "2 failed at the gateway (InternalError.Algo ×2).",
      "The model stopped early (finish reason: length).",
      "The gateway's image link answered 404; the image could not be kept.",
      "The gateway returned an image link the playground will not fetch (it redirects to another host).",
    ].map(undetailed),
    TOO_LATE_TO_STOP,
    TOO_LATE_TO_CANCEL,
    ...["A chosen comparison", "That column", "This comparison", "This download", "This generation", "This grid", "This image", "This item", "This poll", "The list “portraits”"].map((what) => notFound(what).message),
    await bodyRefusal({ "content-type": "text/plain" }),
    await bodyRefusal({ "content-type": "application/json" }),
    await bodyRefusal({ "content-type": "application/json", "content-length": "600000" }),
    ...["limit=0", "q=%00", "starred=0", `cursor=${"x".repeat(201)}`, "model=x", "status=x", "page=2&sort=old"].map((query) => refusalOf(() => parseListQuery(new URLSearchParams(query)))),
    ...["items=x", `items=${Array(TAKEAWAY_MAX_ITEMS + 1).fill("generation:a").join(",")}`].map((query) => refusalOf(() => takeawaySource(new URL(`http://localhost/?${query}`)))),
    BLIND_ONE_COLUMN,
    "The playground server answered 500 without an explanation.",
    ...["it points into a private network", "it redirects to another host", "a redirect without a location", "the image is too large", "too many redirects"].map(
      (why) => `The gateway returned an image link the playground will not fetch (${why}).`,
    ),
    ...(await bothRefusals(createSignInLimit)),
    inputStorageFull(1_500_000, 1024 * 1024, 500_000).message,
    inputStorageFull(0, 1024 * 1024, 1_500_000).message,
    ...(["sign-in", "address"] as const).map((by) => clientInputStorageFull(by, 600_000, 1024 * 1024, 500_000).message),
    clientInputStorageFull("address", 0, 1024 * 1024, 1_500_000).message,
    await refusal(async () => {
      const take = createDecodeSlots(1, 0);
      await take();
      await take();
    }),
    // Everyone's, one client's, and one address's by its sessions together.
    await twoArriving(createArrivalSlots(1, 2), [null, null]),
    await twoArriving(createArrivalSlots(2, 1), [null, null]),
    await twoArriving(createArrivalSlots(8, 1, 1), ["session:a", "session:b"]),
    ...(["total", "slow", "nothing", "silent"] as const).map((shortfall) => arrivalRefusal(shortfall).message),
    hostRefused("rebind.attacker.test:3000").message,
    ...(await bothRefusals(createCheckLimit)),
    ...(await Promise.all([tiny(), big(), notAnImage(), cut(), checkInputImage(Buffer.alloc(11 * 1024 * 1024))])).map((check) => (check.ok ? "" : check.reason)),
  ].map((entry) => (typeof entry === "string" ? entry : entry.ok ? "" : entry.reason));
  return [...new Set(out.filter(Boolean))];
};

/**
 * Every sentence the server code throws as written (`new AppError(code, "…")`), read from its source: one added
 * or reworded there is checked without being listed here.
 */
const thrownAsWritten = (): string[] => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  return ["lib", "app"].flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .flatMap((file) => [...readFileSync(join(root, folder, file), "utf8").matchAll(/new AppError\(\s*"\w+",\s*(?:"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g)])
      .map(([, quoted, backticked]) => (quoted === undefined ? (backticked ?? "") : (JSON.parse(`"${quoted}"`) as string))),
  );
};

/**
 * English left in a translation: two words in a row once quoted text is set aside (“…” and "…" hold someone's
 * own words or a literal to type). A sentence translated only in part, a wrapper's Chinese around an English
 * rule ("请求被拒绝：Unrecognized key: x."), has such a pair; what a translation keeps as it is (a model id, an
 * environment variable, a route, a JSON field, a value from the request) comes one word at a time.
 */
const ENGLISH_PAIR = /[A-Za-z][A-Za-z'’-]*\s+[A-Za-z]/;
const leftInEnglish = (text: string): boolean => ENGLISH_PAIR.test(text.replace(/“[^”]*”|"[^"]*"/g, ""));

const untranslated = (all: readonly string[]) =>
  all.filter((sentence) => {
    const said = zh(sentence);
    return said === sentence || !/[\u4e00-\u9fff]/.test(said) || leftInEnglish(said);
  });

describe("the shared rules' sentences in Chinese", () => {
  it("covers every sentence the rules produce", async () => {
    const all = await sentences();
    expect(all.length).toBeGreaterThan(40);
    expect(untranslated(all)).toEqual([]);
  });

  it("covers every sentence the server throws as written", () => {
    const all = thrownAsWritten();
    expect(all.length).toBeGreaterThan(30);
    expect(untranslated(all)).toEqual([]);
  });

  it("takes a sentence translated in part for untranslated, but not the names a translation keeps", () => {
    expect(leftInEnglish("请求被拒绝：A title may be at most 200 characters.")).toBe(true);
    expect(leftInEnglish("请求被拒绝：Unrecognized key: x.")).toBe(true);
    expect(leftInEnglish("请运行本站的人检查 ONETOKEN_API_KEY 和 POST /v1/images/edits（“a fox in snow”，\"A fox, in snow\"）。")).toBe(false);
  });

  it("swaps only a group's own fixed words, never a name someone gave", () => {
    for (const name of ["width", "height", "Models", "Seeds", "Watermark", "Model A", "too many"]) {
      expect(zh(notFound(`The list “${name}”`).message)).toBe(`列表“${name}”不存在（可能已被删除）。`);
    }
    expect(zh("The input image's width must be a number.")).toBe("输入图片的宽必须是数字。");
    expect(zh("Models: give at least 2 values.")).toBe("模型：至少给出 2 个值。");
  });

  it("keeps the numbers and names, and leaves English and unknown sentences alone", () => {
    expect(zh("qwen-image reads at most 800 characters; this prompt has 801.")).toBe("qwen-image 最多读取 800 个字符，当前提示词有 801 个。");
    expect(zh("qwen-image needs width and height each between 512 and 1440 px; 100*100 has width 100.")).toBe(
      "qwen-image 要求宽和高都在 512 至 1440 像素之间；100*100 的宽为 100。",
    );
    expect(zh("That column was retried already (in another tab, or by someone else): its new attempt is in the comparison.")).toBe(
      "这一列已经重试过了（在另一个标签页，或由其他人）：新的尝试就在这组对比里。",
    );
    expect(zh("qwen-image needs width and height each between 512 and 1440 px; 5000*100 has width 5000 and height 100.")).toBe(
      "qwen-image 要求宽和高都在 512 至 1440 像素之间；5000*100 的宽为 5000，高为 100。",
    );
    expect(translateRuleMessage("qwen-image reads at most 800 characters; this prompt has 801.", MESSAGES.en.rules)).toBe(
      "qwen-image reads at most 800 characters; this prompt has 801.",
    );
    expect(zh("The gateway is down.")).toBe("The gateway is down.");
    // A refusal quoting a rule is translated with the rule inside it.
    expect(zh("The request was refused: prompt: Write a prompt first.")).toBe("请求被拒绝：请先填写提示词。");
    // One held place is said as one, many as many.
    expect(zh(refusals.heldPlaces(4, 1, 1))).toBe(
      "本站已达同时运行 4 个生成的上限，其中 1 个位置被一个发出后又中止的调用占着（已取消、被中断或没有得到明确答复）：网关可能仍在生成它的图片，所以这个位置要保留到确定它已停止为止。它将在 1 秒后空出。",
    );
    expect(zh(refusals.heldPlaces(8, 3, 45))).toContain("其中 3 个位置被发出后又中止的调用占着");
    expect(zh(refusals.heldAmongRunning(8, 6))).toBe(
      "本站已达同时运行 8 个生成的上限，其中 6 个位置被发出后又中止的调用占着（已取消、被中断或没有得到明确答复）：网关可能仍在生成它们的图片。其余位置上的生成正在运行，随时可能空出位置。请几秒后重试。",
    );
  });

  it("tells an over-full answer that lost images as one story, and still reads the sentences older records keep", () => {
    const over = { ...EMPTY_ANSWER, images: Array.from({ length: 6 }, () => ONE_IMAGE) };
    const lost = Array.from({ length: 5 }, () => new AppError("bad_upstream_response", "The gateway's image link answered 404; the image could not be kept."));
    expect([...answerNotices(4, over), ...lostNotices(6, lost)].map(zh)).toEqual([
      "网关返回了 6 张图片，多于所需的 4 张；全部计入用量。",
      "6 张图片中有 5 张无法保存；它们照样计费。",
      "网关的图片链接返回了 404，图片无法保存。",
    ]);
    expect(zh(answerNotices(4, { ...EMPTY_ANSWER, images: Array.from({ length: 9 }, () => ONE_IMAGE) })[0] ?? "")).toBe("网关返回了 9 张图片，多于所需的 4 张；只取前 6 张，全部计入用量。");
    expect(zh("The gateway returned 6 images, more than the 4 asked for; all are kept and counted.")).toBe("网关返回了 6 张图片，多于所需的 4 张；全部计入用量。");
    expect(zh("The gateway returned 9 images, more than the 4 asked for; the first 6 are kept, and all are counted.")).toBe("网关返回了 9 张图片，多于所需的 4 张；只取前 6 张，全部计入用量。");
    expect(zh("1 of the 3 images the gateway returned could not be kept; they are billed all the same.")).toBe("3 张图片中有 1 张无法保存；它们照样计费。");
  });

  it("says images of another size than asked with their sizes and the one asked", () => {
    const sizes = [{ width: 1, height: 1 }, { width: 2, height: 2 }, { width: 800, height: 600 }];
    expect(unaskedSizeNotices({ ...defaultRequest("qwen-image"), prompt: "x", width: 800, height: 600 }, sizes).map(zh)).toEqual(["保存的 3 张图片中有 2 张是 1*1、2*2，而不是所要求的 800*600。"]);
    expect(unaskedSizeNotices({ ...edit, size: null }, sizes.slice(0, 1)).map(zh)).toEqual(["网关返回的图片是 1*1，而跟随输入图片应约为 1184*880。"]);
  });
});
