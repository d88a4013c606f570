import type { ObservatoryClient } from '@observatory/client';
import { isObservatoryApiError } from '@observatory/client';
import { CliError } from './cli-error.js';
import { explainMissing } from './connection.js';

/**
 * The whole id of the missed question `id` names: `id` itself when the server knows it, else the one id of the
 * organization's missed questions that starts with it (the short id the tables show).
 *
 * @throws CliError (exit code 2) when several ids start with it, naming them; (exit code 1) when none does.
 * @example
 * ```ts
 * const id = await resolveMissedQuestionId(client, 'ef567890', 'acme'); // 'ef567890-3000-4000-8000-000000000003'
 * ```
 */
export async function resolveMissedQuestionId(
  client: ObservatoryClient,
  id: string,
  organization: string,
): Promise<string> {
  const explain = (error: unknown) => explainMissing(error, `missed question "${id}"`, organization);
  try {
    return (await client.missedQuestions.get(id)).id;
  } catch (error) {
    if (!isObservatoryApiError(error) || error.status !== 404) throw explain(error);
    const matches: string[] = [];
    for await (const question of client.missedQuestions.iterate({})) {
      if (question.id.startsWith(id)) matches.push(question.id);
    }
    if (matches.length === 1) return matches[0] as string;
    if (matches.length === 0) throw explain(error);
    matches.sort();
    const listed = matches.length > 5 ? `${matches.slice(0, 5).join(', ')}, …` : matches.join(', ');
    throw new CliError(
      `missed question id "${id}" is the start of ${matches.length} ids (${listed}): give more of it`,
    );
  }
}
