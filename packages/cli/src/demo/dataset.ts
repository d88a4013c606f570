import { agents, contactNames, type DemoLanguage, faq, greetings, unanswerable } from './content.js';
import { createRandom } from './random.js';

/**
 * One user message of a scripted conversation.
 *
 * @example
 * ```ts
 * import { generateConversations, type ScriptedTurn } from '@observatory/cli';
 * for (const script of generateConversations({ seed: 42, sessions: 10, days: 7, now: new Date() })) {
 *   const turns: readonly ScriptedTurn[] = script.turns;
 *   console.log(script.sessionId, turns.map((turn) => `${turn.at.toISOString()} ${turn.text}`));
 * }
 * ```
 */
export interface ScriptedTurn {
  readonly messageId: string;
  readonly text: string;
  readonly at: Date;
}

/**
 * A conversation as the user will type it: the agent's side is produced by running the workflow.
 *
 * @example
 * ```ts
 * import { type ConversationScript, generateConversations } from '@observatory/cli';
 * const scripts = generateConversations({ seed: 7, sessions: 3, days: 1, now: new Date() });
 * const [script]: ConversationScript[] = [...scripts];
 * console.log(script?.agentName, script?.turns.map((turn) => turn.text));
 * ```
 */
export interface ConversationScript {
  readonly sessionId: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly deployment: { readonly id: string; readonly name: string };
  readonly channel: string;
  readonly language: DemoLanguage;
  readonly contact: { readonly id: string; readonly name: string };
  readonly startedAt: Date;
  readonly turns: readonly ScriptedTurn[];
  /** The CSAT survey at the end: shown only, or answered with a score from 1 to 5. */
  readonly csat?: { readonly answered: boolean; readonly score: number };
}

/**
 * Options of {@link generateConversations}.
 *
 * @example
 * ```ts
 * import { type DatasetOptions, generateConversations } from '@observatory/cli';
 * const options: DatasetOptions = { seed: 42, sessions: 500, days: 30, now: new Date('2026-11-25') };
 * const scripts = [...generateConversations(options)]; // the same conversations every run
 * ```
 */
export interface DatasetOptions {
  readonly seed: number;
  readonly sessions: number;
  /** Conversations are spread over the `days` days before `now`. */
  readonly days: number;
  readonly now: Date;
}

const DAY_MS = 86_400_000;

/**
 * Generates a realistic, reproducible workload: several agents, deployments and languages, busier office hours, questions the agents can and cannot answer (the unanswerable ones long-tailed, with
 * near-duplicate wordings), users who keep asking what the agent does not know (so escalations happen), and CSAT
 * surveys. The same seed gives the same conversations.
 *
 * @example
 * ```ts
 * const scripts = generateConversations({ seed: 42, sessions: 100, days: 30, now: new Date('2026-11-25T12:00:00Z') });
 * ```
 */
export function* generateConversations(options: DatasetOptions): Generator<ConversationScript> {
  const random = createRandom(options.seed);
  const start = options.now.getTime() - options.days * DAY_MS;
  const starts = Array.from(
    { length: options.sessions },
    () => start + sampleTimeOfDay(random.next(), random.next(), options.days),
  );
  starts.sort((a, b) => a - b);
  const weightedAgents = agents.flatMap((agent) => Array.from({ length: agent.weight }, () => agent));

  for (let index = 0; index < options.sessions; index++) {
    const agent = random.pick(weightedAgents);
    const deployment = random.pick(agent.deployments);
    const language: DemoLanguage = random.chance(0.6) ? 'en' : random.pick(agent.languages);
    const contactIndex = random.zipf(2000, 0.8);
    const struggling = random.chance(0.12); // keeps asking what the agent cannot answer
    const turnCount = random.int(1, struggling ? 7 : 6);
    let at = Math.min(starts[index] ?? start, options.now.getTime() - 10 * 60_000);
    const turns: ScriptedTurn[] = [];
    for (let turn = 0; turn < turnCount; turn++) {
      const text =
        turn === 0 && random.chance(0.4)
          ? random.pick(greetings[language])
          : random.chance(struggling ? 0.85 : 0.25)
            ? pickUnanswerable(random, language)
            : random.pick(random.pick(faq[language]).questions);
      turns.push({ messageId: `msg-${index}-${turn}`, text, at: new Date(at) });
      at += random.int(8, 90) * 1000;
    }
    const csatRoll = random.next();
    yield {
      sessionId: `demo-${options.seed}-${String(index).padStart(6, '0')}`,
      agentId: agent.id,
      agentName: agent.name,
      deployment: { id: deployment.id, name: deployment.name },
      channel: deployment.channel,
      language,
      contact: {
        id: `contact-${contactIndex}`,
        name: contactNames[contactIndex % contactNames.length] ?? 'Guest',
      },
      startedAt: turns[0]?.at ?? new Date(at),
      turns,
      ...(csatRoll < 0.35 ? { csat: { answered: csatRoll < 0.28, score: random.int(1, 5) } } : {}),
    };
  }
}

function pickUnanswerable(random: ReturnType<typeof createRandom>, language: DemoLanguage): string {
  const pool = unanswerable[language];
  const wordings = pool[random.zipf(pool.length, 1.05)] ?? pool[0] ?? ['?'];
  // Most users type the usual wording; some type a near-duplicate.
  return random.chance(0.8) ? (wordings[0] ?? '?') : random.pick(wordings);
}

/** Spreads sessions over days with busier office hours (in UTC: the demo's zones are near it). */
function sampleTimeOfDay(dayRoll: number, hourRoll: number, days: number): number {
  const day = Math.floor(dayRoll * days);
  // Office hours get two thirds of the traffic.
  const hour = hourRoll < 0.66 ? 7 + (hourRoll / 0.66) * 10 : ((hourRoll - 0.66) / 0.34) * 24;
  return day * DAY_MS + hour * 3_600_000;
}
