/** The platform's limit on a missed question's text (MissedQuestionDto.question maxLength). */
export const MAX_QUESTION_LENGTH = 500;

/**
 * The question as the user wrote it, cut to 500 UTF-16 units (without splitting a surrogate pair) and changed in
 * no other way: no trimming, since grouping is by exact wording (trimming belongs to the opt-in normaliser).
 */
export function truncateQuestion(text: string): string {
  if (text.length <= MAX_QUESTION_LENGTH) return text;
  let cut = text.slice(0, MAX_QUESTION_LENGTH);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}
