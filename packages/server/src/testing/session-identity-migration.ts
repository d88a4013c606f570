import type { Session } from '@observatory/core';
import { expect } from 'vitest';
import { AmbiguousSessionError } from '../errors.js';
import type { ObservatoryStore } from '../store/store.js';
import { sampleSessions } from './fixtures.js';

const ORG = 'org-schema-5';
const FACTS = ['fallback', 'feedback', 'livechat', 'csat'];

/**
 * Statements that take a database migrated to version 6 back to the schema version 5 left (session ids unique per
 * organization, interactions without their agent), rows kept: a store "created at version 5" for the test of
 * migration 6, as the migration-4 test drops the columns version 4 added.
 *
 * @example
 * ```ts
 * for (const statement of DOWNGRADE_TO_VERSION_5) await driver.query(statement);
 * ```
 */
export const DOWNGRADE_TO_VERSION_5: readonly string[] = [
  'ALTER TABLE interactions DROP CONSTRAINT interactions_pkey',
  'ALTER TABLE interactions DROP COLUMN agent_id',
  'ALTER TABLE interactions ADD PRIMARY KEY (org_id, session_id, id)',
  'ALTER TABLE sessions DROP CONSTRAINT sessions_pkey',
  'ALTER TABLE sessions ADD PRIMARY KEY (org_id, id)',
  'DROP INDEX sessions_org_id',
  'DROP INDEX sessions_org_created',
  'CREATE INDEX sessions_org_created ON sessions (org_id, created_at, id)',
  ...FACTS.flatMap((fact) => [
    `DROP INDEX sessions_org_${fact}`,
    `CREATE INDEX sessions_org_${fact} ON sessions (org_id, created_at, id) WHERE has_${fact}`,
  ]),
  'DELETE FROM schema_migrations WHERE version = 6',
];

const [template] = sampleSessions(1, 66) as [Session];
const userMessage = template.messages.find((m) => m.role === 'user')?.id ?? 'm';
const step = (id: string) => ({
  id,
  messageId: userMessage,
  type: 'llm',
  timestamp: template.createdAt,
  payload: {},
});

/**
 * Stores what a version-5 database may hold (run before {@link DOWNGRADE_TO_VERSION_5}): agent-a's session `s1`
 * with two interaction-log steps and a missed question reported from it, agent-b's `s2` with one step.
 *
 * @example
 * ```ts
 * await seedVersion5Data(store);
 * ```
 */
export async function seedVersion5Data(store: ObservatoryStore): Promise<void> {
  await store.upsertSession(ORG, {
    ...template,
    id: 's1',
    agentId: 'agent-a',
    interactions: [step('i1'), step('i2')],
  });
  await store.upsertSession(ORG, { ...template, id: 's2', agentId: 'agent-b', interactions: [step('i3')] });
  await store.reportMissedQuestion(ORG, {
    agentId: 'agent-a',
    question: 'Migrated?',
    sessionId: 's1',
    messageId: userMessage,
  });
}

/**
 * Checks a store opened (so migrated to version 6) on the data of {@link seedVersion5Data}: every session, step
 * and occurrence kept under its agent, and a session id now unique per agent only.
 *
 * @example
 * ```ts
 * await expectMigratedToVersion6(await SqlStore.open(driver, 'memory'));
 * ```
 */
export async function expectMigratedToVersion6(store: ObservatoryStore): Promise<void> {
  const s1 = await store.getSession(ORG, 's1');
  expect([s1?.agentId, s1?.interactions.map((s) => s.id)]).toEqual(['agent-a', ['i1', 'i2']]);
  expect((await store.getSession(ORG, 's2', ['agent-b']))?.interactions.map((s) => s.id)).toEqual(['i3']);
  const steps = await store.listInteractions(ORG, { agents: ['agent-a'] });
  expect(steps.map((s) => [s.sessionId, s.id])).toEqual([
    ['s1', 'i1'],
    ['s1', 'i2'],
  ]);
  // agent-b may now hold s1 too, as its own session; the id alone then names no one session.
  await store.createSession(ORG, { ...template, id: 's1', agentId: 'agent-b', interactions: [step('i1')] });
  await expect(store.getSession(ORG, 's1')).rejects.toBeInstanceOf(AmbiguousSessionError);
  expect(await store.deleteSession(ORG, 's1', ['agent-a'])).toBe(true);
  expect((await store.listMissedQuestions(ORG, {})).items).toEqual([]);
  expect((await store.getSession(ORG, 's1'))?.interactions.map((s) => s.id)).toEqual(['i1']);
}
