import {
  CsvEncoding,
  CsvRecord,
  CsvSniffer,
  detectDelimiter,
  detectFormat,
  excerpt,
  HEAD_BYTES,
  ImportFormat,
  mapRow,
  ParsedRow,
  parseSource,
  peekCsv,
  readCsv,
  RowOutcome,
  sireneAddress,
} from './import-rows';

const OWNER_ID = '11111111-1111-4111-8111-111111111111';
const context = { staffByEmail: new Map([['karim@structure.fr', OWNER_ID]]) };

const sirene = (fields: Partial<Record<string, string>>): CsvRecord => {
  const base: Record<string, string> = {
    siret: '73282932000074',
    etatAdministratifEtablissement: 'A',
    enseigne1Etablissement: '',
    denominationUsuelleEtablissement: '',
    denominationUniteLegale: 'BOULANGERIE DUPONT',
    nomUniteLegale: '',
    prenom1UniteLegale: '',
    activitePrincipaleEtablissement: '10.71C',
    trancheEffectifsEtablissement: '02',
    complementAdresseEtablissement: '',
    numeroVoieEtablissement: '12',
    indiceRepetitionEtablissement: '',
    typeVoieEtablissement: 'RUE',
    libelleVoieEtablissement: 'DE LA GARE',
    codePostalEtablissement: '59000',
    libelleCommuneEtablissement: 'LILLE',
  };
  const merged = { ...base, ...fields };
  return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key.toLowerCase(), value ?? '']));
};

const template = (fields: Partial<Record<string, string>>): CsvRecord => ({ nom: 'Garage Émile', ...fields }) as CsvRecord;

const rejected = (outcome: RowOutcome) => (outcome.ok ? undefined : outcome.reason);

