export async function register() {
  // The check uses Node-only APIs; the edge build must not see it.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
