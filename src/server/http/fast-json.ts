/**
 * A faster response serializer for the busiest lists. The app's serializer lets zod encode the
 * answer against the route's schema and JSON.stringify write it: for a page of 20 tickets about
 * 620 µs, a fifth of the whole request. fast-json-stringify compiled from the same schema (its
 * JSON Schema form) writes the same text in about 250 µs.
 *  - The same text: only the schema's properties, in its order (test/api/fast-json.test.ts holds
 *    it equal to zod's output for real pages).
 *  - Unlike zod it does not check the answer, only writes what the schema names (a missing
 *    required property still fails): use it where the handler builds the answer from typed code.
 * fast-json-stringify is the one Fastify's own serializer uses, taken from there (no new package).
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

type Stringify = (data: unknown) => string;
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const fromCompiler = createRequire(fromFastify.resolve('@fastify/fast-json-stringify-compiler'));
const build = fromCompiler('fast-json-stringify') as (schema: object) => Stringify;

/** `anyOf: [X, null]` (zod's nullable) as `type: [X, 'null']`, which fast-json-stringify writes without trying each branch. */
function plainNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plainNullable);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const any = o.anyOf as Array<Record<string, unknown>> | undefined;
  if (Array.isArray(any) && any.length === 2 && Object.keys(o).length === 1) {
    const other = any.find((x) => x.type !== 'null');
    if (other && typeof other.type === 'string' && any.some((x) => x.type === 'null' && Object.keys(x).length === 1)) {
      const inner = plainNullable(other) as Record<string, unknown>;
      return { ...inner, type: [inner.type, 'null'] };
    }
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plainNullable(v)]));
}

/** fast-json-stringify for a zod schema (output side). */
export function fastStringify(schema: z.ZodType): Stringify {
  return build(plainNullable(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })) as object);
}

/** A route's `serializerCompiler`: its response schemas written by fast-json-stringify. */
export const fastSerializerCompiler = ({ schema }: { schema: unknown }) => fastStringify(schema as z.ZodType);