describe('mapRow', () => {
  it('maps a full template row', () => {
    const outcome = mapRow(
      'tremplin',
      template({
        nom: '  Garage Émile SARL ',
        siret: '732 829 320 00074',
        code_naf: '4520a',
        secteur: '',
        tranche_effectif: '03',
        adresse: '3 rue Nationale',
        code_postal: '59100',
        commune: 'Roubaix',
        territoire: 'Métropole',
        site_web: 'www.garage-emile.fr',
        telephone: '03 20 11 22 33',
        origine: 'Réseau',
        referent_email: 'KARIM@structure.fr',
        etiquettes: 'auto, mécanique,auto, ',
        notes: 'Vu au salon',
      }),
      context,
    );
    expect(outcome).toEqual({
      ok: true,
      company: {
        name: 'Garage Émile SARL',
        siret: '73282932000074',
        nafCode: '45.20A',
        sectorLabel: expect.stringContaining('automobiles'),
        headcountBand: '03',
        address: '3 rue Nationale',
        postcode: '59100',
        commune: 'Roubaix',
        territory: 'Métropole',
        website: 'www.garage-emile.fr',
        phone: '+33320112233',
        source: 'network',
        ownerId: OWNER_ID,
        tags: ['auto', 'mécanique'],
        notes: 'Vu au salon',
        contact: null,
      },
    });
  });

  it('puts a person’s direct line on the contact of the row, the switchboard on the company', () => {
    const outcome = mapRow(
      'tremplin',
      template({
        telephone: '03 20 11 22 33',
        contact_prenom: ' Amel ',
        contact_nom: 'Benali',
        contact_fonction: 'Gérante',
        contact_email: 'A.Benali@Exemple.fr',
        contact_telephone: '06 11 22 33 44',
      }),
      context,
    );
    expect(outcome).toMatchObject({
      ok: true,
      company: {
        phone: '+33320112233',
        contact: { firstName: 'Amel', lastName: 'Benali', jobTitle: 'Gérante', email: 'a.benali@exemple.fr', phone: '+33611223344' },
      },
    });
    const alone = mapRow('tremplin', template({ contact_nom: 'Roux', contact_telephone: '07 55 44 33 22' }), context);
    expect(alone).toMatchObject({ ok: true, company: { phone: null, contact: { lastName: 'Roux', phone: '+33755443322' } } });
  });

  it('needs only the name in the template, and defaults the source', () => {
    const outcome = mapRow('tremplin', { nom: 'Atelier' }, context);
    expect(outcome).toMatchObject({ ok: true, company: { name: 'Atelier', siret: null, source: 'cold_prospection', tags: [] } });
  });

  it('maps a SIRENE row: name, NAF without dot, address, cold prospection', () => {
    const outcome = mapRow('sirene', sirene({ activitePrincipaleEtablissement: '1071C' }), context);
    expect(outcome).toMatchObject({
      ok: true,
      company: {
        name: 'BOULANGERIE DUPONT',
        siret: '73282932000074',
        nafCode: '10.71C',
        sectorLabel: expect.stringContaining('Boulangerie'),
        headcountBand: '02',
        address: '12 RUE DE LA GARE',
        postcode: '59000',
        commune: 'LILLE',
        source: 'cold_prospection',
      },
    });
  });

  it.each([
    [{ enseigne1Etablissement: 'AU BON PAIN' }, 'AU BON PAIN'],
    [{ denominationUsuelleEtablissement: 'DUPONT & FILS' }, 'DUPONT & FILS'],
    [{ denominationUniteLegale: '', nomUniteLegale: 'MARTIN', prenom1UniteLegale: 'JEANNE' }, 'MARTIN JEANNE'],
  ])('takes the SIRENE name from the first column filled in %j', (fields, name) => {
    expect(mapRow('sirene', sirene(fields), context)).toMatchObject({ ok: true, company: { name } });
  });

  it.each<[string, ImportFormat, CsvRecord, string]>([
    ['closed establishment', 'sirene', sirene({ etatAdministratifEtablissement: 'F' }), 'etatAdministratifEtablissement : établissement fermé (F)'],
    ['bad SIRET (Luhn)', 'sirene', sirene({ siret: '73282932000075' }), 'siret : 14 chiffres attendus avec une clé de contrôle valide'],
    ['short SIRET', 'tremplin', template({ siret: '1234' }), 'siret : 14 chiffres attendus avec une clé de contrôle valide'],
    ['SIRET of zeros', 'tremplin', template({ siret: '00000000000000' }), 'siret : 14 chiffres attendus avec une clé de contrôle valide'],
    ['SIREN failing its key', 'sirene', sirene({ siret: '12345678900007' }), 'siret : 14 chiffres attendus avec une clé de contrôle valide'],
    ['unknown NAF', 'sirene', sirene({ activitePrincipaleEtablissement: '99.99Z' }), 'activitePrincipaleEtablissement : code NAF rév. 2 inconnu'],
    ['malformed NAF', 'tremplin', template({ code_naf: 'boulangerie' }), 'code_naf : code NAF rév. 2 inconnu'],
    ['missing name (template)', 'tremplin', template({ nom: '  ' }), 'nom : obligatoire'],
    ['name with a right-to-left override', 'tremplin', template({ nom: 'Garage \u202Eelimé' }), 'nom : caractères invisibles'],
    ['name with a zero-width space', 'sirene', sirene({ enseigne1Etablissement: 'BOULANGERIE\u200BDUPONT' }), 'enseigne1Etablissement : caractères invisibles'],
    ['missing name (SIRENE)', 'sirene', sirene({ denominationUniteLegale: '' }), 'nom : aucun des champs enseigne1Etablissement'],
    ['postcode', 'tremplin', template({ code_postal: '5900' }), 'code_postal : 5 chiffres attendus'],
    ['headcount band', 'sirene', sirene({ trancheEffectifsEtablissement: '7' }), "trancheEffectifsEtablissement : tranche d'effectif INSEE inconnue"],
    ['unknown referent', 'tremplin', template({ referent_email: 'nobody@else.fr' }), 'referent_email : aucun membre actif'],
    ['unknown source', 'tremplin', template({ origine: 'pigeon voyageur' }), 'origine : origine inconnue'],
    ['phone', 'tremplin', template({ telephone: 'appeler le matin' }), 'telephone : numéro de téléphone invalide'],
    ['phone one digit short', 'tremplin', template({ telephone: '03 20 11 22 3' }), 'telephone : numéro de téléphone invalide (« 03 20 11 22 3 »)'],
    ['premium-rate phone', 'tremplin', template({ telephone: '08 99 23 45 67' }), 'telephone : numéro de téléphone invalide'],
    ['website', 'tremplin', template({ site_web: 'pas un site' }), 'site_web : adresse web invalide'],
    ['contact without a last name', 'tremplin', template({ contact_telephone: '06 11 22 33 44' }), 'contact_nom : obligatoire quand une autre colonne contact_… est remplie'],
    ['contact e-mail', 'tremplin', template({ contact_nom: 'Roux', contact_email: 'roux@' }), 'contact_email : adresse e-mail invalide (« roux@ »)'],
    ['contact phone', 'tremplin', template({ contact_nom: 'Roux', contact_telephone: 'le matin' }), 'contact_telephone : numéro de téléphone invalide'],
    ['contact name with a zero-width space', 'tremplin', template({ contact_nom: 'Ro\u200Bux' }), 'contact_nom : caractères invisibles'],
  ])('rejects a row: %s', (_, format, record, reason) => {
    expect(rejected(mapRow(format, record, context))).toContain(reason);
  });

  it('names every problem of a row and keeps what the file said', () => {
    const outcome = mapRow('tremplin', template({ siret: '123', code_postal: 'abc' }), context);
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(/^siret : .* ; code_postal : /),
      name: 'Garage Émile',
      siret: '123',
    });
  });

  it('keeps only an excerpt of huge values in a rejected row', () => {
    const huge = 'A'.repeat(5_000_000);
    const outcome = mapRow('tremplin', template({ nom: huge, code_postal: huge, siret: huge }), context);
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.name).toBe(`${'A'.repeat(40)}…`);
    expect(outcome.siret).toBe(`${'A'.repeat(40)}…`);
    expect(outcome.reason).toContain(`code_postal : 5 chiffres attendus (« ${'A'.repeat(40)}… »)`);
    expect(outcome.reason.length).toBeLessThan(300);
  });
});

