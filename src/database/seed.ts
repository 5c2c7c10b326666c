import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { Structure } from '../structures/structure.entity';
import { Role } from '../tenancy/actor';
import { User } from '../users/user.entity';
import { seedDemoFollowUp } from './demo-follow-up';
import { seedDemoPlacements } from './demo-placements';
import { seedDemoProspection } from './demo-prospection';
import { seedDemoEncounters } from './demo-encounters';
import { withDataSource } from './standalone';

/** The demo structure's fixed id, so that re-running the seed finds it instead of duplicating it. */
export const DEMO_STRUCTURE_ID = '00000000-0000-4000-8000-000000000001';

export const DEMO_ACCOUNTS: Array<{ email: string; password: string; role: Role; firstName: string; lastName: string }> = [
  { email: 'admin@demo.tremplin.fr', password: 'tremplin-admin', role: 'admin', firstName: 'Nadia', lastName: 'Benali' },
  { email: 'responsable@demo.tremplin.fr', password: 'tremplin-responsable', role: 'manager', firstName: 'Claire', lastName: 'Martin' },
  { email: 'karim@demo.tremplin.fr', password: 'tremplin-karim', role: 'staff', firstName: 'Karim', lastName: 'Diallo' },
  { email: 'julie@demo.tremplin.fr', password: 'tremplin-julie', role: 'staff', firstName: 'Julie', lastName: 'Moreau' },
];

export async function seedDemo(dataSource: DataSource, log: (line: string) => void = console.log): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(Structure).upsert(
      {
        id: DEMO_STRUCTURE_ID,
        name: 'Les Jardins du Lien (démo)',
        type: 'ACI',
        territory: 'Métropole Européenne de Lille',
      },
      ['id'],
    );
    const users = manager.getRepository(User);
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      log(`  [${index + 1}/${DEMO_ACCOUNTS.length}] ${account.email}`);
      const existing = await users.findOne({ where: { email: account.email } });
      if (existing) continue;
      const { password, ...fields } = account;
      await users.save(
        users.create({ ...fields, structureId: DEMO_STRUCTURE_ID, passwordHash: await hashPassword(password) }),
      );
    }
    log('Demo companies, contacts and their prospection history:');
    const staffId = async (email: string) => (await users.findOneByOrFail({ email })).id;
    const staff = { karim: await staffId('karim@demo.tremplin.fr'), julie: await staffId('julie@demo.tremplin.fr') };
    const now = new Date();
    await seedDemoProspection(manager, DEMO_STRUCTURE_ID, staff, now, log);
    log('Demo candidates, job leads and placements:');
    await seedDemoPlacements(manager, DEMO_STRUCTURE_ID, staff, now, log);
    log('Demo follow-up after the hires (check-ins, answers, alerts):');
    await seedDemoFollowUp(manager, DEMO_STRUCTURE_ID, now, log);
    log('Demo encounters (a job dating held, a visit and an information session to come):');
    await seedDemoEncounters(manager, DEMO_STRUCTURE_ID, staff.julie, now, log);
    // Weekly targets for the dashboard's activity table, unless a manager already set some.
    await manager.query(`UPDATE structure SET activity_targets = $2 WHERE id = $1 AND activity_targets IS NULL`, [
      DEMO_STRUCTURE_ID,
      JSON.stringify({ call: 25, meeting: 4, visit: 2, event: 1 }),
    ]);
  });
}

if (require.main === module) {
  void withDataSource(async (dataSource) => {
    await seedDemo(dataSource);
    console.log('');
    console.log('Demo accounts (structure "Les Jardins du Lien (démo)"):');
    for (const account of DEMO_ACCOUNTS) {
      console.log(`  ${account.role.padEnd(8)} ${account.email.padEnd(32)} password: ${account.password}`);
    }
  });
}
