// The ids of the two rules tmp-paths fixes (the MIGRATION.md anchors too).
export const FIXED_RULE = 'tmp-fixed-path';
export const CACHE_RULE = 'tmp-shared-cache';
