import type { SeededRandom } from './random.js';

// Question templates per language ({t}: a topic of that language, {p}: a place). Several scripts, including a
// right-to-left one, so every serializer sees multi-byte UTF-8, surrogate pairs (emoji, CJK extension) and RTL.
const LANGUAGES = [
  {
    code: 'en',
    templates: [
      'Do you ship {t} to {p}?',
      'How much is {t} in {p}?',
      'Can I return {t} bought in {p}?',
      'Is {t} available in {p}?',
      'Why was my {t} from {p} late?',
      'Where do I pick up {t} in {p}?',
      'Who do I call about {t}, "{p}" branch?',
      'When does {t} open in {p}; today?',
    ],
    topics: [
      'my order',
      'the warranty',
      'a gift card',
      'express delivery',
      'the invoice',
      'a refund',
      'the app',
      'my account',
      'the loyalty card',
      'a SIM card',
    ],
    answers: [
      'Sure, here is what I found.',
      'Let me check that for you.',
      'You can find it under Settings > Orders.',
    ],
  },
  {
    code: 'el',
    templates: [
      'Στέλνετε {t} στην {p};',
      'Πόσο κοστίζει {t} στην {p};',
      'Μπορώ να επιστρέψω {t} από {p};',
      'Υπάρχει {t} στην {p};',
      'Γιατί άργησε {t} για {p};',
      'Πού παραλαμβάνω {t} στην {p};',
      'Ποιος απαντά για {t}, κατάστημα «{p}»;',
      'Πότε ανοίγει {t} στην {p};',
    ],
    topics: [
      'η παραγγελία μου',
      'η εγγύηση',
      'η δωροκάρτα',
      'η αποστολή',
      'το τιμολόγιο',
      'η επιστροφή χρημάτων',
      'η εφαρμογή',
      'ο λογαριασμός μου',
      'η κάρτα πόντων',
      'η κάρτα SIM',
    ],
    answers: ['Βεβαίως, ορίστε τι βρήκα.', 'Μια στιγμή να ελέγξω.', 'Θα το βρείτε στις Ρυθμίσεις.'],
  },
  {
    code: 'ru',
    templates: [
      'Вы доставляете {t} в {p}?',
      'Сколько стоит {t} в {p}?',
      'Можно вернуть {t} из {p}?',
      'Есть ли {t} в {p}?',
      'Почему {t} в {p} опоздал?',
      'Где забрать {t} в {p}?',
      'Кто отвечает за {t}, филиал «{p}»?',
      'Когда откроется {t} в {p}?',
    ],
    topics: [
      'мой заказ',
      'гарантия',
      'подарочная карта',
      'экспресс-доставка',
      'счёт',
      'возврат денег',
      'приложение',
      'мой аккаунт',
      'бонусная карта',
      'SIM-карта',
    ],
    answers: ['Конечно, вот что я нашёл.', 'Сейчас проверю.', 'Это в разделе «Настройки».'],
  },
  {
    code: 'ar',
    templates: [
      'هل تشحنون {t} إلى {p}؟',
      'كم سعر {t} في {p}؟',
      'هل يمكنني إرجاع {t} من {p}؟',
      'هل {t} متوفر في {p}؟',
      'لماذا تأخر {t} في {p}؟',
      'أين أستلم {t} في {p}؟',
      'من المسؤول عن {t} في فرع "{p}"؟',
      'متى يفتح {t} في {p}؟',
    ],
    topics: [
      'طلبي',
      'الضمان',
      'بطاقة الهدايا',
      'الشحن السريع',
      'الفاتورة',
      'استرداد المال',
      'التطبيق',
      'حسابي',
      'بطاقة الولاء',
      'شريحة الهاتف',
    ],
    answers: ['بالتأكيد، هذا ما وجدته.', 'دعني أتحقق من ذلك.', 'ستجده في الإعدادات.'],
  },
  {
    code: 'hi',
    templates: [
      'क्या आप {t} {p} भेजते हैं?',
      '{p} में {t} कितने का है?',
      'क्या मैं {p} से {t} लौटा सकता हूँ?',
      'क्या {p} में {t} उपलब्ध है?',
      '{p} में {t} देर से क्यों आया?',
      '{p} में {t} कहाँ से लूँ?',
      '{t} के बारे में "{p}" शाखा में किससे बात करूँ?',
      '{p} में {t} कब खुलेगा?',
    ],
    topics: [
      'मेरा ऑर्डर',
      'वारंटी',
      'गिफ्ट कार्ड',
      'एक्सप्रेस डिलीवरी',
      'बिल',
      'रिफंड',
      'ऐप',
      'मेरा खाता',
      'लॉयल्टी कार्ड',
      'सिम कार्ड',
    ],
    answers: ['ज़रूर, यह मिला।', 'मैं जाँच करता हूँ।', 'यह सेटिंग्स में है।'],
  },
  {
    code: 'zh',
    templates: [
      '你们把{t}寄到{p}吗？',
      '{t}在{p}多少钱？',
      '在{p}买的{t}可以退吗？',
      '{p}有{t}吗？',
      '为什么{p}的{t}迟到了？',
      '在{p}哪里取{t}？',
      '关于{t}，"{p}"分店找谁？',
      '{p}的{t}什么时候开？',
    ],
    topics: ['我的订单', '保修', '礼品卡', '快递', '发票', '退款', '应用', '我的账户', '会员卡', 'SIM卡'],
    answers: ['当然，这是我找到的。', '我帮您查一下。', '在“设置”里可以找到。'],
  },
] as const;

