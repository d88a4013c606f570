/** Normalises a wire date-time (any offset) to the UTC instant core stores (`…Z`). */
export function toUtc(value: string): string {
  return new Date(value).toISOString();
}
