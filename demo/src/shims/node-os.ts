/** Browser stand-in for `node:os` (see vite.config.ts): the device's memory as far as the browser tells it. */
const nav = (typeof navigator !== 'undefined' ? navigator : {}) as { deviceMemory?: number; hardwareConcurrency?: number };

/** navigator.deviceMemory is in GiB, rounded down and capped (Chrome: at most 8); assume 4 GiB when absent. */
export function totalmem(): number {
  return (nav.deviceMemory ?? 4) * 2 ** 30;
}
export function availableParallelism(): number {
  return nav.hardwareConcurrency ?? 2;
}
export default { totalmem, availableParallelism };
