/**
 * WebGPU adapter and device acquisition, in Node (Dawn via the `webgpu` package) and in browsers (`navigator.gpu`).
 *
 * Node specifics (DESIGN.md section 8):
 * - Dawn needs a Vulkan driver. When `VK_ICD_FILENAMES` / `VK_DRIVER_FILES` are unset and Debian chromium's SwiftShader
 *   manifest exists, it is selected automatically (a software adapter, reported as such).
 * - Dawn dlopen()s `libvulkan.so.1`. Debian's chromium ships its own loader in /usr/lib/chromium without installing the
 *   system `libvulkan1`; when the system loader is missing we preload chromium's copy with RTLD_NODELETE|RTLD_GLOBAL so that
 *   Dawn's later dlopen by soname finds it (Node rejects it as "not a module", but with RTLD_NODELETE it stays loaded).
 * - Dawn keeps the Node event loop alive until the device is destroyed and the GPU object released: always call
 *   `GpuContext.destroy()` (also after errors), after which the process can exit.
 * - `GOLDENRULE_DAWN_NODE=/path/dawn.node` loads Dawn's addon directly (the offline GPU bundle, see bench/README.md).
 */

/** What the run reports about the adapter it used. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software / fallback adapter (SwiftShader, WARP, llvmpipe...). */
  software: boolean;
  /** The platform: 'dawn-node' or 'browser'. */
  platform: 'dawn-node' | 'browser';
  /** One line for logs and output files, e.g. "google swiftshader (SwiftShader Device (Subzero)) [software]". */
  summary: string;
}

export interface GpuContext {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly info: AdapterDescription;
  /** Resolves when the device is lost (destroyed counts too: check `reason`). */
  readonly lost: Promise<GPUDeviceLostInfo>;
  /** Destroy the device and release the GPU object so Node can exit. Idempotent. */
  destroy(): void;
}

