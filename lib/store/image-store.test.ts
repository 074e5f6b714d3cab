import { randomUUID } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closedPort } from "@/test/call-support";
import { freshS3Config, IMAGE_BACKENDS } from "@/test/image-backends";
import { GetObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { AppError } from "../errors";
import { createS3Client, createS3Images } from "./s3-images";
import { BUCKET_UNREACHED } from "./unreachable";
import type { ImageStore } from "./types";

/** Image bytes: one contract, run against the folder and a real S3-compatible server (Swift with s3api). */

describe.each(IMAGE_BACKENDS)("in the $name", (backend) => {
  let images: ImageStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ images, close } = await backend.open());
  });
  afterEach(async () => {
    await close();
  });

  const full = (label: string) => Buffer.from(`full image bytes: ${label}`);
  const thumb = (label: string) => Buffer.from(`thumbnail bytes: ${label}`);

  it("reads back both variants as they were written, byte for byte", async () => {
    const id = randomUUID();
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    big.write("a large original", 0);
    await images.put(id, big, thumb("a"));
    expect((await images.read(id, "full"))?.equals(big)).toBe(true);
    expect(await images.read(id, "thumb")).toEqual(thumb("a"));
  });

  it("writes the image while the thumbnail is still in the making, and keeps neither if making it fails", async () => {
    const made = randomUUID();
    let finish: (bytes: Buffer) => void = () => undefined;
    const putting = images.put(made, full("made"), new Promise<Buffer>((resolve) => (finish = resolve)));
    finish(thumb("made"));
    await putting;
    expect(await images.read(made, "thumb")).toEqual(thumb("made"));

    const broken = randomUUID();
    await expect(images.put(broken, full("broken"), Promise.reject(new Error("does not decode")))).rejects.toThrow("does not decode");
    expect(await images.has(broken)).toBe(false);
    expect(await images.read(broken, "full")).toBeNull();
  });

  it("streams what it holds with its length", async () => {
    const id = randomUUID();
    await images.put(id, full("streamed"), thumb("streamed"));
    const opened = await images.stream(id, "thumb");
    expect(opened?.length).toBe(thumb("streamed").length);
    expect(Buffer.from(await new Response(opened?.body).arrayBuffer())).toEqual(thumb("streamed"));
  });

  it("answers nothing for an id it does not hold or that is no image id", async () => {
    expect(await images.read(randomUUID(), "full")).toBeNull();
    expect(await images.stream(randomUUID(), "thumb")).toBeNull();
    expect(await images.read("../../etc/passwd", "full")).toBeNull();
    await expect(images.put("../escape", full("x"), thumb("x"))).rejects.toThrow(/not an image id/);
  });

  it("removes both variants, and removing twice is no error", async () => {
    const id = randomUUID();
    await images.put(id, full("gone"), thumb("gone"));
    expect(await images.has(id)).toBe(true);
    await images.remove(id);
    await images.remove(id);
    expect(await images.read(id, "full")).toBeNull();
    expect(await images.read(id, "thumb")).toBeNull();
    expect(await images.has(id)).toBe(false);
    expect(await images.has("not/an/id")).toBe(false);
  });

  it("sweeps what no record owns, only when written before the given time", async () => {
    const kept = randomUUID();
    const orphan = randomUUID();
    await images.put(kept, full("kept"), thumb("kept"));
    await images.put(orphan, full("orphan"), thumb("orphan"));
    expect(await images.sweep(new Set([kept]), Date.now() - 60_000)).toBe(0);
    expect(await images.read(orphan, "full")).not.toBeNull();
    expect(await images.sweep(new Set([kept]), Date.now() + 2_000)).toBe(2);
    expect(await images.read(orphan, "full")).toBeNull();
    expect(await images.read(kept, "thumb")).toEqual(thumb("kept"));
  });
});

describe("in a bucket shared by deployments", () => {
  it("sweeps its own folder only, not a deployment whose prefix lies inside it", async () => {
    const outer = await freshS3Config();
    const inner = { ...outer, prefix: `${outer.prefix}images/other/` };
    const images = await createS3Images(outer);
    const theirs = await createS3Images(inner);
    const id = randomUUID();
    await theirs.put(id, Buffer.from("their image"), Buffer.from("their thumbnail"));
    expect(await images.sweep(new Set(), Date.now() + 2_000)).toBe(0);
    expect(await theirs.has(id)).toBe(true);
  });

  it("judges a file's age by the server's clock, whatever this machine's says", async () => {
    const config = await freshS3Config();
    // This machine's clock two hours ahead of the S3 server's: a file written now looks two hours old by it.
    const ahead = 2 * 60 * 60 * 1000;
    const now = () => Date.now() + ahead;
    const images = await createS3Images(config, undefined, now);
    const id = randomUUID();
    await images.put(id, Buffer.from("written a moment ago"), Buffer.from("its thumbnail"));
    // Orphans older than an hour, by this machine's clock: the file is not one of them.
    expect(await images.sweep(new Set(), now() - 60 * 60 * 1000)).toBe(0);
    expect(await images.has(id)).toBe(true);
    expect(await images.sweep(new Set(), now() + 5_000)).toBe(2);
  });
});

