/**
 * Writes `docs/http-api.md` from the local server's OpenAPI document, so the page is the document rendered and
 * cannot drift from the routes: `npx tsx scripts/http-api-doc.ts`. `test/docs.test.ts` fails when the committed
 * page differs from what this renders.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_BUCKETS_PER_RANGE } from '@observatory/core';
import { openApiDocument } from '@observatory/server';
import { SPEC_DIVERGENCES, type SpecDivergence } from '../packages/server/src/http/spec-divergences.js';
import { publishedOperationsSection } from './published-operations.js';

/** Where the page is written, relative to the repository root. */
export const HTTP_API_DOC_PATH = 'docs/http-api.md';

type Schema = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: Schema;
}

interface Operation {
  readonly summary?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: Schema }> };
  readonly responses?: Record<
    string,
    { readonly description?: string; readonly content?: Record<string, { readonly schema?: Schema }> }
  >;
}

interface Document {
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

// Hand-written because it explains choices rather than shapes; everything below it is generated.
const WIRE_DECISIONS = `## Wire decisions

The local server answers the platform's paths (\`reference/helvia-openapi/\`: hbf-core for chat sessions, missed
questions, tags and analytics; hbf-data-manager for interaction logs and variable snapshots) in the platform's
wire format, and adds a few **optional extensions** that a client must never require from the real platform:

- **Write paths for runtimes** under \`/organizations/{orgId}/chat-sessions\` (summaries marked "local extension"
  below, plus the \`messages\`, \`variables\` and \`interactions\` posts): they predate the published
  \`/chat-sessions\` routes (see "Published operations"), which record sessions as on the platform. What only they
  offer: the interaction log (\`interactions\`; the published specs have no write path for it), tag additions and
  removals in one request, and answers carrying the stored session (201 when created).
- **Query extensions**: \`timeZone\` on exports and analytics (IANA zone the local columns and day buckets are
  cut in), \`fileType=xlsx\` on session exports, \`bom\` on CSV exports, \`status\` on the missed-question list,
  \`bucket\` on analytics.
- **Response extensions**: \`filteredOccurrences\` / \`distinctSessions\` on missed questions, \`questions\` /
  \`answered\` on analytics buckets.
- **Paged lists** are always \`{ items, page, pageSize, total }\`, including missed-question occurrences, which
  the published spec types as a single object; a list that pages cannot be one object, so we follow what a paged
  list must be. The client also accepts the platform's other shapes.
- **Session list totals are capped**: a session list counts its matches exactly up to 1,000 past the end of
  the page asked for (\`(page + 1) × pageSize + 1,000\`); when more match, \`total\` is that number, a lower
  bound, so that a page costs the same in an organization of ten thousand sessions as in one of millions. A
  client paging while \`(page + 1) × pageSize < total\` still reaches every match, since the bound moves with
  the page.
- **Reports are idempotent** on \`(sessionId, messageId)\` of the reporting agent (\`missedQuestion.tenantId\`):
  a new occurrence answers 201; the same report again (same agent, same question text) answers 200 with the
  existing one, and no count changes. The same message reported by that agent with **another question** answers
  409 with \`field: "missedQuestion.question"\` and the stored question in \`stored\` (the new text is not stored;
  one message is one occurrence of one question). An occurrence is its agent's own: the same pair reported under
  another agent is that agent's occurrence, and the default \`occurredAt\` comes only from the reporting agent's
  own session (else now). The platform has both fields optional; the local server requires them.
- **A scope is a wall**: a token scoped to some agents gets, for another agent's session, message, question or
  agent id, exactly the answer it gets for an id that does not exist (404, an empty list, or a batch that skips
  it), and changes nothing of theirs, on every route (\`/organizations/…\`, \`/orgs/…\` and \`/chat-sessions\`).
  Session ids are per agent (below).
- **Session ids are unique per agent**, not per organization: a session is (organization, agent, id), so two
  agents may each hold a session \`s1\`. Creating a session under an id another agent's session holds
  (\`POST /organizations/{orgId}/chat-sessions\`, \`POST /chat-sessions\`, \`PUT /chat-sessions/{id}\`) creates
  the caller's own session and tells it nothing of the other; only an id the same agent already holds conflicts
  (\`POST /chat-sessions\`: 409 with \`field: "id"\`, \`expected: "an id no chat session of this agent has yet"\`).
  Every route that names a session by id (get, messages, export of one, update, tags, delete, messages, variables,
  interactions, batch complete, the interaction-log deletes) takes an optional \`tenantId\` query parameter, a
  local extension: the agent whose session is meant. Without it the id is looked up among the token's agents:
  one holder is that session; none is a 404; several (only possible for a token of the whole organization or of
  several agents) is a 409 on \`id\` whose \`agents\` names them, only ever agents of the token, and changes
  nothing: send it again with \`tenantId\`. A \`tenantId\` outside the token's agents is a 404, as an unknown id.
  A \`uuid\` list filter lists every holder. So a scoped caller learns nothing of another agent's sessions, not
  even that an id is taken. One bit remains for missed questions, whose ids are unique in an organization: a
  report naming a \`missedQuestion.id\` another agent's question holds answers 409 with
  \`field: "missedQuestion.id"\`, byte for byte the answer for an id the caller's own question with another text
  holds; so a scoped caller can infer, for a question id it guesses, only that some question of the organization
  has it, nothing of it, and nothing is written. Ids made up by the server (UUIDs) cannot be guessed.
- **Bodies are UTF-8 JSON text** (RFC 8259): a body with an invalid UTF-8 sequence is refused with 400 (field
  \`body\`) instead of being stored with U+FFFD in place of the damaged text. Likewise a query parameter whose
  percent-encoding is not UTF-8 is a 400 naming the parameter.
- **503 with \`Retry-After\`** (a \`Problem\`) means "send it again later": while the database is unreachable
  (PostgreSQL down or restarting: \`Retry-After: 2\`; the server reconnects by itself), and when the server is at
  capacity (\`Retry-After: 1\`, nothing was done). A connection lost during a commit may have committed it:
  the repeat of an idempotent request (a report, a session upsert, messages with ids) then changes nothing.
  Every route under \`/organizations\`, \`/orgs\` and \`/chat-sessions\` passes one first-come, first-served queue in front of the
  store: at most 10 places work at once on PostgreSQL (its connection pool) and 2 on PGlite, each a request or,
  for missed-question reports (which the store runs together as one batch), up to 4 reports on PostgreSQL and 32
  on PGlite; at most 64 wait, none longer than 5 s; a request past either bound gets the 503 at once, so no connection is dropped and no kind
  of request starves another. A request holds its place until its answer starts (a streamed export then reads
  its further batches as the client takes them). \`/health\` and \`/openapi.json\` are never queued. The bounds
  are the \`admission\` option of \`createObservatoryServer\` (\`defaultAdmissionLimits\`).
- **Connections are kept alive** (HTTP/1.1, Node's defaults: idle for 5 s, headers within 60 s, a whole request
  within 300 s), except after an answer given before the request's body arrived whole (a 413 over the size
  limit, a 401 or 403, a 503 from the queue): that answer carries \`Connection: close\` and the connection ends
  with it, so a keep-alive client sends its next request on a new connection instead of one being cut.
- **\`isRegex=true\` takes RE2 syntax**, matched case-insensitively in time linear in the text: no pattern can
  stall the server, and backreferences and lookaround (which RE2 lacks) get a 400 on \`searchTerm\`. The
  platform does not publish its regex dialect; a pattern valid on both is plain RE2/JavaScript common syntax.
- **Analytics cut a range into at most ${MAX_BUCKETS_PER_RANGE.toLocaleString('en-US')} buckets** (\`MAX_BUCKETS_PER_RANGE\` of \`@observatory/core\`), so
  no request holds the server for long: when the local days, ISO weeks or months (\`bucket\`) of \`timeZone\`
  from \`startDate\` to \`endDate\`, both included, number more, the answer is a 400 on \`endDate\` naming the
  cap and the count, before any data is read; a shorter range or a larger bucket fits. Local days follow the
  zone's history to the second (Athens kept UTC+1:34:52 until 1916). The platform publishes no such cap.
- **Errors** are \`application/problem+json\` (RFC 9457) with \`field\` and \`expected\` on a 400 and a 409
  (plus \`stored\` on a 409 when the conflicting stored value is the caller's to see, and \`agents\` on a 409
  for a session id several of the token's agents hold).
- **What the spec requires is always sent**, derived where a runtime did not record it: \`tenant\` (sent when the
  agent has a name) has its \`displayName\` cut to 240 characters and empty \`powerups\`, \`settings\`,
  \`systemSettings\` and \`tags\`; each of \`liveChats[]\` has \`liveChatEventType\` (as recorded, else the
  session's last LiveChat event, else \`LIVECHAT_REQUESTED\`) and \`duration\` (as recorded, else 0), and, as core
  does not hold them, \`updatedAt\` (the last message's date, else \`createdAt\`), \`lastEndUserMessageAt\` (the
  last \`END_USER\` message, else the last user message, else \`createdAt\`), \`lastSender\` (the last message's
  LiveChat sender, else \`END_USER\`) and \`responseTime\` (\`[]\`); durations are whole milliseconds.
- **Ids \`''\`, \`.\` and \`..\` are refused**: a URL parser resolves such a segment (even as \`%2E%2E\`), so
  it would address another route (\`…/chat-sessions/..\` is \`…/organizations/{orgId}/\`). The client throws
  \`ObservatoryInputError\` (field \`id\`) before any request; the server answers 400 naming the route's
  parameter (\`id\`, \`orgId\`, \`hbfEventId\`), or \`path\` where no parameter sits, reading the raw request line.

## Export files

- **CSV** (sessions and missed questions): \`;\` (the platform's default) or \`,\` as \`separator\`, lines ending in
  CRLF. A cell is quoted when it holds \`,\`, \`;\` or a TAB (whichever the separator, so a spreadsheet import
  splitting at all three keeps it whole), a \`"\`, a CR or a LF.
  **Formula neutralisation** (OWASP "CSV Injection"): a text cell starting with \`=\`, \`+\`, \`-\`, \`@\`, TAB
  or CR gets a leading \`'\`, so that a spreadsheet shows it as text instead of running it; it is the only change
  made to the API's text, and numbers the server writes (durations, counts) are never prefixed. The file starts
  with a UTF-8 byte-order mark, which Excel needs to read Greek or Arabic text, unless \`bom=false\` (a local
  extension; the platform's spec has no such parameter).
- **xlsx** (sessions, a local extension): a bold header row that stays in view, with an autofilter; every text
  is a text cell holding the API's text exactly (spaces at the ends and line breaks kept, never a formula, no
  \`'\` added, \`0123\`, \`50%\` or a 17-digit id never retyped); characters XML cannot hold are written as the
  OOXML \`_xHHHH_\` escapes Excel decodes, and a literal \`_xHHHH_\` is escaped too; text past Excel's 32,767-
  character cell limit is cut and ends in \`…[truncated]\`. \`createdAt (UTC)\` and \`createdAtLocal (<timeZone>)\` are
  date-time cells (\`yyyy-mm-dd hh:mm:ss.000\`), \`durationSeconds\` a number of seconds.
- **Session columns**, the same in CSV and xlsx, in the same order, whatever \`timeZone\`: \`createdAt\` is the
  UTC instant and \`createdAtLocal\` the wall-clock time in \`timeZone\` (UTC by default), so with UTC the two
  hold the same time under two names. An xlsx header is the CSV's column name, except \`createdAt (UTC)\`,
  \`createdAtLocal (<timeZone>)\` and \`durationSeconds\` (the CSV's \`durationMs\` in seconds).
- A test suite opens the files the route and \`observatory export\` write in LibreOffice and compares every cell
  with this API's JSON (\`test/spreadsheet-libreoffice.process.test.ts\`). What LibreOffice (7.4) itself changes: a cell's
  CRLF shows as one line break (a CR too, in a cell with line breaks), and a DEL (U+007F) shows as
  \`_x007F_\`, which Excel decodes.

More detail: [the server's README](../packages/server/README.md#http-api) and
[the client's wire decisions](../packages/client/README.md#wire-decisions).`;

// Hand-written: how the client reads the real platform's answers, which the published spec lets leave out nearly
// everything. Each rule is defined once, in core's wire mapping (packages/core/src/wire/internal/answer-fallbacks.ts).
const CLIENT_FALLBACKS = `## What the client accepts and fills in

The client validates each answer of the platform with the published spec's own required-ness and types
(\`spec/helvia-openapi/\`), never stricter: what the spec leaves optional is optional, extra fields are kept,
an integer the spec leaves unbounded may be negative, a \`number\` need not be whole, and a CSAT survey's
\`status\` (a free string in the spec) is kept as sent (typed \`'PRESENTED' | 'ANSWERED' | (string & {})\`).
A test draws thousands of schema-valid answers from the spec's JSON Schemas for every operation the client calls
and checks that none is refused (\`packages/client/src/client.spec-answers.test.ts\`). An answer that breaks the
spec throws \`ObservatoryValidationError\` naming the JSON path of the offending value, e.g.
\`at $.items[1].messages[0].date\`.

Where core's model needs a value the answer does not give (absent, or \`''\` for an id or a name), the client fills
in:

| value | fallback |
| --- | --- |
| session id | the id asked for (\`sessions.get\`, \`chatSessions.get\`, \`upsert\`, \`update\`, \`create\` given one); else \`unknown\`; in a list, \`unknown-<position>\` (page × pageSize + index) |
| session agent (\`tenantId\`, \`tenant.id\`) | \`unknown\` |
| contact (\`subscriberHandle\`) | \`unknown\` |
| session \`createdAt\` | \`lastInteraction\`, then \`updatedAt\`, then the first message's date, then the Unix epoch |
| message id | \`<session id>#<index>\` |
| message date | the date of the message before it; for the first, the session's \`createdAt\` |
| CSAT survey id | \`<session id>#csat<index>\` |
| deployment (\`metadata.deploymentId\`) | none (\`deployment: null\`) |
| a negative duration, count or waiting time | 0 |
| missed question id | the id asked for (\`get\`, \`update\`); else \`unknown\` |
| missed question agent | the reported \`tenantId\` (\`report\`), the question read before (\`update\`); else \`unknown\` |
| missed question wording | the reported question (\`report\`, \`update\`); else \`unknown\`; cut to 500 characters |
| missed-question page | no items; the page and page size asked for (also for a negative one); total unknown (\`null\`) |
| occurrence agent, wording | the nested question's, else the question's (read once), else \`unknown\` |
| occurrence session, message | \`unknown\` (the message: the occurrence's own id first) |
| occurrence date | the Unix epoch |
| interaction step id | \`<event id>#<index>\`; its event id: the event asked about (in the organization's log, \`interactions.list\`: \`unknown\`, as its session id); its type: \`unknown\` |
| session list answered as one session (the spec's typing) | a list of that one session, total unknown |`;

/**
 * One of the two lists of SPEC_DIVERGENCES, the list test/published-spec-conformance.test.ts holds the server's
 * answers to: any violation of the published specs outside it fails that test.
 */
function divergencesSection(title: string, intro: string, kind: SpecDivergence['kind']): string {
  const rows = SPEC_DIVERGENCES.filter((divergence) => divergence.kind === kind).map(
    (divergence) =>
      `| ${
        divergence.operationIds.includes('*')
          ? 'every operation'
          : divergence.operationIds.map((id) => `\`${id}\``).join(', ') || '(unpublished paths)'
      } | ${
        divergence.where.length === 0 ? '—' : divergence.where.map((where) => `\`${where}\``).join(', ')
      } | ${cell(divergence.reason)} |`,
  );
  return [
    `## ${title}`,
    '',
    intro,
    'A test (`test/published-spec-conformance.test.ts`) runs every answer of the server through a validator of the',
    'published specs and fails on any violation that neither this list nor the other one holds.',
    '',
    '| operations | where a validator sees it | what and why |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Renders a schema as a short type: component schemas by name, with a link, instead of their expansion. */
function typeOf(schema: Schema | undefined, components: Record<string, Schema>): string {
  if (schema === undefined || Object.keys(schema).length === 0) return 'any';
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return `[${name}](#${anchor(name)})`;
  }
  for (const [name, component] of Object.entries(components)) {
    if (sameJson(component, schema)) return `[${name}](#${anchor(name)})`;
  }
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) return union.map((member) => typeOf(member, components)).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items as Schema | undefined, components)}[]`;
  if (typeof schema.format === 'string') return `${String(schema.type)} (${schema.format})`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return typeof schema.type === 'string' ? schema.type : 'any';
}

/** Flattens an object schema into rows `a.b[].c`, stopping at component schemas (they have their own table). */
function propertyRows(
  schema: Schema,
  components: Record<string, Schema>,
  prefix: string,
  self: string,
): { name: string; type: string; required: boolean; description: string }[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: { name: string; type: string; required: boolean; description: string }[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const name = `${prefix}${key}`;
    const linked = Object.entries(components).some(
      ([component, body]) => component !== self && sameJson(body, property),
    );
    const items = property.type === 'array' ? (property.items as Schema | undefined) : undefined;
    const nested = linked
      ? undefined
      : property.type === 'object'
        ? property
        : items?.type === 'object'
          ? items
          : undefined;
    const itemsLinked =
      items !== undefined &&
      Object.entries(components).some(([c, body]) => c !== self && sameJson(body, items));
    rows.push({
      name,
      type:
        nested !== undefined && !itemsLinked
          ? nested === items
            ? 'object[]'
            : 'object'
          : typeOf(property, components),
      required: required.has(key),
      description: typeof property.description === 'string' ? property.description : '',
    });
    if (nested !== undefined && !itemsLinked) {
      rows.push(...propertyRows(nested, components, nested === items ? `${name}[].` : `${name}.`, self));
    }
  }
  return rows;
}

function parametersSection(parameters: readonly Parameter[], components: Record<string, Schema>): string[] {
  if (parameters.length === 0) return [];
  return [
    '| parameter | in | type | required |',
    '| --- | --- | --- | --- |',
    ...parameters.map(
      (p) =>
        `| \`${p.name}\` | ${p.in} | ${cell(typeOf(p.schema, components))} | ${p.required ? 'yes' : 'no'} |`,
    ),
    '',
  ];
}

