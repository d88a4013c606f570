/**
 * What the demo's agents know and what their users ask that they don't: a small FAQ per language, and a pool of
 * unanswerable questions whose frequencies follow a long tail, some with near-duplicate wordings.
 */

/** One FAQ entry: keywords that match it and the answer given. */
export interface FaqEntry {
  readonly keywords: readonly string[];
  readonly questions: readonly string[];
  readonly answer: string;
}

/**
 * The demo's languages.
 *
 * @inline
 */
export type DemoLanguage = 'en' | 'el' | 'es' | 'de';

/** FAQ per language: user questions built from these are answered. */
export const faq: Record<DemoLanguage, readonly FaqEntry[]> = {
  en: [
    {
      keywords: ['opening hours', 'open'],
      questions: ['What are your opening hours?', 'When are you open?'],
      answer: 'We are open 9:00–18:00, Monday to Friday.',
    },
    {
      keywords: ['track', 'order'],
      questions: ['How do I track my order?', 'Where is my order?'],
      answer: 'Use the tracking link in your confirmation e-mail.',
    },
    {
      keywords: ['return'],
      questions: ['How do I return an item?', 'Can I return this?'],
      answer: 'You can return any item within 30 days.',
    },
    {
      keywords: ['password'],
      questions: ['I forgot my password', 'How do I reset my password?'],
      answer: 'Use "Forgot password" on the sign-in page.',
    },
    {
      keywords: ['delivery', 'shipping cost'],
      questions: ['How much is delivery?', 'What is the shipping cost?'],
      answer: 'Delivery is free above €50.',
    },
  ],
  el: [
    {
      keywords: ['ωράριο'],
      questions: ['Ποιο είναι το ωράριο σας;'],
      answer: 'Είμαστε ανοιχτά 9:00–18:00, Δευτέρα με Παρασκευή.',
    },
    {
      keywords: ['παραγγελία'],
      questions: ['Πού είναι η παραγγελία μου;'],
      answer: 'Δείτε τον σύνδεσμο παρακολούθησης στο email σας.',
    },
    {
      keywords: ['επιστροφή'],
      questions: ['Πώς κάνω επιστροφή;'],
      answer: 'Μπορείτε να επιστρέψετε ένα προϊόν μέσα σε 30 ημέρες.',
    },
  ],
  es: [
    {
      keywords: ['horario'],
      questions: ['¿Cuál es su horario?'],
      answer: 'Abrimos de 9:00 a 18:00, de lunes a viernes.',
    },
    {
      keywords: ['pedido'],
      questions: ['¿Dónde está mi pedido?'],
      answer: 'Use el enlace de seguimiento de su correo.',
    },
  ],
  de: [
    {
      keywords: ['öffnungszeiten'],
      questions: ['Wie sind Ihre Öffnungszeiten?'],
      answer: 'Wir haben Mo–Fr von 9:00 bis 18:00 geöffnet.',
    },
    {
      keywords: ['bestellung'],
      questions: ['Wo ist meine Bestellung?'],
      answer: 'Nutzen Sie den Tracking-Link in Ihrer E-Mail.',
    },
  ],
};

/** The long tail: questions only a few users ever ask, one wording each. */
const rareQuestions: Record<DemoLanguage, readonly string[]> = {
  en: [
    ...['Malta', 'Iceland', 'Gibraltar', 'Andorra', 'Monaco', 'the Azores', 'Madeira', 'Crete'].map(
      (place) => `Do you ship to ${place}?`,
    ),
    ...[
      'vinyl records',
      'board games',
      'telescopes',
      'sewing machines',
      'baby car seats',
      'e-bike batteries',
    ].map((item) => `Do you sell ${item}?`),
    'Do you rent out bikes?',
    'Is there parking for coaches?',
    'Can I get an invoice in Greek?',
    'Do you offer gift wrapping?',
    'Can I reserve an item for tomorrow?',
    'Who designed your logo?',
  ],
  el: [
    'Στέλνετε στη Ρόδο;',
    'Πουλάτε επιτραπέζια;',
    'Έχετε κατάστημα στην Πάτρα;',
    'Κάνετε συσκευασία δώρου;',
  ],
  es: ['¿Envían a Andorra?', '¿Venden juegos de mesa?', '¿Hacen envoltorio de regalo?'],
  de: ['Liefern Sie nach Liechtenstein?', 'Verkaufen Sie Brettspiele?', 'Gibt es Geschenkverpackung?'],
};