describe('excerpt', () => {
  it.each([
    ['short values stay whole', 'Boulangerie', 'Boulangerie'],
    ['40 characters stay whole', 'x'.repeat(40), 'x'.repeat(40)],
    ['41 characters are cut at 40', 'x'.repeat(41), `${'x'.repeat(40)}…`],
    ['an e-mail and phone after the cut are not kept', `${'Durand Paul '.repeat(3)}paul.durand@exemple.fr 06 12 34 56 78`, `${'Durand Paul '.repeat(3)}paul…`],
    ['an emoji across the cut is not halved', `${'x'.repeat(39)}😀yz`, `${'x'.repeat(39)}…`],
  ])('%s', (_, value, expected) => {
    expect(excerpt(value)).toBe(expected);
  });
});

describe('sireneAddress', () => {
  it.each([
    [{ numero: '12', indice: 'B', typeVoie: 'AV', libelleVoie: 'DE LA REPUBLIQUE' }, '12 BIS AVENUE DE LA REPUBLIQUE'],
    [{ numero: '3', typeVoie: 'bd', libelleVoie: 'de la Liberté' }, '3 boulevard de la Liberté'],
    [{ typeVoie: 'CHE', libelleVoie: 'DES PRES', complement: 'BATIMENT B' }, 'CHEMIN DES PRES, BATIMENT B'],
    [{ numero: '7', indice: 't', typeVoie: 'IMP', libelleVoie: 'Victor Hugo' }, '7 ter impasse Victor Hugo'],
    [{ typeVoie: 'ZI', libelleVoie: 'DU HELLAND' }, 'ZONE INDUSTRIELLE DU HELLAND'],
    [{ numero: '1', typeVoie: 'QUAI', libelleVoie: 'DE LA DEULE' }, '1 QUAI DE LA DEULE'],
    [{ typeVoie: 'XYZ', libelleVoie: 'truc' }, 'xyz truc'],
    [{ complement: 'LIEU DIT LES CHAMPS' }, 'LIEU DIT LES CHAMPS'],
    [{}, null],
  ])('%j → %s', (parts, expected) => {
    expect(sireneAddress(parts)).toBe(expected);
  });
});