const PLACES = [
  'Cyprus',
  'Κύπρος',
  'Αθήνα',
  'Θεσσαλονίκη',
  'Москва',
  'Санкт-Петербург',
  'دبي',
  'القاهرة',
  'मुंबई',
  'दिल्ली',
  '北京',
  '東京',
  '𠮷野家',
  'Zürich',
  'São Paulo',
  'Kraków',
  'Reykjavík',
  'İstanbul',
  'Hà Nội',
  'Sevilla',
  'Paris; 2e',
  'Berlin, Mitte',
  'New York',
  'Tel Aviv',
  'Seoul 서울',
  'Bangkok กรุงเทพ',
  'Lagos',
  'Nairobi',
  'Lima',
  'Oslo',
  'Wien',
  'Praha',
  'Dublin',
  'Lisboa',
  'Milano',
  'Tbilisi თბილისი',
  'Yerevan Երևան',
  'Riga',
  'Tallinn',
  'Vilnius',
];

// Endings that change the wording without changing the question: emoji (surrogate pairs, a ZWJ sequence),
// repeated punctuation, a trailing note.
const ENDINGS = ['', ' 🙂', ' 🙏🏽', '!!', ' 👩‍💻', ' (urgent)'];

/** How many distinct wordings {@link wordingAt} can produce. */
export const WORDING_CAPACITY =
  LANGUAGES.length *
  LANGUAGES[0].templates.length *
  LANGUAGES[0].topics.length *
  PLACES.length *
  ENDINGS.length;

/**
 * The i-th distinct question wording (0 ≤ i < {@link WORDING_CAPACITY}): a mixed-radix decomposition of i, so
 * different indexes always give different texts and index 0 is the same question on every run.
 *
 * @example
 * ```ts
 * wordingAt(0); // 'Do you ship my order to Cyprus?'
 * ```
 */
export function wordingAt(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= WORDING_CAPACITY) {
    throw new RangeError(`wordingAt: index must be an integer in [0, ${WORDING_CAPACITY}), got ${i}`);
  }
  let rest = i;
  const digit = (radix: number) => {
    const value = rest % radix;
    rest = Math.floor(rest / radix);
    return value;
  };
  const language = LANGUAGES[digit(LANGUAGES.length)] as (typeof LANGUAGES)[number];
  const place = PLACES[digit(PLACES.length)] as string;
  const topic = language.topics[digit(language.topics.length)] as string;
  const template = language.templates[digit(language.templates.length)] as string;
  const ending = ENDINGS[digit(ENDINGS.length)] as string;
  return template.replace('{t}', topic).replace('{p}', place) + ending;
}

/**
 * The language code of the i-th wording (the same decomposition as {@link wordingAt}).
 *
 * @example
 * ```ts
 * languageOfWording(1); // 'el'
 * ```
 */
export function languageOfWording(i: number): string {
  return (LANGUAGES[i % LANGUAGES.length] as (typeof LANGUAGES)[number]).code;
}

/**
 * An agent reply in the language of the i-th wording; some replies carry a quote, a separator or a line break,
 * which every CSV writer must escape.
 *
 * @example
 * ```ts
 * agentReply(new SeededRandom(1), 0);
 * ```
 */
export function agentReply(random: SeededRandom, wordingIndex: number): string {
  const language = LANGUAGES[wordingIndex % LANGUAGES.length] as (typeof LANGUAGES)[number];
  const answer = random.pick(language.answers);
  const roll = random.int(10);
  if (roll === 0) return `${answer}\nSee "Help > FAQ"; it lists opening hours, fees, etc.`;
  if (roll === 1) return `${answer} Reference: "${random.int(1_000_000)}"`;
  return answer;
}

/** Contact names in several scripts, some starting with a character a spreadsheet would read as a formula. */
export const CONTACT_NAMES = [
  'Maria Papadopoulou',
  'Γιώργος Νικολάου',
  'Алексей Иванов',
  'فاطمة الزهراء',
  'अनन्या शर्मा',
  '王小明',
  'José Álvarez',
  "Zoë O'Brien",
  '=HYPERLINK("x")',
  '-Anon',
  '+30 210 000 0000',
  '@handle',
  'Jürgen Müller',
  '이민준',
  'Nguyễn Văn An',
];
