import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

/**
 * The JSON Schema fast-json-stringify writes a value of `type` with, written so that it gives the
 * bytes `JSON.stringify(z.encode(type, value))` gives for every value the zod type accepts; or
 * undefined when it cannot promise that (a transform, a codec, a default, a union, a lazy type …).
 */
type Written = Record<string, unknown>;

function written(type: $ZodType): Written | undefined {
  const def = type._zod.def as unknown as { type: string } & Record<string, unknown>;
  switch (def.type) {
    case 'string':
    case 'boolean':
    case 'null':
      return { type: def.type };
    case 'number':
      // Integers too: `'' + n` and JSON.stringify write the same digits, and nothing is rounded.
      return { type: 'number' };
    case 'unknown':
    case 'any':
      // Written as JSON.stringify writes it.
      return {};
    case 'enum': {
      const values = Object.values(def.entries as Record<string, unknown>);
      return values.every((value) => typeof value === 'string') ? { type: 'string' } : undefined;
    }
    case 'literal': {
      // The value itself, not a constant: what zod accepted is what it wrote.
      const values = def.values as unknown[];
      if (values.every((value) => typeof value === 'string')) return { type: 'string' };
      if (values.every((value) => typeof value === 'number' && Number.isFinite(value))) return { type: 'number' };
      if (values.every((value) => typeof value === 'boolean')) return { type: 'boolean' };
      return undefined;
    }
    case 'nullable': {
      const inner = written(def.innerType as $ZodType);
      // A nullable of a nullable, or of what is written as JSON.stringify writes it, needs no more.
      if (!inner || inner.nullable || inner.type === undefined || inner.type === 'null') return inner;
      return { ...inner, nullable: true };
    }
    case 'array': {
      const items = written(def.element as $ZodType);
      return items && { type: 'array', items };
    }
    case 'record': {
      const key = (def.keyType as $ZodType)._zod.def as { type: string; checks?: unknown[] };
      const values = written(def.valueType as $ZodType);
      // Any string key (a key pattern or an enum of keys would be checked by zod, not here).
      if (key.type !== 'string' || key.checks?.length || !values) return undefined;
      return { type: 'object', additionalProperties: values };
    }
    case 'object': {
      // Unknown keys dropped, as zod's default object does; a catch-all (loose, strict) is left to zod.
      if (def.catchall) return undefined;
      const properties: Written = {};
      const required: string[] = [];
      let mayBeLeftOut = false;
      for (const [key, field] of Object.entries(def.shape as Record<string, $ZodType>)) {
        const optional = field._zod.def.type === 'optional';
        const value = written(optional ? (field._zod.def as unknown as { innerType: $ZodType }).innerType : field);
        if (!value) return undefined;
        properties[key] = value;
        // A key zod may leave out (optional, or any value, undefined included) is written only when set.
        // fast-json-stringify writes required keys before the others: a key after one that may be left
        // out is not marked required, so that every key is written in the order the schema declares.
        if (optional || value.type === undefined) mayBeLeftOut = true;
        else if (!mayBeLeftOut) required.push(key);
      }
      return { type: 'object', properties, required, additionalProperties: false };
    }
    default:
      // optional outside an object, default, prefault, catch, pipe (transforms and codecs), union,
      // intersection, tuple, lazy, date, bigint, map, set, custom …: zod writes those.
      return undefined;
  }
}

/** The zod schema a route declares for a status, as the type provider finds it. */
function zodSchemaOf(schema: unknown): $ZodType | undefined {
  if (schema instanceof $ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties instanceof $ZodType ? properties : undefined;
}

/** Whether a response schema is written by fast-json-stringify (true) or by zod (false). */
export function compiles(schema: unknown): boolean {
  const zod = zodSchemaOf(schema);
  return zod !== undefined && written(zod) !== undefined;
}

/**
 * Answers written by fast-json-stringify from each route's zod response schema, turned into
 * JSON Schema once, the first time the route answers with that status (so that a cold start
 * compiles nothing). The bytes are those of the type provider's serializer (`JSON.stringify` of
 * `z.encode`): the keys each object declares in its order, unknown keys dropped, optional keys
 * written when set. What fast-json-stringify cannot write the same way stays with zod's.
 *
 * Unlike zod's, it does not check the answer as it writes it: a field of the wrong type is
 * coerced (null where a string is declared is written ""), where zod would answer 500. The route
 * handlers' return types are checked against the same schemas by TypeScript, and the contract
 * tests validate every answer against the OpenAPI document made from them.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const zod = zodSchemaOf(route.schema);
  const schema = zod && written(zod);
  if (!schema) return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  let write: ((value: unknown) => string) | undefined;
  return (value) => {
    write ??= fastJson(schema as fastJson.AnySchema) as (value: unknown) => string;
    return write(value);
  };
};
