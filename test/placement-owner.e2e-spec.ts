import { PlacementOwners1764735000000 } from '../migrations/1764735000000-PlacementOwners';
import { FunnelReport } from '../src/reports/report-types';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/**
 * Who a placement belongs to: its creator unless they name someone (over HTTP), and, for the
 * placements recorded before that default, the backfill of migration PlacementOwners run on real
 * Postgres rows. The funnel attributes a company first evidenced by a hire to the placement's owner,
 * so an ownerless placement showed as « Sans auteur ».
 */
describe('placement owner (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let other: Structure;
  let users: { mona: User; karim: User; julie: User; bruno: User };
  let as: { mona: Api; karim: Api; bruno: Api };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date());
    structure = await createStructure(t.dataSource, 'ACI Placements suivis');
    other = await createStructure(t.dataSource, 'EI Voisine', 'EI');
    users = {
      mona: await createUser(t.dataSource, structure, 'manager', 'Mona'),
      karim: await createUser(t.dataSource, structure, 'staff', 'Karim'),
      julie: await createUser(t.dataSource, structure, 'staff', 'Julie'),
      bruno: await createUser(t.dataSource, other, 'staff', 'Bruno'),
    };
    as = {
      mona: api(await login(t.app.getHttpServer(), users.mona.email)),
      karim: api(await login(t.app.getHttpServer(), users.karim.email)),
      bruno: api(await login(t.app.getHttpServer(), users.bruno.email)),
    };
  });
  afterAll(() => t.close());

  const funnelStaff = async (from: string, to: string) => {
    const response = await as.mona.get(`/api/reports/funnel?from=${from}&to=${to}`).expect(200);
    return (response.body as FunnelReport).byStaff.map((row) => ({ name: row.name, hired: row.counts.hired }));
  };

  describe('over HTTP', () => {
    it('makes the creator the owner when none is given, keeps the one given, and the funnel has no « Sans auteur »', async () => {
      const candidateId = (await as.karim.post('/api/candidates', { firstName: 'Samira', lastName: 'Embauchée' }).expect(201)).body.id;
      const other = (await as.karim.post('/api/candidates', { firstName: 'Yanis', lastName: 'Embauché' }).expect(201)).body.id;
      const bakery = (await as.karim.post('/api/companies', { name: 'Boulangerie sans appel' }).expect(201)).body.id;
      const garage = (await as.karim.post('/api/companies', { name: 'Garage sans appel' }).expect(201)).body.id;

      const mine = await as.karim
        .post('/api/placements', { candidateId, companyId: bakery, contractType: 'cdi', jobTitle: 'Vendeur·se', startDate: '2026-02-02' })
        .expect(201);
      expect(mine.body.ownerId).toBe(users.karim.id);
      const hers = await as.karim
        .post('/api/placements', { candidateId: other, companyId: garage, contractType: 'cdi', jobTitle: 'Mécanicien·ne', startDate: '2026-02-03', ownerId: users.julie.id })
        .expect(201);
      expect(hers.body.ownerId).toBe(users.julie.id);
      await as.karim.post(`/api/placements/${mine.body.id}/start`, { version: mine.body.version }).expect(200);
      await as.karim.post(`/api/placements/${hers.body.id}/start`, { version: hers.body.version }).expect(200);

      // Neither company was called: the hire is their earliest evidence, credited to the placement's owner.
      expect(await funnelStaff('2026-02-01', '2026-02-28')).toEqual([
        { name: 'Julie staff', hired: 1 },
        { name: 'Karim staff', hired: 1 },
      ]);
    });
  });

  describe('migration PlacementOwners', () => {
    const insert = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as Array<{ id: string }>)[0].id;
    const candidate = (firstName: string, owner: User | null, where = structure) =>
      insert(`INSERT INTO candidate (structure_id, first_name, last_name, owner_id) VALUES ($1, $2, 'Ancien', $3) RETURNING id`, [
        where.id,
        firstName,
        owner?.id ?? null,
      ]);
    const company = async (name: string, where = structure) =>
      (await (where === structure ? as.karim : as.bruno).post('/api/companies', { name }).expect(201)).body.id as string;
    /** A started contract recorded before owners defaulted to their creator. */
    const placement = (candidateId: string, companyId: string, startDate: string, owner: User | null = null, where = structure) =>
      insert(
        `INSERT INTO placement (structure_id, candidate_id, company_id, kind, contract_type, job_title, start_date, status, owner_id)
         VALUES ($1, $2, $3, 'contract', 'cdi', 'Agent·e polyvalent·e', $4, 'started', $5) RETURNING id`,
        [where.id, candidateId, companyId, startDate, owner?.id ?? null],
      );
    const created = (placementId: string, by: User, at: string, where = structure) =>
      t.dataSource.query(
        `INSERT INTO audit_event (structure_id, actor_id, entity, entity_id, action, at) VALUES ($1, $2, 'placement', $3, 'create', $4)`,
        [where.id, by.id, placementId, at],
      );
    const ownerOf = async (id: string) => ((await t.dataSource.query(`SELECT owner_id FROM placement WHERE id = $1`, [id])) as Array<{ owner_id: string | null }>)[0].owner_id;
    const runMigration = async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        await new PlacementOwners1764735000000().up(runner);
      } finally {
        await runner.release();
      }
    };

    it('gives each ownerless placement the candidate’s counsellor, else its creator from the audit trail, and rebuilds the funnel’s attribution', async () => {
      // Julie follows Inès: her placement goes to Julie, although Karim recorded it.
      const counselled = await placement(await candidate('Inès', users.julie), await company('Menuiserie Ancienne'), '2025-06-02');
      await created(counselled, users.karim, '2025-05-30T09:00:00Z');
      // Nobody follows Omar: his placement goes to Karim, who created it (the first creation event counts).
      const recorded = await placement(await candidate('Omar', null), await company('Primeur Ancien'), '2025-06-03');
      await created(recorded, users.karim, '2025-05-30T10:00:00Z');
      // Neither a counsellor nor a trace of its creation: it stays ownerless.
      const orphan = await placement(await candidate('Lina', null), await company('Pressing Ancien'), '2025-06-04');
      // Already owned by Mona: left as it is, even though Julie follows the candidate.
      const owned = await placement(await candidate('Paul', users.julie), await company('Fleuriste Ancien'), '2025-06-05', users.mona);
      // A counsellor or creator from another structure never becomes the owner.
      const foreign = await placement(await candidate('Zoé', users.bruno), await company('Traiteur Ancien'), '2025-06-06');
      await created(foreign, users.bruno, '2025-05-30T11:00:00Z');
      // Another structure's own ownerless placement gets its own counsellor.
      const elsewhere = await placement(await candidate('Hugo', users.bruno, other), await company('Imprimerie Voisine', other), '2025-06-02', null, other);

      // Before: the hires are the companies' earliest evidence, credited to nobody.
      expect(await funnelStaff('2025-06-01', '2025-06-30')).toEqual([
        { name: 'Mona manager', hired: 1 },
        { name: 'Sans auteur', hired: 4 },
      ]);

      await runMigration();

      expect({
        counselled: await ownerOf(counselled),
        recorded: await ownerOf(recorded),
        orphan: await ownerOf(orphan),
        owned: await ownerOf(owned),
        foreign: await ownerOf(foreign),
        elsewhere: await ownerOf(elsewhere),
      }).toEqual({
        counselled: users.julie.id,
        recorded: users.karim.id,
        orphan: null,
        owned: users.mona.id,
        foreign: null,
        elsewhere: users.bruno.id,
      });
      // After: the funnel credits Julie (Inès) and Karim (Omar); Mona kept hers; two stay without author.
      expect(await funnelStaff('2025-06-01', '2025-06-30')).toEqual([
        { name: 'Julie staff', hired: 1 },
        { name: 'Karim staff', hired: 1 },
        { name: 'Mona manager', hired: 1 },
        { name: 'Sans auteur', hired: 2 },
      ]);

      // Running it again changes nothing.
      await runMigration();
      expect(await ownerOf(orphan)).toBeNull();
      expect(await ownerOf(counselled)).toBe(users.julie.id);
    });
  });
});
