import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../common/paths';
import { IsNafCode, isKnownNafCode, nafLabel, normalizeNafCode } from './naf';

describe('normalizeNafCode', () => {
  it.each([
    ['4711D', '47.11D'],
    ['47.11D', '47.11D'],
    ['47.11d', '47.11D'],
    [' 47 11 D ', '47.11D'],
    ['62.01Z', '62.01Z'],
    ['', null],
    ['47.1D', null],
    ['47.111D', null],
    ['4711', null],
    ['47.11DZ', null],
    ['AB.11D', null],
    ['47-11D', null],
  ])('%j → %s', (input, expected) => {
    expect(normalizeNafCode(input)).toBe(expected);
  });
});

describe('NAF rév. 2 labels', () => {
  it.each([
    ['47.11D', 'Supermarchés'],
    ['88.99B', 'Action sociale sans hébergement n.c.a.'],
    ['62.01Z', 'Programmation informatique'],
    ['01.11Z', "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses"],
    ['47.52B', 'Commerce de détail de quincaillerie, peintures et verres en grandes surfaces (400 m² et plus)'],
  ])('%s is %j', (code, label) => {
    expect(nafLabel(code)).toBe(label);
    expect(isKnownNafCode(code)).toBe(true);
  });

  it.each([['99.99Z'], ['4711D'], ['47.11d'], ['code'], ['']])('%j is unknown', (code) => {
    expect(nafLabel(code)).toBeUndefined();
    expect(isKnownNafCode(code)).toBe(false);
  });
});

describe('the NAF rév. 2 table', () => {
  it('knows each of the 732 sub-classes of data/naf-rev2.csv, with its label', () => {
    const rows: string[][] = parse(readFileSync(join(PROJECT_ROOT, 'data', 'naf-rev2.csv'), 'utf8'), { from_line: 2 });
    expect(rows).toHaveLength(732);
    for (const [code, label] of rows) {
      expect(isKnownNafCode(code)).toBe(true);
      expect(nafLabel(code)).toBe(label);
    }
  });
});

describe('@IsNafCode', () => {
  class Input {
    @IsNafCode()
    nafCode!: unknown;
  }

  function problems(nafCode: unknown): string[] {
    const errors = validateSync(Object.assign(new Input(), { nafCode }));
    return errors.flatMap((error) => Object.values(error.constraints ?? {}));
  }

  it('accepts a known normalised code', () => {
    expect(problems('47.11D')).toEqual([]);
  });

  it.each([['99.99Z'], ['4711D'], ['47.11d'], [4711], [null]])('refuses %j', (nafCode) => {
    expect(problems(nafCode)).toEqual(['nafCode must be a NAF rév. 2 code such as 47.11D']);
  });
});
