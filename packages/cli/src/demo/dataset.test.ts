import { describe, expect, it } from 'vitest';
import { unanswerable } from './content.js';
import { generateConversations } from './dataset.js';

const now = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const options = { seed: 42, sessions: 2000, days: 30, now };

describe('generateConversations', () => {
  const scripts = [...generateConversations(options)];
  const unanswerableWordings = new Set(Object.values(unanswerable).flat(2));

  it('spreads thousands of sessions over the last 30 days', () => {
    expect(scripts).toHaveLength(2000);
    for (const script of scripts) {
      expect(script.startedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 30 * DAY);
      expect(script.startedAt.getTime()).toBeLessThan(now.getTime());
    }
    const days = new Set(scripts.map((script) => script.startedAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(30);
  });

  it('covers several agents, deployments and languages, with CSAT surveys', () => {
    expect(new Set(scripts.map((script) => script.agentId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(scripts.map((script) => script.deployment.id)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(scripts.map((script) => script.language))).toEqual(new Set(['en', 'el', 'es', 'de']));
    const surveys = scripts.flatMap((script) => (script.csat ? [script.csat] : []));
    expect(surveys.some((csat) => csat.answered)).toBe(true);
    expect(surveys.some((csat) => !csat.answered)).toBe(true);
  });

  it('asks unanswerable questions with a long tail and near-duplicate wordings', () => {
    const counts = new Map<string, number>();
    for (const turn of scripts.flatMap((script) => script.turns)) {
      if (unanswerableWordings.has(turn.text)) counts.set(turn.text, (counts.get(turn.text) ?? 0) + 1);
    }
    const frequencies = [...counts.values()].sort((a, b) => b - a);
    const median = frequencies[Math.floor(frequencies.length / 2)] ?? 0;
    // A head far above the middle, and a tail of wordings asked only a handful of times.
    expect(frequencies[0]).toBeGreaterThan(10 * median);
    expect(frequencies.filter((count) => count <= 5).length).toBeGreaterThanOrEqual(5);
    // Wordings that differ only in case, spacing or punctuation are asked side by side.
    const normalized = new Map<string, number>();
    for (const wording of counts.keys()) {
      const key = wording.toLocaleLowerCase().replace(/[\s?¿;.!]+/g, '');
      normalized.set(key, (normalized.get(key) ?? 0) + 1);
    }
    expect([...normalized.values()].filter((variants) => variants > 1).length).toBeGreaterThanOrEqual(3);
  });

  it('is reproducible: the same seed gives the same conversations, another seed others', () => {
    expect([...generateConversations(options)]).toEqual(scripts);
    const other = [...generateConversations({ ...options, seed: 43 })];
    expect(other.map((script) => script.turns[0]?.text)).not.toEqual(
      scripts.map((script) => script.turns[0]?.text),
    );
  });
});
