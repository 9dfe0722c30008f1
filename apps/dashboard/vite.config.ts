import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: {
      "/graphql": process.env.HSA_GATEWAY_URL ?? "http://127.0.0.1:4000",
      "/demo/users": process.env.HSA_GATEWAY_URL ?? "http://127.0.0.1:4000",
      // CSV imports: http-proxy streams the upload and the NDJSON progress both ways.
      "/import": process.env.HSA_GATEWAY_URL ?? "http://127.0.0.1:4000",
      // API tokens for scripts (the 接口令牌 page): issue, list, revoke.
      "/auth/tokens": process.env.HSA_GATEWAY_URL ?? "http://127.0.0.1:4000",
    },
  },
});
