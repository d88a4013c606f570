import { z } from 'zod';
import { messageBody } from '../export/describe-event.js';
import type { Message } from '../model/message.js';
import type { Session } from '../model/session.js';
import { latestVariables, variableText } from '../query/internal/latest-variables.js';

/**
 * One line of a transcript as the published spec answers it (`ChatSessionTranscriptMessageDto`): the sender's
 * `name` and `date` required, `email` and `message` optional.
 *
 * @example
 * ```ts
 * ChatSessionTranscriptMessageDto.parse({ name: 'Ann', message: 'Hi', date: '2026-11-25T10:00:00Z' });
 * ```
 */
export const ChatSessionTranscriptMessageDto = z.looseObject({
  name: z.string(),
  email: z.string().optional(),
  message: z.string().optional(),
  date: z.string(),
});
/** @see {@link ChatSessionTranscriptMessageDto} */
export type ChatSessionTranscriptMessageDto = z.infer<typeof ChatSessionTranscriptMessageDto>;

/**
 * A session's transcript as `getTranscriptByRequestIdVariable_1` answers it (`ChatSessionTranscriptDto`).
 *
 * @example
 * ```ts
 * const transcript = ChatSessionTranscriptDto.parse({ id: 's1', createdAt: '2026-11-25T10:00:00Z', messages: [] });
 * ```
 */
export const ChatSessionTranscriptDto = z.looseObject({
  id: z.string(),
  createdAt: z.string(),
  messages: z.array(ChatSessionTranscriptMessageDto),
});
/** @see {@link ChatSessionTranscriptDto} */
export type ChatSessionTranscriptDto = z.infer<typeof ChatSessionTranscriptDto>;

/** Who sent a message, as a transcript names them: the contact, the agent, a LiveChat person, or the system. */
function sender(session: Session, message: Message): { name: string; email?: string } {
  if (message.role === 'user') {
    const { id, name, email } = session.contact;
    return { name: name || id, ...(email ? { email } : {}) };
  }
  if (message.role === 'system') return { name: 'System' };
  if (message.liveChatSender === 'AGENT') return { name: 'LiveChat agent' };
  return { name: session.agentName || session.agentId };
}

/**
 * Maps a session to its published transcript: each message with its sender's name (the contact's name, else id;
 * the agent's name, else id; `LiveChat agent`; `System`), the contact's email on the user's lines, and the text a
 * transcript shows (events in words, as the text export writes them).
 *
 * @example
 * ```ts
 * import { sessionToTranscript } from '@observatory/core';
 * const transcript = sessionToTranscript(session); // { id, createdAt, messages: [{ name, message, date }] }
 * ```
 */
export function sessionToTranscript(session: Session): ChatSessionTranscriptDto {
  return {
    id: session.id,
    createdAt: session.createdAt,
    messages: session.messages.map((message) => ({
      ...sender(session, message),
      message: messageBody(message),
      date: message.createdAt,
    })),
  };
}

/**
 * Whether the session's variable `name` holds exactly `value`, read as core's variable search reads it: in the
 * final snapshot, else the latest; numbers and booleans as written, objects as JSON.
 *
 * @example
 * ```ts
 * import { holdsVariable } from '@observatory/core';
 * holdsVariable(session, 'requestId', 'req-42'); // true when the session's requestId is 'req-42'
 * ```
 */
export function holdsVariable(
  session: Pick<Session, 'variableSnapshots'>,
  name: string,
  value: string,
): boolean {
  return variableText(latestVariables(session)?.[name]) === value;
}
