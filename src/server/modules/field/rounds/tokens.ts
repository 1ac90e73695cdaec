import { randomBytes } from 'node:crypto';

/** 22 random URL-safe characters (design A.3.0): printed on the label, never the id. */
export const newToken = () => randomBytes(16).toString('base64url').slice(0, 22);
