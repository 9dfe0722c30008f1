import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Monaco (the 数据查询 page's editor, a chunk loaded on demand) is larger than that.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's "use no memo" (React Compiler) directives: harmless when bundled.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
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
