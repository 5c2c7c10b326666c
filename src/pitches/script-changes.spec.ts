import { countedUnder, describeChanges, ScriptContent } from './script-changes';

const content = (overrides: Partial<ScriptContent> = {}): ScriptContent => ({
  title: 'Commerces',
  kind: 'first_call',
  targeting: { nafPrefixes: ['47'], headcountBands: [] },
  sections: {
    opening: 'Bonjour',
    offer: 'Un recrutement gratuit',
    questions: ['Des postes jamais publiés ?', 'Des départs à venir ?'],
    objections: [{ key: 'pas-de-besoin', objection: 'Pas de besoin', answer: 'Rencontrons-nous.' }],
    closing: 'Je passe mardi ?',
  },
  ...overrides,
});

describe('describeChanges', () => {
  const base = content();
  it.each<[string, ScriptContent, string[]]>([
    ['the same content', content(), []],
    [
      'objections with their keys in jsonb’s order',
      content({ sections: { ...base.sections, objections: [{ answer: 'Rencontrons-nous.', key: 'pas-de-besoin', objection: 'Pas de besoin' } as never] } }),
      [],
    ],
    ['targeting with its keys the other way round', content({ targeting: { headcountBands: [], nafPrefixes: ['47'] } as never }), []],
    ['a new title', content({ title: 'Commerces de bouche' }), ['titre']],
    ['another kind', content({ kind: 'first_meeting' }), ['type']],
    ['a narrower targeting', content({ targeting: { nafPrefixes: ['47.11'], headcountBands: [] } }), ['ciblage']],
    ['questions in another order', content({ sections: { ...base.sections, questions: [...base.sections.questions].reverse() } }), ['questions']],
    [
      'a reworded answer',
      content({ sections: { ...base.sections, objections: [{ key: 'pas-de-besoin', objection: 'Pas de besoin', answer: 'Un café ?' }] } }),
      ['objections'],
    ],
  ])('%s → %j', (_name, version, changes) => {
    expect(describeChanges(base, version)).toEqual(changes);
  });

  it('treats CRLF and LF line breaks as the same text', () => {
    const lf = content({ sections: { ...base.sections, offer: 'Un recrutement\ngratuit' } });
    const crlf = content({ sections: { ...base.sections, offer: 'Un recrutement\r\ngratuit' } });
    expect(describeChanges(lf, crlf)).toEqual([]);
  });

  it('calls the first version a creation', () => {
    expect(describeChanges(undefined, base)).toEqual(['création']);
  });
});

describe('countedUnder', () => {
  const version = (id: string, number: number, overrides: Partial<ScriptContent> = {}) => ({ id, number, ...content(overrides) });

  it('counts each run of identical versions under its first one, and every other version under itself', () => {
    const versions = [
      version('v4', 4, { title: 'Autre' }),
      version('v1', 1),
      version('v2', 2),
      version('v3', 3),
      version('v5', 5, { title: 'Autre' }),
      version('v6', 6),
    ];
    const under = countedUnder(versions);
    expect(Object.fromEntries([...under].map(([id, counted]) => [id, counted.id]))).toEqual({
      v1: 'v1',
      v2: 'v1',
      v3: 'v1',
      v4: 'v4',
      v5: 'v4',
      // Back to version 1's text after a change: a new version, not a twin of version 1.
      v6: 'v6',
    });
  });
});
