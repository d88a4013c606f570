/**
 * Translates OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (a flag beside `minimum`/`maximum`) into
 * the JSON Schema draft 7 form the validators speak (the bound itself in `exclusiveMinimum`), everywhere in a
 * document. Translating keeps the published constraint instead of dropping it; a `false` flag is removed. Shared
 * by the spec validators and the answer generator of the client and the server tests.
 *
 * @example
 * ```ts
 * toDraft7({ type: 'number', minimum: 0, exclusiveMinimum: true }); // { type: 'number', exclusiveMinimum: 0 }
 * ```
 */
export function toDraft7(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft7);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toDraft7(value);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  return out;
}
