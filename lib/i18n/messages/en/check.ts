/** English text of "Check connection" (also what `npm run check-gateway` prints). `{name}` placeholders. */
export const check = {
  open: "Check connection",
  /** The header\'s short label of the same button. */
  openShort: "Check",
  dialog: "Check the connection to the gateway",
  heading: "Connection to the gateway",
  intro:
    "Each model gets one request the gateway refuses before it makes anything (an empty prompt, 0 images, a 1*1 size, seed -1), so nothing is billed.",
  run: "Check again",
  running: "Checking…",
  close: "Close",
  error: "The check could not run: {error}",
  offline: "Offline demo: this checked the built-in simulator, not the real gateway. Start the playground with ONETOKEN_API_KEY to check the real one.",
  took: "Checked {baseUrl} in {seconds} s.",
  reachable: "The gateway answers at this address (HTTP {status} to a request without a key).",
  simulatorReachable: "The built-in simulator answers (HTTP {status} to a request without a key).",
  unreachable: "Nothing answers at {baseUrl}: check the server's network and ONETOKEN_BASE_URL. Nothing else could be checked.",
  key: {
    accepted: "The API key is accepted.",
    simulated: "No API key is set: the simulator took its own stand-in key, so no real key was checked.",
    refused: "The gateway refuses the API key: whoever runs the playground must check ONETOKEN_API_KEY.",
    unknown: "These answers do not tell whether the key is accepted (see each model below).",
  },
  summary: { one: "{count} of {total} models answer.", other: "{count} of {total} models answer." },
  table: { model: "Model", endpoint: "Endpoint", outcome: "What it answered", detail: "Status, code, request id" },
  endpoints: { generations: "generation", edits: "editing" },
  outcomes: {
    answers: "Answers: it refused the test's settings, as it should, so the key works for this model.",
    key_refused: "Refused the key.",
    model_unknown: "The gateway does not know this model (or does not serve it here).",
    model_denied: "The key may not use this model.",
    out_of_credit: "The account is out of credit.",
    rate_limited: "The gateway is limiting requests right now; check again in a minute.",
    unavailable: "The model is temporarily unavailable.",
    gateway_error: "The gateway failed on its side.",
    unreachable: "No answer in time.",
    generated: "It made images for a request that should have been refused: they may be billed. Tell the gateway's support.",
  },
  cannotCheck:
    "What cannot be checked without spending: whether a model really makes images, how long it takes and what it costs. Generate one image to see that.",
};
