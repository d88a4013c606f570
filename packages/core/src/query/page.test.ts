import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservatoryInputError } from '../errors/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, normalizePageRequest, paginate } from './page.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('normalizePageRequest', () => {
  it('fills in page 0 and the platform default page size of 20', () => {
    expect(normalizePageRequest()).toEqual({ page: 0, pageSize: 20 });
    expect(normalizePageRequest({ page: undefined, pageSize: undefined })).toEqual({ page: 0, pageSize: 20 });
    expect(normalizePageRequest({ page: 3 })).toEqual({ page: 3, pageSize: DEFAULT_PAGE_SIZE });
  });

  it('accepts page sizes from 1 to the maximum', () => {
    expect(normalizePageRequest({ pageSize: 1 }).pageSize).toBe(1);
    expect(normalizePageRequest({ pageSize: MAX_PAGE_SIZE }).pageSize).toBe(MAX_PAGE_SIZE);
  });

  it.each([
    ['page', { page: -1 }],
    ['page', { page: 1.5 }],
    ['page', { page: Number.NaN }],
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: MAX_PAGE_SIZE + 1 }],
    ['pageSize', { pageSize: 2.5 }],
    ['pageSize', { pageSize: Number.POSITIVE_INFINITY }],
  ])('rejects an invalid %s, naming it', (field, request) => {
    const error = thrown(() => normalizePageRequest(request));
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect(error).toMatchObject({ field });
  });
});

describe('paginate', () => {
  const letters = ['a', 'b', 'c', 'd', 'e'];

  it('cuts pages counted from 0 and reports the total', () => {
    expect(paginate(letters, { page: 0, pageSize: 2 })).toEqual({
      items: ['a', 'b'],
      page: 0,
      pageSize: 2,
      total: 5,
    });
    expect(paginate(letters, { page: 2, pageSize: 2 })).toEqual({
      items: ['e'],
      page: 2,
      pageSize: 2,
      total: 5,
    });
  });

  it('returns an empty page past the end, still with the total', () => {
    expect(paginate(letters, { page: 9, pageSize: 2 })).toEqual({
      items: [],
      page: 9,
      pageSize: 2,
      total: 5,
    });
  });

  it('does not modify the input', () => {
    const input = [...letters];
    paginate(input, { page: 1, pageSize: 2 }).items.push('z');
    expect(input).toEqual(letters);
  });

  it('walking every page yields each item exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        (items, pageSize) => {
          const seen: number[] = [];
          for (let page = 0; page * pageSize < items.length; page += 1) {
            const result = paginate(items, { page, pageSize });
            expect(result.total).toBe(items.length);
            expect(result.items.length).toBeLessThanOrEqual(pageSize);
            seen.push(...result.items);
          }
          expect(seen).toEqual(items);
        },
      ),
    );
  });
});
