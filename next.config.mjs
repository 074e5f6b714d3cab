/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // sharp is native code used only by the offline simulator; keep it out of the server bundle.
  serverExternalPackages: ["sharp"],
};

export default nextConfig;
