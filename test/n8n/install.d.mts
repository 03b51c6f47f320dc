export declare const N8N_VERSION: string;
export declare function defaultCacheDir(): string;
export declare function findNode24(): string;
export declare function installedN8n(
  cacheDir?: string,
): { cacheDir: string; n8nBin: string; info: Record<string, unknown> } | null;
export declare function ensureN8n(opts?: { cacheDir?: string; force?: boolean }): Promise<{
  cacheDir: string;
  n8nBin: string;
  nodeBin: string;
  reused: boolean;
  timings: Record<string, number>;
}>;
