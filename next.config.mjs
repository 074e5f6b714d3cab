/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native code (image processing, SQLite) is loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["sharp", "libsql"],
};

export default nextConfig;
