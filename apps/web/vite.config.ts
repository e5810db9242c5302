import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into apps/web/dist, which the Fastify server serves with an SPA fallback.
// In development `vite` proxies /api to that server on port 3000.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages are lazy routes (app/router.tsx), so antd is split by the components each page uses;
    // React, the router and the query client change rarely and get a long-cached chunk of their own.
    rolldownOptions: {
      // packages/domain is pure functions and data (lint forbids I/O there) but its package.json
      // does not say so; without this every page importing one helper would carry zod, the region
      // tables and the holiday calendar.
      treeshake: {
        moduleSideEffects: [{ test: /[\\/]packages[\\/]domain[\\/]src[\\/]/, sideEffects: false }],
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
