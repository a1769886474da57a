export { acquireGpu, probeGpu, NoAdapterError, SWIFTSHADER_ICD, type AdapterDescription, type GpuContext } from './device.js';
export { runWebGpuEnsemble, webGpuSupport, batchCapacity, GpuDeviceLostError, type WebGpuRunOptions } from './scheduler.js';
export { registerShaderSources } from './shaders.js';
export { runWebGpuDenseEnsemble, denseBatchCapacity, type WebGpuDenseRunOptions, type WebGpuDenseResult } from './dense-scheduler.js';
export { cpuJacobi, type JacobiOptions, type JacobiResult } from './jacobi-twin.js';