function bodySection(operation: Operation, components: Record<string, Schema>): string[] {
  const content = operation.requestBody?.content;
  if (content === undefined) return [];
  return Object.entries(content).map(
    ([type, { schema }]) =>
      `Request body (\`${type}\`): ${typeOf(schema, components)}${inlineDetail(schema, components)}\n`,
  );
}

/** An inline object body (not a component) gets its properties spelled out after its type. */
function inlineDetail(schema: Schema | undefined, components: Record<string, Schema>): string {
  if (schema === undefined || schema.$ref !== undefined) return '';
  const target = schema.type === 'array' ? (schema.items as Schema | undefined) : schema;
  if (target?.type !== 'object' || target.properties === undefined) return '';
  if (Object.values(components).some((body) => sameJson(body, target))) return '';
  const rows = propertyRows(target, components, '', '');
  return ` — ${rows.map((row) => `\`${row.name}${row.required ? '' : '?'}\`: ${row.type}`).join(', ')}`;
}

/** One row per distinct answer: the five problem statuses share a row instead of repeating it. */
function responsesSection(operation: Operation, components: Record<string, Schema>): string[] {
  const rows = new Map<string, string[]>();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const content = Object.entries(response.content ?? {});
    const answers =
      content.length === 0
        ? [`— | ${cell(response.description ?? '')}`]
        : content.map(
            ([type, { schema }]) =>
              `\`${type}\` | ${cell(typeOf(schema, components) + inlineDetail(schema, components))}`,
          );
    for (const answer of answers) rows.set(answer, [...(rows.get(answer) ?? []), status]);
  }
  return [
    '| status | content | body |',
    '| --- | --- | --- |',
    ...[...rows].map(([answer, statuses]) => `| ${statuses.join(', ')} | ${answer} |`),
    '',
  ];
}

