import type { ReactNode } from "react";
import "../globals.css";

/**
 * Every page's stylesheet, imported here rather than in the root layout: Turbopack lists a root layout's CSS as
 * the global error page's as well, and with `inlineCss` Next then writes the whole stylesheet into each page's
 * payload once more (10 kB gzip of a 50 kB page; docs/first-screen.md).
 */
export default function SiteLayout({ children }: { children: ReactNode }) {
  return children;
}
