// Bundle bench/gpu.ts (and everything it imports, WGSL inlined) into .gpurun/gpu-bench.mjs for an offline GPU server
// (GPU-RUN.md). Dawn is not bundled: the bundle loads it from $GOLDENRULE_DAWN_NODE (e.g. /tmp/dawn/dawn.node).
//   node bench/gpu-bundle.mjs        then copy .gpurun/ (with node.xz, dawn.node.xz, the libvulkan1 .deb) to the server
import { build } from 'esbuild';
import { readdirSync, readFileSync, mkdirSync, copyFileSync, chmodSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shaders = {};
for (const f of readdirSync(join(root, 'shaders'))) if (f.endsWith('.wgsl')) shaders[f.replace(/\.wgsl$/, '')] = readFileSync(join(root, 'shaders', f), 'utf8');
mkdirSync(join(root, '.gpurun'), { recursive: true });
await build({
  entryPoints: [join(root, 'bench/gpu.ts')],
  outfile: join(root, '.gpurun/gpu-bench.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['webgpu'],
  banner: {
    js: [
      "import { createRequire as __grCreateRequire } from 'node:module';",
      'const require = __grCreateRequire(import.meta.url);',
      `globalThis.__GOLDENRULE_SHADERS__ = ${JSON.stringify(shaders)};`,
    ].join('\n'),
  },
  logLevel: 'info',
});
copyFileSync(join(root, 'bench/gpu-run.sh'), join(root, '.gpurun/gpu-run.sh'));
chmodSync(join(root, '.gpurun/gpu-run.sh'), 0o755);
console.log('wrote .gpurun/gpu-bench.mjs and .gpurun/gpu-run.sh');
