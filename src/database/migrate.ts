import { ensureSchema, withDataSource } from './standalone';

/** `node dist/src/database/migrate.js`: applies pending migrations, printing each one. */
withDataSource(async (dataSource, config) => {
  await ensureSchema(dataSource, config.DB_SCHEMA);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) console.log(`  applied ${migration.name}`);
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
});
