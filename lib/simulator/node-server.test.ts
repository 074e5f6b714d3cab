import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSimulatorServer, type SimulatorServer } from "./node-server";
import { TEST_KEY } from "./test-support";

let server: SimulatorServer;
// One socket, kept alive, so the second request must reuse the connection the first one left behind.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = await startSimulatorServer({ latencyMs: 0 });
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

const post = (body: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const request = http.request(`${server.url}/v1/images/generations`, { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
    request.end(body);
  });

it("keeps a connection usable after answering without reading a large body", async () => {
  const large = JSON.stringify({ model: "wan2.6-t2i", prompt: "x", padding: "y".repeat(4 * 1024 * 1024) });
  expect(await post(large, {})).toBe(401);
  const small = JSON.stringify({ model: "wan2.6-t2i", prompt: "x", n: 1 });
  expect(await post(small, { authorization: `Bearer ${TEST_KEY}` })).toBe(200);
});

it("keeps a path that looks like another origin on this one", async () => {
  const response = await fetch(`${server.url}//elsewhere.invalid/health`);
  expect(response.status).toBe(404);
});
