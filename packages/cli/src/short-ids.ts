/** Characters of an id a table shows at least: 8, as git shows commits. */
const MIN_SHORT_ID = 8;

/**
 * The ids of a table's rows cut short: each to its shortest prefix of at least 8 characters that no other id of
 * the table starts with (an id with no such prefix stays whole). The commands that take an id take the prefix.
 *
 * @example
 * ```ts
 * shortIds(['abcd1234-1000-4000', 'abcd1234-2000-4000', 'ef567890-3000-4000']);
 * // ['abcd1234-1', 'abcd1234-2', 'ef567890']
 * ```
 */
export function shortIds(ids: readonly string[]): string[] {
  return ids.map((id) => {
    let length = Math.min(MIN_SHORT_ID, id.length);
    const others = ids.filter((other) => other !== id);
    while (length < id.length && others.some((other) => other.startsWith(id.slice(0, length)))) length++;
    return id.slice(0, length);
  });
}
