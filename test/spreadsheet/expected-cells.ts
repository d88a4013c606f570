// What each export's cells must show, derived here from the API's JSON (the wire DTOs of the list paths) and the
// documented export rules, independently of the serializers: the spreadsheet suite compares LibreOffice's view of
// every file with these.
import { XLSX_MAX_CELL_LENGTH, XLSX_TRUNCATION_MARKER } from '@observatory/core/xlsx';

type WireMessage = {
  message?: string;
  isUserInteraction?: boolean;
  role?: string;
  category?: string;
  liveChatEventType?: string;
};

/** The parts of a wire session (`ChatSessionDto`) the export shows. */
export interface WireSession {
  id: string;
  tenantId: string;
  tenant?: { displayName?: string };
  subscriberHandle: string;
  createdAt: string;
  status: string;
  duration: number;
  language?: string;
  tags: string[];
  messageCount: number;
  userInteractionCount: number;
  csatSurveys: Array<{ status: string }>;
  liveChats?: unknown[];
  summary?: string;
  messages: WireMessage[];
  metadata: {
    deploymentId?: string;
    deploymentName?: string;
    deploymentPlatform?: string;
    subscriberName?: string;
    subscriberEmail?: string;
  };
}

/** The parts of a wire missed question (`MissedQuestionDto`) the export shows. */
export interface WireMissedQuestion {
  id: string;
  tenantId: string;
  question: string;
  status: string;
  occurrences: number;
  filteredOccurrences?: number;
  language?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** One value as the API gives it: text, a count, a flag, or an instant. */
export type ApiValue =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'instant'; readonly value: string };

const text = (value: string | undefined): ApiValue => ({ kind: 'text', value: value ?? '' });
const count = (value: number): ApiValue => ({ kind: 'number', value });
const flag = (value: boolean): ApiValue => ({ kind: 'boolean', value });

function role(message: WireMessage): string {
  if (message.role === 'system') return 'system';
  return message.isUserInteraction ? 'user' : 'agent';
}

/** A session's values in the order of the sessions export's columns. */
export function sessionValues(dto: WireSession): ApiValue[] {
  const messages = dto.messages;
  return [
    text(dto.id),
    { kind: 'instant', value: dto.createdAt },
    { kind: 'instant', value: dto.createdAt }, // shown in the export's zone
    text(dto.tenantId),
    text(dto.tenant?.displayName),
    text(dto.metadata.deploymentId),
    text(dto.metadata.deploymentName),
    text(dto.subscriberHandle),
    text(dto.metadata.subscriberName),
    text(dto.metadata.subscriberEmail),
    text(dto.metadata.deploymentPlatform),
    text(dto.status),
    count(dto.duration),
    text(dto.language),
    text(dto.tags.join('|')),
    count(dto.messageCount),
    count(dto.userInteractionCount),
    flag(messages.some((message) => message.category === 'FALLBACK')),
    flag(
      (dto.liveChats?.length ?? 0) > 0 ||
        messages.some((message) => message.category === 'LIVE_CHAT' || message.liveChatEventType),
    ),
    text(dto.csatSurveys.map((survey) => survey.status).join('|')),
    text(dto.summary),
    text(messages.map((message) => `${role(message)}: ${message.message ?? ''}`).join('\n')),
  ];
}

/** A missed question's values in the order of the missed-questions export's columns. */
export function missedQuestionValues(dto: WireMissedQuestion): ApiValue[] {
  return [
    text(dto.id),
    text(dto.tenantId),
    text(dto.question),
    text(dto.status),
    count(dto.occurrences),
    dto.filteredOccurrences === undefined ? text('') : count(dto.filteredOccurrences),
    text(dto.language),
    text(dto.createdAt),
    text(dto.updatedAt),
  ];
}

/** The CSV formula rule (OWASP): text starting with `=`, `+`, `-`, `@`, TAB or CR gains a leading `'`. */
function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV cell as written: text neutralised, numbers in decimal, flags as words; instants as ISO text. */
export function csvCell(value: ApiValue, local: (iso: string) => string, index: number): string {
  switch (value.kind) {
    case 'text':
      return neutralised(value.value);
    case 'number':
      return String(value.value);
    case 'boolean':
      return String(value.value);
    case 'instant':
      // The sessions CSV: createdAt as ISO UTC, createdAtLocal as `YYYY-MM-DD HH:mm:ss` in the export's zone.
      return index === 1 ? value.value : local(value.value).slice(0, 19);
  }
}

/** The xlsx rule for long text: cut to Excel's limit, ending with the marker, never half a surrogate pair. */
function cut(value: string): string {
  if (value.length <= XLSX_MAX_CELL_LENGTH) return value;
  let end = XLSX_MAX_CELL_LENGTH - XLSX_TRUNCATION_MARKER.length;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end) + XLSX_TRUNCATION_MARKER;
}

/** What LibreOffice shows of an xlsx cell: its text and whether it is a text cell. */
export interface ShownCell {
  readonly value: string;
  readonly text: boolean;
}

/**
 * An xlsx cell as LibreOffice shows it: text exactly (cut past the cell limit), instants as date-time cells in
 * `yyyy-mm-dd hh:mm:ss.000`, durations as seconds with three decimals, counts in decimal, flags TRUE/FALSE.
 */
export function xlsxCell(value: ApiValue, local: (iso: string) => string, index: number): ShownCell {
  switch (value.kind) {
    case 'text':
      return { value: cut(value.value), text: value.value !== '' };
    case 'number':
      // Column 12 is the session's duration, shown in seconds.
      return { value: index === 12 ? (value.value / 1000).toFixed(3) : String(value.value), text: false };
    case 'boolean':
      return { value: value.value ? 'TRUE' : 'FALSE', text: false };
    case 'instant':
      return { value: index === 1 ? utcShown(value.value) : local(value.value), text: false };
  }
}

function utcShown(iso: string): string {
  const instant = new Date(iso).toISOString();
  return `${instant.slice(0, 10)} ${instant.slice(11, 23)}`;
}

/** `yyyy-mm-dd hh:mm:ss.000` wall-clock time of an instant in `timeZone`, by Intl. */
export function wallClock(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  });
  return (iso) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond}`;
  };
}

/**
 * A text as LibreOffice (7.4) shows it. A cell with a line feed is held as paragraphs, so there every CR, CRLF or
 * LF shows as one LF; in a one-line xlsx cell a CR stays a CR, while a CSV reader ends a line at any CR. It does
 * not decode `_x007F_` (DEL, which Excel decodes), showing it as written.
 */
export function asLibreOfficeShows(value: string, from: 'xlsx' | 'csv'): string {
  if (from === 'csv' || value.includes('\n')) value = value.replace(/\r\n?/g, '\n');
  return from === 'xlsx' ? value.replace(/\x7F/g, '_x007F_') : value;
}
