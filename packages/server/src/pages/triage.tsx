/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The triage buttons of a missed question: Resolve and Ignore while it is unresolved, Reopen once it is not.
 * Each is a CSRF-checked form posting `/missed-questions/:id/status`, coming back to `back`.
 *
 * @example
 * ```tsx
 * <Triage id="mq-1" question="Do you ship to Cyprus?" status="UNRESOLVED" csrf={web.csrf} back="/missed-questions" />
 * ```
 */
export function Triage(props: { id: string; question: string; status: string; csrf: string; back: string }) {
  const choices: ReadonlyArray<readonly [string, string]> =
    props.status === 'UNRESOLVED'
      ? [
          ['RESOLVED', 'Resolve'],
          ['IGNORED', 'Ignore'],
        ]
      : [['UNRESOLVED', 'Reopen']];
  return (
    <>
      {choices.map(([status, label]) => (
        <form method="post" action={`/missed-questions/${encodeURIComponent(props.id)}/status`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="status" value={status} />
          <input type="hidden" name="back" value={props.back} />
          <button type="submit" class="secondary" aria-label={`${label}: ${props.question}`}>
            {label}
          </button>
        </form>
      ))}
    </>
  );
}
