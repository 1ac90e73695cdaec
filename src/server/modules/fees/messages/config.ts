/** Server messages of the fees module's config part, zh-CN and en-US (same keys in both). */
export const zh: Record<string, string> = {};
export const en: Record<string, string> = {};
