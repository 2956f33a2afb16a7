/*
 * The sizes a lesson pack may have, in one small module: the engine (load.ts), the pack
 * reader (reader.ts) and the browser build's page (which must not pull in the engine)
 * all keep to these.
 */
export const PACK_LIMITS = {
  /** Largest lesson or manifest file, in bytes. */
  maxYamlBytes: 1_000_000,
  maxAssetBytes: 2 * 1024 * 1024,
  maxPackBytes: 20 * 1024 * 1024,
  maxFiles: 1000,
};

export interface PackReadLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxDepth: number;
  /** Size of a `.pagewalk` archive file itself. */
  maxArchiveBytes: number;
}

/** What the pack reader reads at most: nothing beyond the engine's limits could load, so nothing beyond them is read. */
export const PACK_READ_LIMITS: PackReadLimits = {
  maxFiles: PACK_LIMITS.maxFiles,
  maxFileBytes: Math.max(PACK_LIMITS.maxYamlBytes, PACK_LIMITS.maxAssetBytes),
  maxTotalBytes: PACK_LIMITS.maxPackBytes,
  maxDepth: 8,
  maxArchiveBytes: PACK_LIMITS.maxPackBytes,
};
