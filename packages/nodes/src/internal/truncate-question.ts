/** The platform's limit on a missed question's text (MissedQuestionDto.question maxLength). */
export const MAX_QUESTION_LENGTH = 500;

/** Trims a question and cuts it to 500 UTF-16 units without splitting a surrogate pair. */
export function truncateQuestion(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= MAX_QUESTION_LENGTH) return trimmed;
  let cut = trimmed.slice(0, MAX_QUESTION_LENGTH);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}
