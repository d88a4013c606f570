import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { type Document, OpenAPIBackend } from 'openapi-backend';
import { toDraft7 } from '../../../../test/support/openapi-draft7.js';

// Schema-valid answers of the platform's published operations, generated from the specs' own JSON Schemas
// (spec/helvia-openapi/), and an independent validator (openapi-backend, i.e. Ajv) to prove each one valid.

/** The subset of OpenAPI 3.0 schema keywords the published specs use. */
interface SpecSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  additionalProperties?: boolean | SpecSchema;
  items?: SpecSchema;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  pattern?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
}

interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components?: { schemas?: Record<string, SpecSchema> };
}

interface SpecOperation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: SpecSchema }> }>;
}

const FILES = ['hbf-core.observatory-subset.openapi.json', 'hbf-data-manager.openapi.json'];

function loadSpecs(): SpecDocument[] {
  return FILES.map(
    (file) =>
      JSON.parse(
        readFileSync(new URL(`../../../../spec/helvia-openapi/${file}`, import.meta.url), 'utf8'),
      ) as SpecDocument,
  );
}

/** Below this depth an object gets only its required properties, and an array none, so answers stay finite. */
const MAX_DEPTH = 2;

// Edge-heavy strings: empty, blank, long, unicode — all valid where the spec sets no bound.
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '.', '..', 'null', '0') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

