import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiPort = process.env.API_PORT ?? '3000';
const target = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': target,
      '/collab': { target, ws: true },
      '/socket.io': { target, ws: true },
    },
  },
});
