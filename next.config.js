/** @type {import('next').NextConfig} */
module.exports = {
  // Native and generated modules stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "prisma"],
  poweredByHeader: false,
};
