/** The opt-in normaliser: merges case, whitespace and punctuation variants of one wording. */
export function normalizeQuestion(question: string): string {
  throw new Error("not implemented yet");
}
