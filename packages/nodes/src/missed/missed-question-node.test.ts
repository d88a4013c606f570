import { type Message, replayMissCounters } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { createNodeContext, type InMemoryNodeContext } from '../context/create-node-context.js';
import { ReadonlyVariableError, TurnStateError } from '../errors/errors.js';
import { escalateAfter } from '../escalation/escalate-after.js';
import type { MissedQuestionReport } from '../reporter/report-types.js';
import { missedQuestionNode } from './missed-question-node.js';

const at = '2026-11-25T10:00:00.000Z';

/** Runs a scripted conversation: for each message, `true` = the workflow reaches the Missed Question node. */
async function converse(script: readonly boolean[], runsPerMiss = 1, escalate = 3) {
  const ctx = createNodeContext({ session: { id: 's1', tenantId: 'faq-bot' }, now: () => new Date(at) });
  const reports: MissedQuestionReport[] = [];
  const node = missedQuestionNode({
    escalateAfter: escalate,
    reporter: { report: async (report) => void reports.push(report) },
  });
  const messages: Message[] = [];
  const turns = [];
  for (const [index, missed] of script.entries()) {
    const id = `m${index + 1}`;
    messages.push({
      id,
      role: 'user',
      kind: 'text',
      text: `question ${index + 1}`,
      createdAt: at,
    } as Message);
    ctx.beginTurn({ id, text: `question ${index + 1}` });
    const ports: string[] = [];
    if (missed) for (let run = 0; run < runsPerMiss; run++) ports.push(await node.execute(ctx));
    turns.push({ ...ctx.endTurn(), ports });
  }
  return { ctx, turns, reports, messages };
}

function replayOf(ctx: InMemoryNodeContext, messages: Message[]) {
  return replayMissCounters({ messages, interactions: [...ctx.steps] });
}

