import { describe, expect, it } from 'vitest';
import { TraceStep } from '../model/trace.js';
import { sampleSession } from './sample-session.fixture.js';
import { sessionDetailView } from './session-detail.js';
import { traceView } from './trace.js';

describe('sessionDetailView', () => {
  it('gives metadata in the viewer zone, tags, the highlighted transcript and the trace', () => {
    const view = sessionDetailView(sampleSession, { timeZone: 'Europe/Athens', highlight: ['m3'] });
    expect(view.id).toBe('s-42');
    expect(view.tags).toEqual(['shipping']);
    expect(view.metadata).toEqual([
      { label: 'Agent', value: 'FAQ Bot (faq-bot)' },
      { label: 'Deployment', value: 'Webchat Production' },
      { label: 'Contact', value: 'Maria Papadopoulou (user-42, maria@example.com)' },
      { label: 'Channel', value: 'webchat' },
      { label: 'Status', value: 'COMPLETED' },
      { label: 'Started at', value: '2026-11-25 12:00:00 Europe/Athens (GMT+2)' },
      { label: 'Duration', value: '10m 00s' },
      { label: 'Messages', value: '8' },
      { label: 'Language', value: 'en' },
      {
        label: 'LiveChat',
        value: 'LIVECHAT_TERMINATED, maria.k; LiveChat requested 12:01:01, LiveChat accepted 12:02:00',
      },
      { label: 'CSAT', value: 'After chat: answered (overall 4)' },
    ]);
    expect(view.transcript.filter((line) => line.highlighted).map((line) => line.text)).toEqual([
      'talk to a person',
    ]);
    expect(view.trace.map((step) => step.label)).toEqual([
      'llm: answer (error)',
      'missed_question',
      'node: handoff',
    ]);
  });

  it('uses trace steps fetched apart when given', () => {
    const steps = [
      TraceStep.parse({
        id: 'x',
        messageId: 'm1',
        type: 'http',
        timestamp: '2026-11-25T10:00:01.000Z',
        payload: { status: 200 },
      }),
    ];
    const view = sessionDetailView(sampleSession, { timeZone: 'UTC', trace: steps });
    expect(view.trace).toHaveLength(1);
    expect(view.trace[0]).toMatchObject({ label: 'http', detail: 'status=200' });
  });
});

describe('traceView', () => {
  it('orders steps by time, in local time, with the variables each run left on its last step', () => {
    expect(traceView(sampleSession, { timeZone: 'Europe/Athens' })).toEqual([
      {
        index: 1,
        time: '2026-11-25 12:00:01',
        label: 'llm: answer (error)',
        detail: 'model=gpt, tokens=12',
        variables: [],
        messageId: 'm1',
      },
      {
        index: 2,
        time: '2026-11-25 12:00:01',
        label: 'missed_question',
        detail: 'question=Do you ship to Cyprus?',
        variables: [
          { name: 'lang', value: 'en' },
          { name: 'missedQuestionsCount', value: '1' },
        ],
        messageId: 'm1',
      },
      {
        index: 3,
        time: '2026-11-25 12:01:00',
        label: 'node: handoff',
        detail: '',
        variables: [
          { name: 'handoff', value: '{"queue":"sales"}' },
          { name: 'missedQuestionsCount', value: '1' },
        ],
        messageId: 'm3',
      },
    ]);
  });
});
