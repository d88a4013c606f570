import { type MissedQuestion, type MissedQuestionOccurrence, Session } from '@observatory/core';

/** The data a server must hold for {@link describeClientContract}: organization `org-1`. */
export interface ContractFixture {
  readonly organizationId: string;
  readonly sessions: Session[];
  readonly missedQuestions: MissedQuestion[];
  readonly occurrences: MissedQuestionOccurrence[];
}

/** Builds the contract fixture: 5 sessions of `faq-bot` and 2 of `sales-bot` on distinct November days, one
 * missed question (`q1`, faq-bot) with 3 occurrences in 2 sessions. Fresh objects on every call. */
export function contractFixture(): ContractFixture {
  const sessions = Array.from({ length: 7 }, (_, index) => {
    const agentId = index < 5 ? 'faq-bot' : 'sales-bot';
    const day = String(index + 1).padStart(2, '0');
    const at = (second: number) => `2026-11-${day}T10:00:0${second}.000Z`;
    return Session.parse({
      id: `s${index + 1}`,
      agentId,
      deployment: { id: 'web', name: 'Webchat Production' },
      contact: { id: `user-${index + 1}`, name: `User ${index + 1}` },
      channel: 'webchat',
      status: 'COMPLETED',
      createdAt: at(0),
      durationMs: 2000,
      tags: index % 2 === 0 ? ['billing'] : [],
      messages: [
        {
          id: `s${index + 1}-m1`,
          role: 'user',
          text: 'Do you ship to Cyprus? "quoted" 😀',
          createdAt: at(0),
        },
        { id: `s${index + 1}-m2`, role: 'agent', text: 'Sorry, I did not get that.', createdAt: at(1) },
      ],
    });
  });
  const occurrences: MissedQuestionOccurrence[] = ['s1', 's1', 's2'].map((sessionId, index) => ({
    id: `o${index + 1}`,
    missedQuestionId: 'q1',
    agentId: 'faq-bot',
    question: 'Do you ship to Cyprus?',
    sessionId,
    messageId: index === 1 ? `${sessionId}-m3` : `${sessionId}-m1`,
    occurredAt: `2026-11-0${index + 1}T10:00:00.000Z`,
  }));
  const missedQuestions: MissedQuestion[] = [
    {
      id: 'q1',
      agentId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      status: 'UNRESOLVED',
      occurrences: occurrences.length,
      createdAt: '2026-11-01T10:00:00.000Z',
    },
  ];
  return { organizationId: 'org-1', sessions, missedQuestions, occurrences };
}
