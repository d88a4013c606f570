import type { Message, MissedQuestionOccurrence, Session, TraceStep } from '@observatory/core';
import { SeededRandom } from './random.js';
import { agentReply, CONTACT_NAMES, languageOfWording, wordingAt } from './text.js';
import { ZipfSampler } from './zipf.js';

/** Messages per generated session: 10 user turns, each answered by the agent. */
export const MESSAGES_PER_SESSION = 20;

/** The agent every generated session and occurrence belongs to. */
export const BENCH_AGENT_ID = 'faq-bot';

// 2026-09-01T00:00:00Z: sessions spread over the 90 days after it.
const EPOCH_MS = Date.UTC(2026, 8, 1);
const SPAN_MS = 90 * 24 * 3_600_000;
const DEPLOYMENTS = [
  { id: 'web', name: 'Webchat Production' },
  { id: 'wa', name: 'WhatsApp' },
  { id: 'test', name: 'Automated Agent Testing' },
];
const CHANNELS = ['webchat', 'whatsapp', 'webchat', 'voice'];
const TAGS = ['billing', 'shipping', 'returns', 'vip', 'κρατήσεις', 'доставка', 'فواتير'];

/** Options of {@link generateSessions}. */
export interface SessionDatasetOptions {
  readonly seed: number;
  readonly count: number;
  /** Distinct question wordings users ask (Zipf-distributed). @default 20_000 */
  readonly distinctWordings?: number;
  /** Share of user turns the agent misses. @default 0.15 */
  readonly missRate?: number;
}

/**
 * Generates `count` sessions lazily (one at a time, so a child process can export a million rows without holding
 * them): 20 messages each, user questions drawn from a Zipf distribution over the wordings, ~15 % of turns
 * missed (agent reply categorised `FALLBACK`, a `missed_question` trace step), some LiveChat handoffs and CSAT
 * surveys. The same seed and count give the same sessions.
 *
 * @example
 * ```ts
 * for (const session of generateSessions({ seed: 1, count: 3 })) console.log(session.id, session.messages.length);
 * ```
 */
export function* generateSessions(options: SessionDatasetOptions): Generator<Session> {
  const random = new SeededRandom(options.seed);
  const zipf = new ZipfSampler(options.distinctWordings ?? 20_000);
  // One string per wording, shared by every message asking it: keeps the generator's own memory small, so a
  // child process exporting a million rows measures the exporter, not the dataset.
  const wordings = new Map<number, string>();
  const wording = (index: number) => {
    let text = wordings.get(index);
    if (text === undefined) {
      text = wordingAt(index);
      wordings.set(index, text);
    }
    return text;
  };
  const missRate = options.missRate ?? 0.15;
  // Sessions are generated in time order, as a store returns them by createdAt.
  const step = SPAN_MS / Math.max(1, options.count);
  for (let index = 0; index < options.count; index++) {
    const createdMs = EPOCH_MS + Math.floor(index * step + random.next() * step);
    yield buildSession(random, zipf, wording, index, createdMs, missRate);
  }
}

function buildSession(
  random: SeededRandom,
  zipf: ZipfSampler,
  wording: (index: number) => string,
  index: number,
  createdMs: number,
  missRate: number,
): Session {
  const id = `s${index.toString(36).padStart(6, '0')}`;
  const messages: Message[] = [];
  const interactions: TraceStep[] = [];
  let at = createdMs;
  let language = 'en';
  for (let turn = 0; turn < MESSAGES_PER_SESSION / 2; turn++) {
    const wordingIndex = zipf.sample(random);
    if (turn === 0) language = languageOfWording(wordingIndex);
    const userId = `m${turn * 2 + 1}`;
    const userAt = new Date(at).toISOString();
    messages.push({ id: userId, role: 'user', kind: 'text', text: wording(wordingIndex), createdAt: userAt });
    at += 1_000 + random.int(4_000);
    const missed = random.chance(missRate);
    const reply: Message = {
      id: `m${turn * 2 + 2}`,
      role: 'agent',
      kind: 'text',
      text: missed ? 'Sorry, I did not understand that.' : agentReply(random, wordingIndex),
      createdAt: new Date(at).toISOString(),
      responseToId: userId,
    };
    if (missed) {
      reply.category = 'FALLBACK';
      interactions.push({
        id: `${id}-t${turn}`,
        messageId: userId,
        type: 'missed_question',
        timestamp: userAt,
        payload: { question: wording(wordingIndex) },
      });
    }
    messages.push(reply);
    at += 5_000 + random.int(60_000);
  }
  const handoff = random.chance(0.05);
  const surveyed = random.chance(0.2);
  return {
    id,
    agentId: BENCH_AGENT_ID,
    agentName: 'FAQ bot',
    deployment: random.pick(DEPLOYMENTS),
    contact: { id: `c${random.int(50_000)}`, name: random.pick(CONTACT_NAMES) },
    channel: random.pick(CHANNELS),
    status: 'COMPLETED',
    language,
    createdAt: new Date(createdMs).toISOString(),
    durationMs: at - createdMs,
    tags: random.chance(0.4) ? [random.pick(TAGS)] : [],
    messages,
    interactions,
    variableSnapshots: [],
    csatSurveys: surveyed ? [{ id: 'csat-1', status: random.chance(0.5) ? 'ANSWERED' : 'PRESENTED' }] : [],
    liveChats: handoff ? [{ agents: ['Ελένη'], lastEventType: 'LIVECHAT_TERMINATED' }] : [],
    tickets: [],
  };
}

/**
 * The missed-question occurrences of generated sessions: one per missed user turn, at the time of the user
 * message, with the wording the user typed.
 *
 * @example
 * ```ts
 * const occurrences = [...occurrencesOf(generateSessions({ seed: 1, count: 100 }))];
 * ```
 */
export function* occurrencesOf(sessions: Iterable<Session>): Generator<MissedQuestionOccurrence> {
  for (const session of sessions) {
    for (const step of session.interactions) {
      if (step.type !== 'missed_question') continue;
      const message = session.messages.find((candidate) => candidate.id === step.messageId);
      if (message === undefined) continue;
      yield {
        agentId: session.agentId,
        question: message.text,
        sessionId: session.id,
        messageId: message.id,
        occurredAt: message.createdAt,
      };
    }
  }
}