/**
 * Renders the OpenAPI document as Markdown: an index of every operation, one section per path and method
 * (parameters, request body, responses), then a table per component schema.
 *
 * @example
 * ```ts
 * import { openApiDocument } from '@observatory/server';
 * const markdown = renderHttpApiDoc(openApiDocument());
 * ```
 */
export function renderHttpApiDoc(input: Record<string, unknown>): string {
  const doc = input as unknown as Document;
  const components = doc.components.schemas;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const heading = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const lines: string[] = [
    '# HTTP API',
    '',
    '<!-- Generated by scripts/http-api-doc.ts from openApiDocument() of @observatory/server. Do not edit: run',
    '     `npx tsx scripts/http-api-doc.ts`; test/docs.test.ts fails when this page is out of date. -->',
    '',
    `${doc.info.title}, version ${doc.info.version}. The running server serves the same document as`,
    '`GET /openapi.json`. Every route takes a bearer token (`Authorization: Bearer …`); a token is scoped to one',
    "organization and optionally to some agents, and never reads another's data. Errors are",
    '[`Problem`](#problem) documents (`application/problem+json`).',
    '',
    WIRE_DECISIONS,
    '',
    ...publishedOperationsSection(doc.paths as Parameters<typeof publishedOperationsSection>[0]),
    divergencesSection(
      'Where the published spec is wrong',
      'The server keeps its behaviour where the published spec cannot be right.',
      'spec-wrong',
    ),
    '',
    divergencesSection(
      'Local extensions',
      'Where the server knowingly answers beyond the published spec, and why.',
      'extension',
    ),
    '',
    CLIENT_FALLBACKS,
    '',
    '## Operations',
    '',
    '| method | path | summary |',
    '| --- | --- | --- |',
    ...operations.map(
      ({ path, method, operation }) =>
        `| ${method.toUpperCase()} | [\`${path}\`](#${anchor(heading(method, path))}) | ${cell(operation.summary ?? '')} |`,
    ),
    '',
  ];
  for (const { path, method, operation } of operations) {
    lines.push(`### ${heading(method, path)}`, '', `${operation.summary ?? ''}`, '');
    lines.push(...parametersSection(operation.parameters ?? [], components));
    lines.push(...bodySection(operation, components));
    lines.push(...responsesSection(operation, components));
  }
  lines.push(
    '## Schemas',
    '',
    "Generated from core's wire zod schemas; every object also accepts unknown extra fields.",
    '',
  );
  for (const [name, schema] of Object.entries(components)) {
    const rows = propertyRows(schema, components, '', name);
    // The wire schemas carry few descriptions; a column of blanks would only widen the table.
    const described = rows.some((row) => row.description !== '');
    lines.push(`### ${name}`, '', `| field | type | required |${described ? ' description |' : ''}`);
    lines.push(`| --- | --- | --- |${described ? ' --- |' : ''}`);
    for (const row of rows) {
      const description = described ? ` ${cell(row.description)} |` : '';
      lines.push(`| \`${row.name}\` | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} |${description}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL(`../${HTTP_API_DOC_PATH}`, import.meta.url));
  writeFileSync(target, renderHttpApiDoc(openApiDocument()));
  console.log(`wrote ${HTTP_API_DOC_PATH}`);
}
