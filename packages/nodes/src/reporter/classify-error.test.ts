import { describe, expect, it } from 'vitest';
import { classifyReportError } from './classify-error.js';

const failure = (status: number, problem?: unknown) =>
  Object.assign(new Error('failed'), { status, problem });

describe('classifyReportError', () => {
  it('takes a bare 409 for a report the platform already holds', () => {
    expect(classifyReportError(failure(409))).toBe('duplicate');
    expect(classifyReportError(failure(409, { title: 'Conflict' }))).toBe('duplicate');
  });

  it('takes a 409 naming a conflicting field for a refusal: that report was not stored', () => {
    const problem = { status: 409, field: 'missedQuestion.question', stored: 'Opening hours?' };
    expect(classifyReportError(failure(409, problem))).toBe('permanent');
    expect(classifyReportError(failure(409, { field: 'missedQuestion.tenantId' }))).toBe('permanent');
  });

  it('retries what may pass later and gives up on the rest', () => {
    expect([408, 429, 500, 503].map((status) => classifyReportError(failure(status)))).toEqual([
      'transient',
      'transient',
      'transient',
      'transient',
    ]);
    expect(classifyReportError(failure(400))).toBe('permanent');
    expect(classifyReportError(new TypeError('fetch failed'))).toBe('transient');
  });
});
