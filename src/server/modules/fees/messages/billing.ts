/** Server messages of the fees module's billing part, zh-CN and en-US (same keys in both). */
export const zh: Record<string, string> = {};
export const en: Record<string, string> = {};
