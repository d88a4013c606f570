// What an answer may leave out that core's model needs: the one place these fallbacks are defined. Every rule here is
// listed in docs/http-api.md ("What the client fills in").

/** The agent, contact, session id, question wording or step type of an answer that leaves it out or sends `''`. */
export const UNKNOWN = 'unknown';

/** The instant of an answer that carries no date at all (and nothing to borrow one from): the Unix epoch. */
export const EPOCH = '1970-01-01T00:00:00.000Z';

/** The platform's limit on a missed question's wording (`MissedQuestionDto.question` maxLength). */
const QUESTION_LIMIT = 500;

/** A string the model can use as an id or name: absent and `''` both read as absent. */
export function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** A count or duration the spec leaves unbounded: a negative one (clock skew, a bug upstream) reads as 0. */
export function atLeastZero(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.max(0, value);
}

/** A missed question's wording as core holds it: cut to the platform's 500 characters, `fallback` when empty. */
export function wording(value: string | undefined, fallback: string | undefined): string {
  return (present(value) ?? present(fallback) ?? UNKNOWN).slice(0, QUESTION_LIMIT);
}
