/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native, WASM or process-wide packages load from node_modules at run time instead of being bundled,
  // so server.ts and the route handlers share one copy of each.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    'drizzle-orm',
    'argon2',
    'pino',
    'socket.io',
    '@socket.io/redis-adapter',
    '@socket.io/redis-emitter',
    'redis',
  ],
  typedRoutes: false,
};

export default nextConfig;