/**
 * Questions the agents cannot answer, most frequent first (they are drawn with a Zipf distribution, so the rare
 * questions at the end form a long tail). Each entry lists its wordings: the first is the usual one, the others
 * are near-duplicates (case, punctuation, spacing) that exact-wording grouping keeps apart and the opt-in
 * normaliser merges.
 */
export const unanswerable: Record<DemoLanguage, readonly (readonly string[])[]> = {
  en: [
    ['Do you ship to Cyprus?', 'do you ship to cyprus', 'Do you ship to Cyprus ?'],
    ['Can I pay with crypto?', 'can i pay with crypto?'],
    ['Is there a student discount?', 'Is there a student discount'],
    ['Can I change the address after paying?'],
    ['Do you have gift cards?', 'do you have gift cards??'],
    ['What is your carbon footprint?'],
    ['Can I pick up in store?'],
    ['Do you price match?'],
    ['Is the warranty valid abroad?'],
    ['Can I buy by phone?'],
    ['Do you sell refurbished phones?'],
    ['Why was my card declined twice?'],
    ['Can you deliver on Sunday?'],
    ['Do you have a loyalty programme?'],
    ['Is there an app for iPad?'],
    ['Can I split the payment?'],
    ['What does "=SUM(A1)" mean on my invoice?'],
    ['Do you ship to the Moon? 🚀'],
    ...rareQuestions.en.map((question) => [question]),
  ],
  el: [
    ['Στέλνετε στην Κύπρο;', 'στέλνετε στην κύπρο'],
    ['Δέχεστε πληρωμή με κρυπτονομίσματα;'],
    ['Υπάρχει φοιτητική έκπτωση;'],
    ['Μπορώ να παραλάβω από το κατάστημα;'],
    ['Έχετε δωροκάρτες;'],
    ...rareQuestions.el.map((question) => [question]),
  ],
  es: [
    ['¿Envían a Canarias?', '¿envían a canarias?'],
    ['¿Puedo pagar con Bizum?'],
    ['¿Hay descuento para estudiantes?'],
    ['¿Tienen tienda física en Sevilla?'],
    ...rareQuestions.es.map((question) => [question]),
  ],
  de: [
    ['Liefern Sie in die Schweiz?', 'liefern sie in die schweiz'],
    ['Kann ich auf Rechnung zahlen?'],
    ['Gibt es einen Studentenrabatt?'],
    ...rareQuestions.de.map((question) => [question]),
  ],
};

/** Greetings and small talk the agents answer. */
export const greetings: Record<DemoLanguage, readonly string[]> = {
  en: ['Hi', 'Hello!', 'Good morning'],
  el: ['Γεια σας', 'Καλημέρα'],
  es: ['Hola', 'Buenos días'],
  de: ['Hallo', 'Guten Tag'],
};

/** An agent of the demo workspace. */
export interface DemoAgent {
  readonly id: string;
  readonly name: string;
  /** Relative share of the traffic. */
  readonly weight: number;
  readonly languages: readonly DemoLanguage[];
  readonly deployments: readonly { readonly id: string; readonly name: string; readonly channel: string }[];
}

/** The agents of the demo workspace, their deployments and languages. */
export const agents: readonly DemoAgent[] = [
  {
    id: 'shop-assistant',
    name: 'Shop Assistant',
    weight: 5,
    languages: ['en', 'el', 'es', 'de'],
    deployments: [
      { id: 'webchat-prod', name: 'Webchat Production', channel: 'webchat' },
      { id: 'whatsapp-prod', name: 'WhatsApp Production', channel: 'whatsapp' },
    ],
  },
  {
    id: 'support-bot',
    name: 'Support Bot',
    weight: 3,
    languages: ['en', 'el'],
    deployments: [
      { id: 'support-web', name: 'Support Webchat', channel: 'webchat' },
      { id: 'support-voice', name: 'Support Voice Line', channel: 'voice' },
    ],
  },
  {
    id: 'testing-agent',
    name: 'QA Agent',
    weight: 1,
    languages: ['en'],
    deployments: [{ id: 'automated-testing', name: 'Automated Agent Testing Deployment', channel: 'test' }],
  },
];

/** Contact names, unicode included. */
export const contactNames = [
  'Maria Papadopoulou',
  'John Smith',
  'Γιώργος Νικολάου',
  'Lucía Fernández',
  'Jürgen Weiß',
  'سارا أحمد',
  'Noa Levi',
  'Aiko Tanaka',
] as const;
