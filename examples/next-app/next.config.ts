import type { NextConfig } from "next";

// The package is TypeScript source: Next compiles it like the app's own code.
const nextConfig: NextConfig = { transpilePackages: ["auth0-account-linking"] };

export default nextConfig;
