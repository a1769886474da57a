/**
 * Vite config of the browser demo (`npm run demo`, `npm run build:demo` -> demo/dist, static files).
 *
 * The demo imports the library's browser-safe modules (model, engine, observables, theory, WebGPU backend) straight
 * from src/. Two of them mention Node modules on paths a browser never takes; aliases give the bundler stand-ins:
 *  - `node:os` (model/validate.ts reads totalmem() as the default memory budget; the demo passes its own budget),
 *  - `webgpu` / `node:*` (backends/webgpu/device.ts loads Dawn only when running under Node).
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    alias: [
      { find: /^node:os$/, replacement: here('./src/shims/node-os.ts') },
      { find: /^(webgpu|node:fs|node:path|node:url|node:module)$/, replacement: here('./src/shims/empty.ts') },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [here('..')] } },
  preview: { host: '127.0.0.1', port: 4173 },
});