describe('file level', () => {
  /** Reads `bytes` the way the worker does, cut into chunks of `size` bytes. */
  async function rowsOf(bytes: Buffer, encoding: CsvEncoding, size = 3) {
    const chunks = (async function* () {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    })();
    const file = await readCsv(chunks, encoding);
    const rows: ParsedRow[] = [];
    for await (const row of file.rows) rows.push(row);
    return { ...file, rows };
  }

  it('reads UTF-8 with or without BOM, characters split between chunks, and Windows-1252', async () => {
    const utf8 = await rowsOf(Buffer.from('\uFEFFnom;commune\nÉcole;Lille', 'utf8'), 'utf-8');
    expect(utf8.headers).toEqual(['nom', 'commune']);
    expect(utf8.rows).toEqual([{ line: 2, record: { nom: 'École', commune: 'Lille' } }]);
    const excel = await rowsOf(Buffer.from([0x6e, 0x6f, 0x6d, 0x0a, 0xc9, 0x63, 0x6f, 0x6c, 0x65, 0x20, 0x80]), 'windows-1252');
    expect(excel.rows).toEqual([{ line: 2, record: { nom: 'École €' } }]);
  });

  it('sniffs a streamed file: size, NUL byte, UTF-8 or Windows-1252, and only its head', () => {
    const sniff = (...chunks: Buffer[]) => {
      const sniffer = new CsvSniffer();
      for (const chunk of chunks) sniffer.write(chunk);
      return sniffer.finish();
    };
    const e = Buffer.from('é', 'utf8');
    expect(sniff(Buffer.from('nom\n'), e.subarray(0, 1), e.subarray(1))).toEqual({
      size: 6,
      hasNul: false,
      encoding: 'utf-8',
      head: 'nom\né',
      complete: true,
    });
    expect(sniff(Buffer.from('nom\n\xc9cole', 'latin1'))).toMatchObject({ encoding: 'windows-1252', head: 'nom\nÉcole' });
    expect(sniff(Buffer.from('nom\nA\u0000'))).toMatchObject({ hasNul: true });
    const big = sniff(Buffer.from('nom\n'), Buffer.alloc(HEAD_BYTES, 'x'));
    expect(big).toMatchObject({ size: HEAD_BYTES + 4, complete: false });
    expect(big.head).toHaveLength(HEAD_BYTES);
  });

  it('detects the delimiter and the format from the header row', () => {
    expect(detectDelimiter('nom;siret;code_naf\nA,B;1;2')).toBe(';');
    expect(detectDelimiter('siret,codePostalEtablissement\n1;2,3')).toBe(',');
    expect(detectFormat(['Nom', 'SIRET'])).toBe('tremplin');
    expect(detectFormat(['siren', 'siret', 'codePostalEtablissement', 'enseigne1Etablissement'])).toBe('sirene');
    expect(detectFormat(['name', 'city'])).toBeNull();
  });

  it("numbers rows with the file's lines: quoted line breaks and blank lines count", async () => {
    const parsed = await rowsOf(Buffer.from('nom;notes\nA;"deux\nlignes"\n\nB;x\r\n;\nC;y\n'), 'utf-8');
    expect(parsed.format).toBe('tremplin');
    expect(parsed.rows.map((row) => [row.line, row.record.nom])).toEqual([
      [2, 'A'],
      [5, 'B'],
      [7, 'C'],
    ]);
    expect(parsed.rows[0].record.notes).toBe('deux\nlignes');
  });

  it('peeks at the header from the head of a file', () => {
    expect(peekCsv('nom;siret\n', true)).toEqual({ headers: ['nom', 'siret'], format: 'tremplin', hasRows: false });
    expect(peekCsv('nom;siret\n;\n\n', true)).toMatchObject({ hasRows: false });
    expect(peekCsv('nom;siret\nA;\n', true)).toMatchObject({ hasRows: true });
    // The head of a longer file: a data row cut short, even inside quotes, is still a row.
    expect(peekCsv('nom;notes\nA;"long', false)).toMatchObject({ format: 'tremplin', hasRows: true });
    expect(peekCsv('nom;notes\n', false)).toMatchObject({ hasRows: true });
    expect(() => peekCsv('nom;notes;sir', false)).toThrow('the header row does not end within the first');
    expect(() => peekCsv('nom;notes\n"A";"x', true)).toThrow();
  });

  it('reads sources as keys or French labels', () => {
    expect(parseSource('prescriber')).toBe('prescriber');
    expect(parseSource('Prospection directe')).toBe('cold_prospection');
    expect(parseSource('evenement')).toBe('event');
    expect(parseSource('DEMANDE ENTRANTE')).toBe('inbound');
    expect(parseSource('autre chose')).toBeNull();
  });
});
