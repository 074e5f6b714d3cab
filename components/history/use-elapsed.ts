import { useEffect, useState } from "react";

/** Milliseconds since `since`, ticking while `running`. */
export const useElapsed = (since: number, running: boolean): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, now - since);
};
