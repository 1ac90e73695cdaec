/** Puts the server's per-field messages on the matching antd form fields. */
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../api/client.ts';

export type NamePath = Array<string | number>;

export function toNamePath(path: string): NamePath {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Sets errors on the fields the form has (names given as dotted paths, e.g. "owners.0.phone");
 * returns the messages that matched no field so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known?: (path: string) => NamePath | null): string[] {
  if (!(err instanceof ApiError)) return [];
  const rest: string[] = [];
  const fields: Array<{ name: NamePath; errors: string[] }> = [];
  for (const [path, msg] of Object.entries(err.fields)) {
    const name = known ? known(path) : toNamePath(path);
    if (name) fields.push({ name, errors: [msg] });
    else rest.push(msg);
  }
  if (fields.length) form.setFields(fields);
  return rest;
}

/** Drops empty strings and undefined so optional fields left blank are not sent. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== '') out[k] = v;
  return out as Partial<T>;
}

/** Field resolver for forms whose fields are named after the request body's top-level keys. */
export function fieldsIn(...names: string[]): (path: string) => NamePath | null {
  return (path) => (names.includes(path.split('.')[0]) ? toNamePath(path) : null);
}

/**
 * A drawer or modal form shows the record it was opened for: its fields are reset to the
 * current initialValues each time it opens (or switches to another record while open).
 */
export function useResetOnOpen(form: FormInstance, open: boolean, record?: unknown): void {
  useEffect(() => {
    if (open) form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, record]);
}
