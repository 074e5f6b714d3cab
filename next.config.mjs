/** Headers every response carries; the page's CSP (with its per-request nonce) comes from proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The stylesheet in the HTML: the first paint waits for no second request (Lighthouse's applied-throttling
  // LCP of / fell from about 1.85 s to 1.2 s; docs/first-screen.md), for 32 kB more HTML per load.
  experimental: { inlineCss: true },
  // Native code (image processing, SQLite) and the slide-deck writer (its own zip library) are loaded from
  // node_modules at run time, not bundled.
  serverExternalPackages: ["sharp", "libsql", "undici", "pptxgenjs"],
  // The app has no use for Next's image optimizer (images are served and sized by its own routes), and the
  // optimizer fetches a local URL itself, without the caller's Host: a page under a rebound name could have
  // read the history's images through it. Off, /_next/image answers 404.
  images: { unoptimized: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
