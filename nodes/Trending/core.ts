/**
 * The one place the n8n package reaches into the shared core. It is imported by relative path (not as the
 * `@trending/core` workspace package), so `tsc -p tsconfig.n8n.json` compiles core into dist/packages/core and the
 * published package has no runtime dependency.
 */
export * from '../../packages/core/src';
