/** @type {import('next').NextConfig} */
module.exports = {
  // Native and generated modules stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "prisma",
    "@azure/cosmos",
    "@azure/identity",
    "pino",
    "@azure/monitor-opentelemetry-exporter",
    "@opentelemetry/sdk-metrics",
    "@opentelemetry/sdk-trace-base",
    // Reads its font metrics (AFM files) from its own folder at run time.
    "pdfkit",
  ],
  poweredByHeader: false,
  // forbidden(): a signed-in caller asking for what is not theirs gets a real 403.
  experimental: {
    authInterrupts: true,
    // proxy.ts refuses a declared Content-Length over its path's cap (app/_server/requestRules.ts)
    // and a body without one; these bound what Next.js buffers of any body that gets through.
    proxyClientMaxBodySize: "6mb",
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};
