import type { SessionPart } from '@observatory/client';
import { type SessionDetailView, sessionDetailView } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainMissing } from '../connection.js';
import type { CliIo } from '../io.js';
import { useColor } from '../output/terminal.js';
import { renderTranscript } from '../output/transcript.js';
import { timeZoneFlag } from '../range-flags.js';

/** Flags of `observatory sessions show`. */
export interface SessionsShowFlags extends ConnectionFlags {
  readonly tz?: string;
  readonly trace?: boolean;
  readonly highlight?: string[];
  readonly json?: boolean;
  /** The agent whose session of the id is meant (needed only when several agents hold the id). */
  readonly agent?: string;
}

/**
 * `observatory sessions show <id>`: one session's metadata and tags, its transcript (text, voice transcripts,
 * LiveChat and CSAT events, in the zone of `--tz`), with `--highlight <messageId>` marked, and with `--trace` the
 * workflow steps of each user message with the variables at each step. `--json` prints core's view of it.
 * Session ids are unique per agent: `--agent` chooses among the agents holding the id (without it, an id several
 * agents hold is an error naming them).
 *
 * @example
 * ```ts
 * await sessionsShowCommand('demo-42-000012', { trace: true, highlight: ['msg-12-3'], tz: 'Europe/Athens' }, io);
 * ```
 */
export async function sessionsShowCommand(id: string, flags: SessionsShowFlags, io: CliIo): Promise<void> {
  const timeZone = timeZoneFlag(flags.tz);
  const client = connect(flags, io, { dataManager: flags.trace ?? false });
  const include: SessionPart[] = ['messages', 'liveChats', 'summary'];
  if (flags.trace) include.push('interactions', 'variableSnapshots');
  const organization = flags.org ?? io.env.OBSERVATORY_ORG ?? '';
  const session = await client.sessions
    .get(id, { include }, { agentId: flags.agent })
    .catch((error: unknown) => {
      throw explainMissing(error, `session "${id}"`, organization);
    });
  const highlight = flags.highlight ?? [];
  const unknown = highlight.find(
    (messageId) => !session.messages.some((message) => message.id === messageId),
  );
  if (unknown !== undefined) {
    throw new CliError(`--highlight: session "${id}" has no message "${unknown}"`);
  }
  const view = sessionDetailView(session, {
    timeZone,
    highlight,
    ...(flags.trace ? { trace: session.interactions } : {}),
  });
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ timeZone, ...view }, null, 2)}\n`);
    return;
  }
  io.stdout.write(
    `${renderSessionDetail(view, { timeZone, color: useColor(io), trace: flags.trace ?? false })}\n`,
  );
}

/** The detail view as terminal text: metadata, tags, transcript, and the trace when asked for. */
function renderSessionDetail(
  view: SessionDetailView,
  options: { timeZone: string; color: boolean; trace: boolean },
): string {
  const labelWidth = Math.max(...view.metadata.map((item) => item.label.length), 'Tags'.length);
  const metadata = [...view.metadata, { label: 'Tags', value: view.tags.join(', ') || '—' }].map(
    (item) => `${`${item.label}:`.padEnd(labelWidth + 1)}  ${item.value}`,
  );
  const parts = [
    `Session ${view.id}`,
    ...metadata,
    '',
    `Transcript (${options.timeZone}; each message id in [ ], for --highlight)`,
    view.transcript.length === 0
      ? '   (no messages)'
      : renderTranscript(view.transcript, options.color, { ids: true }),
  ];
  if (options.trace) {
    parts.push('', 'Trace');
    if (view.trace.length === 0) parts.push('   (no workflow steps recorded)');
    for (const step of view.trace) {
      parts.push(
        `${String(step.index).padStart(3)}. ${step.time}  ${step.label}${step.detail ? `: ${step.detail}` : ''}`,
      );
      for (const variable of step.variables) parts.push(`       ${variable.name} = ${variable.value}`);
    }
  }
  return parts.join('\n');
}