// RFC 3339 spellings: `T` or `t`, `Z`, `z` or an offset, with no, milli-, micro- or nanosecond fractions.
const dateTime = fc
  .tuple(
    fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('T', 't'),
    fc.constantFrom('Z', 'z', '+02:00', '-05:30', '+00:00'),
    fc.constantFrom('', '.1', '.123', '.157828', '.123456789'),
  )
  .map(([date, separator, offset, fraction]) => {
    const iso = date.toISOString();
    return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${fraction}${offset}`;
  });

const jsonValue = fc.jsonValue({ maxDepth: 2 });
// Extra fields a newer platform may add: named so they never collide with a declared one.
const extraKey = fc.string({ minLength: 1, maxLength: 6 }).map((key) => `x-${key}`);

/** Builds fast-check arbitraries from the schemas of one spec document. */
class AnswerArbitraries {
  readonly #schemas: Record<string, SpecSchema>;

  constructor(document: SpecDocument) {
    this.#schemas = document.components?.schemas ?? {};
  }

  of(schema: SpecSchema, depth = 0): fc.Arbitrary<unknown> {
    if (schema.$ref !== undefined) {
      const name = schema.$ref.split('/').pop() as string;
      const target = this.#schemas[name];
      if (target === undefined) throw new Error(`unresolved ${schema.$ref}`);
      return fc.constant(null).chain(() => this.of(target, depth));
    }
    const value = this.#typed(schema, depth);
    return schema.nullable ? fc.oneof(fc.constant(null), value) : value;
  }

  #typed(schema: SpecSchema, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return this.#string(schema);
      case 'integer':
        return this.#integer(schema);
      case 'number':
        return this.#number(schema);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = this.of(schema.items ?? {}, depth + 1);
        const maxLength = depth >= MAX_DEPTH ? 0 : 3;
        return schema.uniqueItems
          ? fc.uniqueArray(items, { maxLength, selector: (item) => JSON.stringify(item) })
          : fc.array(items, { maxLength });
      }
      case 'object':
        return this.#object(schema, depth);
      default:
        return jsonValue;
    }
  }

  #string(schema: SpecSchema): fc.Arbitrary<string> {
    if (schema.format === 'date-time') return dateTime;
    const minLength = schema.minLength ?? 0;
    const maxLength = schema.maxLength ?? Number.POSITIVE_INFINITY;
    const bounded = [
      anyString,
      fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 600) }),
    ].map((arbitrary) => arbitrary.filter((text) => text.length >= minLength && text.length <= maxLength));
    const text = fc.oneof(...bounded);
    if (schema.pattern === undefined) return text;
    const pattern = new RegExp(schema.pattern, 'u');
    return text.filter((candidate) => pattern.test(candidate));
  }

  #integer(schema: SpecSchema): fc.Arbitrary<number> {
    // `int32` bounds the value (format as a validator reads it); `int64` reaches past what JSON numbers keep exact.
    const int32 = schema.format === 'int32';
    const min =
      (schema.minimum ?? (int32 ? -(2 ** 31) : Number.MIN_SAFE_INTEGER)) + (schema.exclusiveMinimum ? 1 : 0);
    const max =
      (schema.maximum ?? (int32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER)) - (schema.exclusiveMaximum ? 1 : 0);
    const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
    return fc.oneof(small, fc.integer({ min, max }));
  }

  #number(schema: SpecSchema): fc.Arbitrary<number> {
    const min = schema.minimum ?? -1e12;
    const max = schema.maximum ?? 1e12;
    return fc
      .double({ min, max, noNaN: true, noDefaultInfinity: true })
      .filter(
        (value) =>
          !Object.is(value, -0) &&
          !(schema.exclusiveMinimum && value === min) &&
          !(schema.exclusiveMaximum && value === max),
      );
  }

  #object(schema: SpecSchema, depth: number): fc.Arbitrary<unknown> {
    // An answer never carries a write-only property, so a required one is not required of it (OpenAPI 3.0).
    const entries = Object.entries(schema.properties ?? {}).filter(([, property]) => !property.writeOnly);
    const required = new Set(schema.required ?? []);
    const kept = entries.filter(([name]) => required.has(name) || depth < MAX_DEPTH);
    const declared = fc.record(
      Object.fromEntries(kept.map(([name, property]) => [name, this.of(property, depth + 1)])),
      { requiredKeys: kept.map(([name]) => name).filter((name) => required.has(name)) },
    );
    const additional = schema.additionalProperties;
    const extraValue =
      typeof additional === 'object'
        ? this.of(additional, depth + 1)
        : additional === false
          ? undefined
          : jsonValue;
    if (extraValue === undefined || depth >= MAX_DEPTH) return declared;
    const extras = fc.dictionary(extraKey, extraValue, { maxKeys: 2 });
    return fc.tuple(declared, extras).map(([known, extra]) => ({ ...extra, ...known }));
  }
}

/**
 * Schema-valid answers of the published operations, by operation id: `arbitrary(operationId)` draws answers of
 * the operation's success response from its JSON Schema (`undefined` where it declares no body, e.g. a 204);
 * `validate(operationId, body)` checks one against the published spec with an independent validator
 * (openapi-backend over Ajv), returning its messages; `status(operationId)` is the success status it declares.
 *
 * @example
 * ```ts
 * const answers = await publishedAnswers();
 * fc.assert(fc.property(answers.arbitrary('get_21'), (body) => answers.validate('get_21', body).length === 0));
 * ```
 */
export async function publishedAnswers(): Promise<{
  arbitrary: (operationId: string) => fc.Arbitrary<unknown>;
  validate: (operationId: string, body: unknown) => string[];
  status: (operationId: string) => number;
}> {
  const documents = loadSpecs();
  const backends = await Promise.all(
    documents.map(async (document) => {
      const api = new OpenAPIBackend({
        definition: answerSchemas(structuredClone(document)) as Document,
        quick: true,
        customizeAjv: (ajv) =>
          ajv.addFormat(
            'date-time',
            (value: string) =>
              /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.test(value) &&
              !Number.isNaN(Date.parse(value)),
          ),
      });
      await api.init();
      return api;
    }),
  );
  const find = (operationId: string) => {
    for (const [index, document] of documents.entries()) {
      for (const item of Object.values(document.paths)) {
        for (const operation of Object.values(item)) {
          if (operation.operationId !== operationId) continue;
          const [status, response] = Object.entries(operation.responses ?? {}).find(([code]) =>
            code.startsWith('2'),
          ) ?? ['200', {}];
          // An answer without a body (a 202 or 204) is drawn as `undefined`.
          const schema = Object.values(response.content ?? {})[0]?.schema;
          return { document, backend: backends[index] as OpenAPIBackend, status: Number(status), schema };
        }
      }
    }
    throw new Error(`no published operation ${operationId}`);
  };
  return {
    arbitrary: (operationId) => {
      const { document, schema } = find(operationId);
      if (schema === undefined) return fc.constant(undefined);
      // Through JSON, as an answer travels: plain objects, and nothing JSON cannot carry.
      return new AnswerArbitraries(document).of(schema).map((value) => JSON.parse(JSON.stringify(value)));
    },
    validate: (operationId, body) => {
      const { backend, status, schema } = find(operationId);
      if (schema === undefined) return body === undefined ? [] : [`${operationId} declares no answer body`];
      const result = backend.validateResponse(body, operationId, status);
      return (result.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`.trim());
    },
    status: (operationId) => find(operationId).status,
  };
}

// The schemas an answer must meet: in draft 7's form for Ajv (see toDraft7), and a required write-only property
// is required of requests only, so it is not required of an answer (this validator checks answers only).
function answerSchemas(document: unknown): unknown {
  return toDraft7(withoutWriteOnlyRequired(document));
}

function withoutWriteOnlyRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutWriteOnlyRequired);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withoutWriteOnlyRequired(value);
  const properties = out.properties as Record<string, { writeOnly?: boolean }> | undefined;
  if (Array.isArray(out.required) && properties !== undefined) {
    out.required = (out.required as string[]).filter((name) => properties[name]?.writeOnly !== true);
  }
  return out;
}
