import { vi } from "vitest";

/**
 * What lib/api/live.ts uses of a browser, small enough to drive from a test: EventSource, BroadcastChannel,
 * Web Locks, fetch, the document's visibility and the location. Tabs of one browser are module instances of
 * lib/api/live.ts sharing these.
 */

type Listener = (event: MessageEvent<string>) => void;

/** A stream the test speaks for: where it was opened, and what the server sends on it. */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  /** Every stream opened since the browser was installed, oldest first. */
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: Listener) {
    const listeners = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, listeners);
    listeners.add(listener);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed() {
    return this.readyState === FakeEventSource.CLOSED;
  }

  /** An event from the server (nothing, once closed: a closed EventSource hands nothing over). */
  send(type: string, data: unknown = {}, lastEventId = "") {
    if (this.closed) return;
    this.readyState = FakeEventSource.OPEN;
    this.dispatch(type, new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }

  /** The connection failing: `refused` (an error answer, which the browser gives up on) or dropped (it reconnects by itself). */
  fail(refused: boolean) {
    this.readyState = refused ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.dispatch("error", new MessageEvent("error"));
  }

  private dispatch(type: string, event: MessageEvent<string>) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** A BroadcastChannel: a message goes to every other open channel of its name, a task later. */
export class FakeChannel {
  static all: FakeChannel[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  /** A tab hung or frozen: nothing it posts goes out. */
  silenced = false;
  private open = true;

  constructor(readonly name: string) {
    FakeChannel.all.push(this);
  }

  postMessage(data: unknown) {
    if (!this.open || this.silenced) return;
    for (const other of FakeChannel.all) {
      if (other === this || other.name !== this.name) continue;
      const copy = structuredClone(data);
      queueMicrotask(() => {
        if (other.open) other.onmessage?.({ data: copy });
      });
    }
  }

  close() {
    this.open = false;
  }
}

type LockRequest = { readonly callback: () => Promise<unknown>; resolve(value: unknown): void; reject(reason: unknown): void };

/** Web Locks, exclusive only: a request waits in line (until its signal aborts), or steals the lock. */
export class FakeLocks {
  private readonly held = new Map<string, LockRequest>();
  private readonly lines = new Map<string, LockRequest[]>();

  request(name: string, options: { steal?: boolean; signal?: AbortSignal }, callback: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request = { callback, resolve, reject };
      const { signal } = options;
      if (signal?.aborted) return reject(signal.reason);
      if (options.steal) {
        // The holder's request is rejected at once; its callback runs on, without the lock.
        this.held.get(name)?.reject(new DOMException("The lock was stolen.", "AbortError"));
        this.grant(name, request);
        return;
      }
      const line = this.lines.get(name) ?? [];
      this.lines.set(name, line);
      line.push(request);
      signal?.addEventListener(
        "abort",
        () => {
          const at = line.indexOf(request);
          if (at < 0) return;
          line.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      this.next(name);
    });
  }

  private next(name: string) {
    if (this.held.has(name)) return;
    const request = this.lines.get(name)?.shift();
    if (request) this.grant(name, request);
  }

  private grant(name: string, request: LockRequest) {
    this.held.set(name, request);
    queueMicrotask(() => {
      void request
        .callback()
        .then(request.resolve, request.reject)
        .finally(() => {
          if (this.held.get(name) !== request) return;
          this.held.delete(name);
          this.next(name);
        });
    });
  }
}

/** `locks`: whether the browser has Web Locks (an insecure origin has none); where the page is. */
export type BrowserOptions = { readonly locks?: boolean; readonly pathname?: string; readonly search?: string };

/**
 * Installs the fakes on globalThis (undone by vi.unstubAllGlobals). `server` is what fetch answers: the
 * status of /api/limits, a throw for no answer, or "silent" for an answer that never comes; the change log's
 * newest id for /api/generations.
 */
export const installBrowser = ({ locks = true, pathname = "/", search = "" }: BrowserOptions = {}) => {
  FakeEventSource.opened = [];
  FakeChannel.all = [];
  const server = { limits: 200 as number | "unreachable" | "silent", changeId: 0 };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith("/api/limits")) {
      if (server.limits === "unreachable") throw new TypeError("Failed to fetch");
      // A server that takes the request and never answers: only the request's own signal ends the wait.
      if (server.limits === "silent") {
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
      }
      return Response.json({}, { status: server.limits });
    }
    if (url.startsWith("/api/generations")) return Response.json({ items: [], nextCursor: null, changeId: server.changeId });
    throw new Error(`Not faked: ${url}`);
  });
  const document = { hidden: false };
  const location = { pathname, search, assign: vi.fn<(url: string) => void>() };
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal("BroadcastChannel", FakeChannel);
  vi.stubGlobal("navigator", locks ? { locks: new FakeLocks() } : {});
  vi.stubGlobal("fetch", fetch);
  vi.stubGlobal("document", document);
  vi.stubGlobal("window", { location });
  vi.stubGlobal(
    "Image",
    class {
      src = "";
      decode = () => Promise.resolve();
    },
  );
  return { server, fetch, document, location };
};

/** The requests made of one path (without its query). */
export const asked = (fetch: ReturnType<typeof installBrowser>["fetch"], path: string) => fetch.mock.calls.filter(([input]) => String(input).split("?")[0] === path).length;
