import type { MissedQuestionStatus } from '@observatory/core';
import { type ConnectionFlags, connect, explainMissing } from '../connection.js';
import type { CliIo } from '../io.js';
import { resolveMissedQuestionId } from '../missed-id.js';

/** Flags of `observatory missed resolve|ignore|reopen`. */
export interface MissedStatusFlags extends ConnectionFlags {
  readonly json?: boolean;
}

/**
 * The status each triage command sets: `resolve` (answered now), `ignore` (not worth answering), `reopen` (back
 * to the list of unresolved ones).
 *
 * @example
 * ```ts
 * await client.missedQuestions.update(id, { status: TRIAGE.resolve }); // 'RESOLVED'
 * ```
 */
export const TRIAGE = {
  resolve: 'RESOLVED',
  ignore: 'IGNORED',
  reopen: 'UNRESOLVED',
} as const satisfies Record<string, MissedQuestionStatus>;

/**
 * `observatory missed resolve|ignore|reopen <id>` (or a unique start of it, as the tables show it): sets a missed question's status and prints the change (or the
 * question as JSON with `--json`).
 *
 * @example
 * ```ts
 * await missedStatusCommand('resolve', '3f1c…', {}, io);
 * // 3f1c…: UNRESOLVED → RESOLVED  Do you ship to Cyprus?
 * ```
 */
export async function missedStatusCommand(
  action: keyof typeof TRIAGE,
  given: string,
  flags: MissedStatusFlags,
  io: CliIo,
): Promise<void> {
  const client = connect(flags, io);
  const organization = flags.org ?? io.env.OBSERVATORY_ORG ?? '';
  const id = await resolveMissedQuestionId(client, given, organization);
  const explain = (error: unknown) => {
    throw explainMissing(error, `missed question "${id}"`, organization);
  };
  const before = await client.missedQuestions.get(id).catch(explain);
  const after = await client.missedQuestions.update(id, { status: TRIAGE[action] }).catch(explain);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(after, null, 2)}\n`);
    return;
  }
  io.stdout.write(`${after.id}: ${before.status} → ${after.status}  ${after.question}\n`);
}
