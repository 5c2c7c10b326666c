import { readFileSync } from 'fs';
import { join } from 'path';
import { BOARD_MOVE_FAILURES_FR, BOARD_MOVE_REFUSALS_FR } from './fr/contexts/board-move';
import { IntlMessageFormat } from 'intl-messageformat';
import { FR } from './fr';
import { french, frenchLongDay, frenchOf } from './french';
import { allRefusalCodes, REFUSALS } from './index';

/** The sample a parameter gets to format every sentence once: numbers for counts and bounds, text otherwise. */
function sampleParams(message: string): Record<string, unknown> {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && element.type !== 0) names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk((option as { value: typeof elements }).value);
    }
  };
  walk(new IntlMessageFormat(message, 'fr').getAst());
  return Object.fromEntries([...names].map((name) => [name, /^(max|min|n|count|minutes|days|months|limit)$/.test(name) ? 2 : 'x']));
}

describe('the French catalogue of refusals', () => {
  it('has one sentence for every code, and no sentence without a code', () => {
    expect(Object.keys(FR).sort()).toEqual([...allRefusalCodes()].sort());
  });

  it('names each code after its domain, each code once', () => {
    const codes = allRefusalCodes();
    expect(new Set(codes).size).toBe(codes.length);
    for (const [domain, table] of Object.entries(REFUSALS)) {
      for (const def of Object.values(table as Record<string, { code: string }>)) expect(def.code.startsWith(`${domain}.`)).toBe(true);
    }
  });

  it('formats every sentence: one French sentence, no placeholder left, ending with a full stop', () => {
    for (const code of allRefusalCodes()) {
      const sentence = frenchOf({ code, params: sampleParams(FR[code]) });
      // Braces quoted in ICU ('{{ }}' in a pitch script's help) are text; any other left is a placeholder.
      const quotedBraces = (FR[code].match(/'[^']*'/g) ?? []).join('').replace(/[^{}]/g, '').length;
      const braces = sentence.replace(/[^{}]/g, '').length;
      expect({ code, ok: braces === quotedBraces && /[.!?]$/.test(sentence) && sentence.length > 5 }).toEqual({ code, ok: true });
    }
  });

  it.each([
    ['2027-01-06', '6 janvier 2027'],
    ['2027-01-01', '1er janvier 2027'],
    ['2026-08-31', '31 août 2026'],
    ['2026-12-25', '25 décembre 2026'],
  ])('writes the day %s as « %s »', (day, written) => {
    expect(frenchLongDay(day)).toBe(written);
  });

  it.each([
    ['common.role_required', { role: 'manager' }, 'Cette action est réservée aux responsables.'],
    ['field.too_long', { field: 'name', max: 200 }, 'Ce champ tient en 200 caractères au plus.'],
    ['field.too_many', { field: 'tags', max: 1 }, 'Un seul élément au plus.'],
    ['field.too_many', { field: 'tags', max: 20 }, '20 éléments au plus.'],
    ['record.not_found', { record: 'company' }, 'Cette entreprise n’existe pas ou n’est plus accessible.'],
    ['record.not_found', { record: 'candidate' }, 'Cette personne n’existe pas ou n’est plus accessible.'],
  ] as const)('says %s with %j as « %s »', (code, params, sentence) => {
    expect(frenchOf({ code, params })).toBe(sentence);
  });

  it('fills a parameter in a typed call', () => {
    expect(french('common.role_required', { role: 'admin' })).toBe('Cette action est réservée aux administrateurs et administratrices.');
  });
});

describe('the board’s wording of a refused move', () => {
  it('words codes of the catalogue only, each as one French sentence', () => {
    const codes = new Set<string>(allRefusalCodes());
    for (const [code, sentence] of Object.entries(BOARD_MOVE_REFUSALS_FR)) {
      expect({ code, known: codes.has(code), sentence: /^[A-ZÀ-Ý].*[.!?]$/.test(sentence) }).toEqual({ code, known: true, sentence: true });
    }
  });

  it('covers what a move can meet: a stale card, an archived stage, a lost session, a vanished company', () => {
    expect(Object.keys(BOARD_MOVE_REFUSALS_FR)).toEqual(
      expect.arrayContaining(['company.stale_version', 'prospection.stage_archived', 'common.login_required', 'common.csrf', 'record.not_found']),
    );
  });

  it('leaves the board script no refusal sentence of its own', () => {
    const script = readFileSync(join(__dirname, '..', '..', 'public', 'board.js'), 'utf8');
    for (const sentence of [...Object.values(BOARD_MOVE_REFUSALS_FR), ...Object.values(BOARD_MOVE_FAILURES_FR)]) {
      expect(script.includes(sentence.slice(0, 40))).toBe(false);
    }
    expect(script).not.toMatch(/body\.message/);
  });
});