describe("in a bucket that stops answering", () => {
  it("gives up on a request the server accepted and never answers, rather than waiting for good", async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const config = { bucket: "silent", prefix: "", endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", credentials: { accessKeyId: "k", secretAccessKey: "s" }, forcePathStyle: true };
    try {
      await expect(createS3Images(config, createS3Client(config, { connectMs: 1_000, idleMs: 300 }))).rejects.toThrow(/The image bucket silent cannot be used/);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 15_000);
});

describe("a bucket gone after the start (a restart, an outage)", () => {
  it("answers a read with the store's outage, to try again in a few seconds", async () => {
    const config = await freshS3Config();
    const target = new URL(config.endpoint ?? "");
    // The bucket's server behind a loopback relay that is then taken away, as a restart would.
    const relayed: Socket[] = [];
    const relay = createServer((socket) => {
      const onward = connect(Number(target.port), target.hostname);
      relayed.push(socket, onward);
      socket.pipe(onward).pipe(socket);
      for (const end of [socket, onward]) end.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const address = relay.address();
    const images = await createS3Images({ ...config, endpoint: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
    await images.put("gone-00000001", Buffer.from("full"), Buffer.from("thumb"));
    for (const socket of relayed) socket.destroy();
    await new Promise((resolve) => relay.close(resolve));
    for (const read of [() => images.read("gone-00000001", "full"), () => images.stream("gone-00000001", "thumb")]) {
      const failure = await read().then(() => null, (error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect(failure).toMatchObject({ code: "storage_unavailable", status: 503, retryAfterSeconds: 5, message: BUCKET_UNREACHED, cause: expect.objectContaining({ code: "ECONNREFUSED" }) });
    }
  });

  it("says the bucket's own 5xx as its outage, and passes on a refusal that is not one (keys that may no longer read) as it came", async () => {
    const config = await freshS3Config();
    const answering = (status: number, name: string) => {
      const client = createS3Client(config);
      const send = client.send.bind(client);
      // The bucket's answer to every read, as a server restarting (503) or one whose keys were taken back (403) gives it.
      client.send = (async (command: Parameters<typeof send>[0]) => {
        if (command instanceof GetObjectCommand) throw new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message: name });
        return send(command);
      }) as typeof client.send;
      return createS3Images(config, client);
    };
    const outage = await (await answering(503, "ServiceUnavailable")).read("some-00000001", "full").catch((error: unknown) => error);
    expect(outage).toMatchObject({ code: "storage_unavailable", retryAfterSeconds: 5 });
    const denied = await (await answering(403, "AccessDenied")).read("some-00000001", "full").catch((error: unknown) => error);
    expect(denied).not.toBeInstanceOf(AppError);
    expect(denied).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
  });
});

describe("a bucket that cannot be used stops the start with the setting to check", () => {
  it("a wrong secret: the status, and the keys to check", async () => {
    const config = { ...(await freshS3Config()), credentials: { accessKeyId: "test:tester", secretAccessKey: "wrong" } };
    const refusal = createS3Images(config);
    await expect(refusal).rejects.toThrow(`The image bucket playground-tests cannot be used: ${config.endpoint} answered 403 (access denied). Check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that they may list the bucket.`);
    await expect(refusal).rejects.not.toThrow(/wrong/);
  });

  it("a missing bucket: the status, and the bucket to create", async () => {
    const config = { ...(await freshS3Config()), bucket: "no-such-bucket" };
    await expect(createS3Images(config)).rejects.toThrow(
      `The image bucket no-such-bucket cannot be used: ${config.endpoint} answered 404, it has no such bucket. Check S3_BUCKET and S3_ENDPOINT, or create the bucket.`,
    );
  });

  it("an endpoint that refuses connections: S3_ENDPOINT", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const config = { ...(await freshS3Config()), endpoint };
    await expect(createS3Images(config)).rejects.toThrow(new RegExp(`^The image bucket playground-tests cannot be used: ${endpoint} could not be reached \\(.*ECONNREFUSED.*\\)\\. Check S3_ENDPOINT\\.$`));
  });
});
