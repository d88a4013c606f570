import { describe, expect, it } from 'vitest';
import { MissedQuestionOccurrenceList } from './missed-question-dto.js';
import {
  missedQuestionFromWire,
  missedQuestionToWire,
  occurrenceFromWire,
  occurrenceToWire,
} from './missed-question-mapping.js';
import {
  loggedTraceStepFromWire,
  traceStepFromWire,
  traceStepToWire,
  variableSnapshotFromWire,
} from './trace-mapping.js';

describe('missed question mapping', () => {
  it('round-trips a missed question and reads the entity shape (tenant.id)', () => {
    const question = missedQuestionFromWire({
      id: 'q1',
      tenant: { id: 'faq-bot' },
      question: 'Do you ship to Cyprus?',
      status: 'RESOLVED',
      occurrences: 4,
      createdAt: '2026-11-01T11:00:00+02:00',
    });
    expect(question).toMatchObject({ agentId: 'faq-bot', createdAt: '2026-11-01T09:00:00.000Z' });
    expect(missedQuestionFromWire(missedQuestionToWire(question))).toEqual(question);
  });

  it('maps occurrences, deriving messageId from the occurrence id when missing', () => {
    const occurrence = occurrenceFromWire(
      { id: 'o7', date: '2026-11-25T10:00:00Z', sessionId: 's1' },
      { agentId: 'faq-bot', question: 'Do you ship?', missedQuestionId: 'q1' },
    );
    expect(occurrence).toMatchObject({ messageId: 'o7', agentId: 'faq-bot', missedQuestionId: 'q1' });
    expect(occurrenceFromWire(occurrenceToWire(occurrence))).toEqual(occurrence);
  });

  it('accepts an array, { items } or a single object as the occurrence list', () => {
    const one = { date: '2026-11-25T10:00:00Z', sessionId: 's1', messageId: 'm1' };
    expect(MissedQuestionOccurrenceList.parse([one])).toHaveLength(1);
    expect(MissedQuestionOccurrenceList.parse({ items: [one, one] })).toHaveLength(2);
    expect(MissedQuestionOccurrenceList.parse(one)).toHaveLength(1);
  });
});

describe('trace mapping', () => {
  it('maps LLM_REQUEST to llm and back, other types lower-cased', () => {
    const wire = {
      id: 'i1',
      hbfEventId: 'm1',
      sessionId: 's1',
      timestamp: '2026-11-25T10:00:01.000Z',
      type: 'LLM_REQUEST',
      payload: { model: 'x' },
      duration: 120,
      friendlyName: 'Classify',
    };
    const step = traceStepFromWire(wire);
    expect(step).toMatchObject({ type: 'llm', messageId: 'm1', durationMs: 120, name: 'Classify' });
    expect(traceStepToWire(step, 's1')).toEqual(wire);
    expect(traceStepFromWire({ ...wire, type: 'SEMANTIC_SEARCH' }).type).toBe('semantic_search');
  });

  it("reads a step of the organization's log with its session, filling in what the answer leaves empty", () => {
    const wire = {
      id: 'i1',
      hbfEventId: 'm1',
      sessionId: 's1',
      timestamp: '2026-11-25T12:00:01+02:00',
      type: 'NODE',
      payload: {},
      duration: -5,
    };
    expect(loggedTraceStepFromWire(wire, 3)).toMatchObject({
      id: 'i1',
      messageId: 'm1',
      sessionId: 's1',
      type: 'node',
      timestamp: '2026-11-25T10:00:01.000Z',
      durationMs: 0,
    });
    expect(
      loggedTraceStepFromWire({ ...wire, id: '', hbfEventId: '', sessionId: '', type: '' }, 3),
    ).toMatchObject({
      id: 'unknown#3',
      messageId: 'unknown',
      sessionId: 'unknown',
      type: 'unknown',
    });
  });

  it('takes a snapshot time from the latest variable update', () => {
    const snapshot = variableSnapshotFromWire(
      {
        hbfEventId: 'm1',
        sessionId: 's1',
        variablesCount: 2,
        variables: [
          { key: 'a', value: 1, updatedAt: '2026-11-25T10:00:01Z' },
          { key: 'b', value: 'x', updatedAt: '2026-11-25T10:00:03Z' },
        ],
      },
      '2026-11-25T09:00:00.000Z',
    );
    expect(snapshot).toEqual({
      messageId: 'm1',
      takenAt: '2026-11-25T10:00:03.000Z',
      variables: { a: 1, b: 'x' },
    });
  });
});