describe('missedQuestionNode', () => {
  it('keeps counters equal to core replay after every message', async () => {
    const script = [false, true, true, false, true, true, true, true, false, false, true];
    const { ctx, turns, messages } = await converse(script);
    const replay = replayOf(ctx, messages);
    expect(replay).toHaveLength(script.length);
    turns.forEach((turn, index) => {
      const expected = replay[index];
      expect(turn.missed).toBe(script[index]);
      expect(turn.counters.missedQuestionsCount).toBe(expected?.missedQuestionsCount);
      expect(turn.counters.consecutiveMissedQuestionsCount).toBe(expected?.consecutiveMissedQuestionsCount);
    });
    expect(ctx.variables.get('missedQuestionsCount')).toBe(script.filter(Boolean).length);
  });

  it('escalates after exactly 3 consecutive misses', async () => {
    const { turns } = await converse([true, true, true, true]);
    expect(turns.map((turn) => turn.ports[0])).toEqual(['next', 'next', 'escalate', 'escalate']);
  });

  it('does not escalate after 3 scattered misses', async () => {
    const { turns } = await converse([true, false, true, false, true]);
    expect(turns.flatMap((turn) => turn.ports)).toEqual(['next', 'next', 'next']);
    expect(turns.at(-1)?.counters).toMatchObject({
      missedQuestionsCount: 3,
      consecutiveMissedQuestionsCount: 1,
    });
  });

  it('counts, records and reports once however many times it runs on one message', async () => {
    const { ctx, turns, reports, messages } = await converse([true, true, false], 3);
    expect(turns[0]?.counters.missedQuestionsCount).toBe(1);
    expect(turns[1]?.counters).toMatchObject({ missedQuestionsCount: 2, consecutiveMissedQuestionsCount: 2 });
    expect(ctx.steps.filter((step) => step.type === 'missed_question')).toHaveLength(2);
    expect(reports).toEqual([
      { tenantId: 'faq-bot', question: 'question 1', sessionId: 's1', messageId: 'm1' },
      { tenantId: 'faq-bot', question: 'question 2', sessionId: 's1', messageId: 'm2' },
    ]);
    expect(replayOf(ctx, messages).map((s) => s.missedQuestionsCount)).toEqual([1, 2, 2]);
  });

  it('emits missed and threshold through the context counter, and escalateAfter(n).watch hands over once', async () => {
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' }, threshold: 2 });
    const events: string[] = [];
    ctx.counters.on('missed', ({ messageId }) => events.push(`missed:${messageId}`));
    ctx.counters.on('threshold', ({ messageId }) => events.push(`threshold:${messageId}`));
    const handoffs: string[] = [];
    escalateAfter(2).watch(ctx, ({ messageId }) => handoffs.push(messageId));
    const node = missedQuestionNode();
    for (const id of ['m1', 'm2', 'm3']) {
      ctx.beginTurn({ id, text: id });
      await node.execute(ctx);
      await node.execute(ctx);
      ctx.endTurn();
    }
    expect(events).toEqual(['missed:m1', 'missed:m2', 'threshold:m2', 'missed:m3']);
    expect(handoffs).toEqual(['m2']);
    expect(escalateAfter(3).reached(ctx)).toBe(true);
  });

  it('emits threshold once per streak at escalateAfter, also when the context counter has another threshold', async () => {
    for (const counterThreshold of [undefined, 2, 3]) {
      const ctx = createNodeContext({
        session: { id: 's1', tenantId: 't' },
        ...(counterThreshold === undefined ? {} : { threshold: counterThreshold }),
      });
      const heard: string[] = [];
      ctx.counters.on('threshold', ({ messageId, threshold }) => heard.push(`${threshold}@${messageId}`));
      const node = missedQuestionNode({ escalateAfter: 3 });
      for (const [id, missed] of [
        ['m1', true],
        ['m2', true],
        ['m3', true],
        ['m4', true],
        ['m5', false],
        ['m6', true],
        ['m7', true],
        ['m8', true],
      ] as const) {
        ctx.beginTurn({ id, text: id });
        if (missed) {
          await node.execute(ctx);
          await node.execute(ctx);
        }
        ctx.endTurn();
      }
      const atTwo = counterThreshold === 2 ? ['2@m2', '2@m7'] : [];
      expect(heard.sort()).toEqual([...atTwo, '3@m3', '3@m8'].sort());
    }
  });

  it('takes port error when the reporter refuses, yet counts the miss', async () => {
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' } });
    const node = missedQuestionNode({ reporter: { report: () => Promise.reject(new Error('outbox full')) } });
    ctx.beginTurn({ id: 'm1', text: 'hello?' });
    expect(await node.execute(ctx)).toBe('error');
    expect(ctx.steps[0]).toMatchObject({ type: 'missed_question', hasError: true, messageId: 'm1' });
    expect(ctx.endTurn().counters.missedQuestionsCount).toBe(1);
  });

  it('takes port error when a reporter with onFull answers refused', async () => {
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' } });
    const node = missedQuestionNode({ reporter: { report: async () => ({ key: 'k', status: 'refused' }) } });
    ctx.beginTurn({ id: 'm1', text: 'hello?' });
    expect(await node.execute(ctx)).toBe('error');
    expect(ctx.steps[0]).toMatchObject({ hasError: true, payload: { reported: false } });
  });

  it('cuts questions to the platform limit of 500 characters', async () => {
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' } });
    const reports: MissedQuestionReport[] = [];
    const node = missedQuestionNode({ reporter: { report: async (r) => void reports.push(r) } });
    ctx.beginTurn({ id: 'm1', text: `${'a'.repeat(499)}😀tail` });
    await node.execute(ctx);
    expect(reports[0]?.question).toBe('a'.repeat(499));
  });
});

describe('createNodeContext', () => {
  it('keeps system variables read-only and requires a turn for turn-bound access', () => {
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' }, variables: { lang: 'el' } });
    expect(() => ctx.variables.set('consecutiveMissedQuestionsCount', 0)).toThrow(ReadonlyVariableError);
    expect(() =>
      createNodeContext({ session: { id: 's', tenantId: 't' }, variables: { missedQuestionsCount: 9 } }),
    ).toThrow(ReadonlyVariableError);
    expect(ctx.variables.snapshot()).toEqual({
      lang: 'el',
      missedQuestionsCount: 0,
      consecutiveMissedQuestionsCount: 0,
    });
    expect(() => ctx.message).toThrow(TurnStateError);
    expect(() => ctx.endTurn()).toThrow(TurnStateError);
    ctx.beginTurn({ id: 'm1', text: 'x' });
    expect(() => ctx.beginTurn({ id: 'm2', text: 'y' })).toThrow(TurnStateError);
  });

  it('resumes from stored counters: an answered turn resets the consecutive count', () => {
    const ctx = createNodeContext({
      session: { id: 's1', tenantId: 't' },
      counters: { missedQuestionsCount: 4, consecutiveMissedQuestionsCount: 2, lastMissedMessageId: 'm9' },
    });
    ctx.beginTurn({ id: 'm10', text: 'thanks' });
    expect(ctx.endTurn().counters).toMatchObject({
      missedQuestionsCount: 4,
      consecutiveMissedQuestionsCount: 0,
    });
  });
});
