import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app: root src/web, built to dist/web, which the Fastify server serves at / with an
 * SPA fallback. The CSP there is strict (script-src 'self'), so the build must not rely on
 * inline scripts or eval: Vite emits module scripts only, and no module preload polyfill.
 */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // The polyfill is an inline-free module, but modern browsers do not need it.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(echarts|zrender|echarts-for-react|size-sensor)\//.test(id)) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
