import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './neutralize.js';

describe('neutralizeFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['', 'plain', ' =1', "'=1", '1-1', '\n=1', 'ΣΑ'])('leaves %j unchanged', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
