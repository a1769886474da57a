/** Browser stand-in for Node-only modules that the library imports lazily on Node-only paths (see vite.config.ts). */
export default {};
