// "After 3 consecutive misses, hand the conversation to a human": a scripted conversation run through the
// Missed Question node in memory. Prints the counters after every user message and the moment of the handoff.
//
//   npx tsx examples/escalate-after-3-misses/src/index.ts
import { createNodeContext, escalateAfter, missedQuestionNode } from '@observatory/nodes';

// A stand-in for your NLU: a question is answered when one of these keywords matches.
const knowledge: Record<string, string> = {
  open: 'We are open 9:00–17:00, Monday to Friday.',
  ship: 'We ship across the EU in 3–5 working days.',
  return: 'Returns are free within 30 days.',
};

const conversation = [
  'When are you open?',
  'Can I pay with crypto?', // miss 1
  'Do you ship to Cyprus?', // answered: the streak starts again
  'Is there a student discount?', // miss 2
  'How do returns work?',
  'Do you sell gift cards?', // miss 3 — three misses so far, but never two in a row: no escalation
  'Are you open on Sundays?',
  'Can I pick up in store?', // miss
  'Do you have a loyalty card?', // miss
  'Is there a phone number I can call?', // third miss in a row: handoff
  'Hello? Anyone there?', // never reaches the bot: a human has the conversation now
];

const rule = escalateAfter(3);
const ctx = createNodeContext({ session: { id: 'demo-session', tenantId: 'faq-bot' } });
// The node takes port `escalate` at the threshold; `watch` is the event view of the same rule (once per streak).
const missed = missedQuestionNode({ escalateAfter: rule });
rule.watch(ctx, (event) => {
  console.log(
    `>>> handoff to LiveChat at ${event.messageId}: ${event.consecutiveMissedQuestionsCount} misses in a row (${event.missedQuestionsCount} in total)`,
  );
});

for (const [index, text] of conversation.entries()) {
  const messageId = `m${index + 1}`;
  ctx.beginTurn({ id: messageId, text });
  const answer = Object.entries(knowledge).find(([keyword]) => text.toLowerCase().includes(keyword))?.[1];
  // Only unanswered messages run the Missed Question node; a turn that ends without a miss resets the streak.
  const port = answer === undefined ? await missed.execute(ctx) : 'answered';
  const { counters } = ctx.endTurn();
  console.log(
    `${messageId.padEnd(4)} ${port.padEnd(9)} missedQuestionsCount=${counters.missedQuestionsCount} consecutiveMissedQuestionsCount=${counters.consecutiveMissedQuestionsCount}  ${text}`,
  );
  if (port === 'escalate') {
    console.log(`${conversation.length - index - 1} later message(s) go to the human agent, not the bot.`);
    break;
  }
}
