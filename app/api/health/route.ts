import { getStorage } from "@/lib/history/storage";

export const dynamic = "force-dynamic";

/**
 * For load balancers and orchestrators: 200 once the history is open, 503 otherwise. Their probes ask by the
 * instance's own address, which the playground answers nothing else at (lib/http/route.ts), and carry no
 * session: so this says nothing but whether it is up, and takes no Host check or gate. It probes neither the
 * database nor the image bucket: every instance shares them, so a probe failing on them would take every
 * instance out of the balancer at once, for a fault none of them can mend (README, "Deploying for a team").
 */
export async function GET(): Promise<Response> {
  const up = await getStorage().then(
    () => true,
    () => false,
  );
  return Response.json({ ok: up }, { status: up ? 200 : 503, headers: { "cache-control": "no-store" } });
}
