import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `vite dev` sends `/trpc` (HTTP and WebSocket). */
const apiTarget = process.env.MEDIANEST_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': { target: apiTarget, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
