import { getStorage } from "@/lib/history/storage";
import { closingWhileStopping } from "@/lib/http/route";
import { processStop } from "@/lib/process-stop";

export const dynamic = "force-dynamic";

/**
 * For load balancers and orchestrators: 200 once the history is open, 503 otherwise. Their probes ask by the
 * instance's own address, which the playground answers nothing else at (lib/http/route.ts), and carry no
 * session: so this says nothing but whether it is up, and takes no Host check or gate. It probes neither the
 * database nor the image bucket: every instance shares them, so a probe failing on them would take every
 * instance out of the balancer at once, for a fault none of them can mend (README, "Deploying for a team").
 * A stopping instance is down at once, and closes the probe's connection: a balancer probing over a kept-alive
 * one would otherwise keep it in rotation until it is gone.
 */
export async function GET(): Promise<Response> {
  const up =
    !processStop().signal.aborted &&
    (await getStorage().then(
      () => true,
      () => false,
    ));
  return closingWhileStopping(Response.json({ ok: up }, { status: up ? 200 : 503, headers: { "cache-control": "no-store" } }));
}