/** Where Debian's chromium package puts SwiftShader's Vulkan ICD and its Vulkan loader. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const CHROMIUM_VULKAN_LOADER = '/usr/lib/chromium/libvulkan.so.1';

/** Raised when no adapter can be had; `reason` says why (printed by tests that skip, and by `--backend auto`). */
export class NoAdapterError extends Error {
  constructor(readonly reason: string) {
    super(`no WebGPU adapter: ${reason}`);
    this.name = 'NoAdapterError';
  }
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

interface NodeGpuFactory {
  gpu: GPU;
}

let nodeFactory: Promise<NodeGpuFactory> | null = null;

async function nodePrepareEnvironment(): Promise<void> {
  const fs = await import('node:fs');
  const env = process.env;
  if (!env.VK_ICD_FILENAMES && !env.VK_DRIVER_FILES && fs.existsSync(SWIFTSHADER_ICD)) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  // Preload chromium's Vulkan loader when the system one is missing (see the module comment).
  const systemLoader = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1']
    .some((p) => fs.existsSync(p));
  if (process.platform === 'linux' && !systemLoader && fs.existsSync(CHROMIUM_VULKAN_LOADER)) {
    const os = await import('node:os');
    const c = os.constants.dlopen as Record<string, number>;
    const flags = (c.RTLD_NOW ?? 2) | (c.RTLD_GLOBAL ?? 0x100) | (c.RTLD_NODELETE ?? 0x1000);
    try {
      process.dlopen({ exports: {} } as NodeJS.Module, CHROMIUM_VULKAN_LOADER, flags);
    } catch {
      /* expected: "Module did not self-register"; the library stays loaded (RTLD_NODELETE) */
    }
  }
}

async function nodeGpu(): Promise<NodeGpuFactory> {
  if (!nodeFactory) {
    nodeFactory = (async () => {
      await nodePrepareEnvironment();
      let mod: { create: (o: string[]) => GPU; globals: object };
      const direct = process.env.GOLDENRULE_DAWN_NODE;
      if (direct) {
        const { createRequire } = await import('node:module');
        mod = createRequire(import.meta.url)(direct);
      } else {
        mod = (await import('webgpu')) as unknown as typeof mod;
      }
      // GPUBufferUsage, GPUMapMode, GPUShaderStage... as globals, like a browser.
      for (const [k, v] of Object.entries(mod.globals)) {
        if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
      }
      return { gpu: mod.create([]) };
    })();
  }
  return nodeFactory;
}

function describe(adapter: GPUAdapter, platform: AdapterDescription['platform']): AdapterDescription {
  const i = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const vendor = i?.vendor ?? '';
  const architecture = i?.architecture ?? '';
  const device = i?.device ?? '';
  const description = i?.description ?? '';
  const text = `${vendor} ${architecture} ${device} ${description}`.toLowerCase();
  const software =
    !!i?.isFallbackAdapter ||
    !!(adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ||
    /swiftshader|llvmpipe|lavapipe|warp|software|softpipe/.test(text);
  const name = [vendor, architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const detail = description || device;
  const summary = `${name}${detail ? ` (${detail})` : ''}${software ? ' [software]' : ''}`;
  return { vendor, architecture, device, description, software, platform, summary };
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /** Refuse software adapters (SwiftShader): `--backend auto` on a machine without a real GPU. Default false. */
  requireHardware?: boolean;
}

/**
 * Acquire an adapter and a device with the adapter's full buffer limits. Throws NoAdapterError when there is none.
 * @example const gpu = await acquireGpu(); console.log(gpu.info.summary); gpu.destroy();
 */
export async function acquireGpu(opts: AcquireOptions = {}): Promise<GpuContext> {
  let gpu: GPU | undefined;
  let platform: AdapterDescription['platform'];
  let release: () => void = () => {};
  if (typeof navigator !== 'undefined' && (navigator as Navigator & { gpu?: GPU }).gpu && !isNode) {
    gpu = (navigator as Navigator & { gpu: GPU }).gpu;
    platform = 'browser';
  } else if (isNode) {
    try {
      gpu = (await nodeGpu()).gpu;
    } catch (e) {
      throw new NoAdapterError(`cannot load Dawn (webgpu package): ${(e as Error).message}`);
    }
    platform = 'dawn-node';
    // Dropping our reference to the GPU object lets Dawn's instance go once the device is destroyed.
    release = () => {
      nodeFactory = null;
    };
  } else {
    throw new NoAdapterError('this environment has no navigator.gpu');
  }
  const adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  if (!adapter) {
    release();
    const hint = isNode
      ? process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES
        ? ` (Vulkan ICD ${process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES})`
        : ` (no Vulkan driver found; install Debian's chromium for SwiftShader at ${SWIFTSHADER_ICD})`
      : '';
    throw new NoAdapterError(`requestAdapter() returned null${hint}`);
  }
  const info = describe(adapter, platform);
  if (opts.requireHardware && info.software) {
    release();
    throw new NoAdapterError(`only a software adapter is available: ${info.summary}`);
  }
  const L = adapter.limits;
  const device = await adapter.requestDevice({
    label: 'goldenrule device',
    requiredLimits: {
      maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
      maxBufferSize: L.maxBufferSize,
      maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
      maxStorageBuffersPerShaderStage: L.maxStorageBuffersPerShaderStage,
    },
  });
  let destroyed = false;
  const ctx: GpuContext = {
    adapter,
    device,
    info,
    lost: device.lost,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        device.destroy();
      } finally {
        release();
      }
    },
  };
  return ctx;
}

/**
 * Probe for an adapter without keeping it: the description, or the reason there is none.
 * `--backend auto` uses it with requireHardware so SwiftShader never beats the CPU pool silently.
 */
export async function probeGpu(opts: AcquireOptions = {}): Promise<{ ok: true; info: AdapterDescription } | { ok: false; reason: string }> {
  try {
    const ctx = await acquireGpu(opts);
    const info = ctx.info;
    ctx.destroy();
    return { ok: true, info };
  } catch (e) {
    return { ok: false, reason: e instanceof NoAdapterError ? e.reason : (e as Error).message };
  }
}
