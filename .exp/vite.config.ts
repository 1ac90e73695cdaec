import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
export default defineConfig({ root: '.exp', plugins: [react()], resolve: process.env.PROD_RR ? { alias: { 'react-router': path.resolve('node_modules/react-router/dist/production/index.mjs') } } : {}, build: { outDir: '/tmp/speed-exp', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 5000 } });
