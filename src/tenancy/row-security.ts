import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentScope, scopeSettings } from './tenant-scope';

interface PgClient {
  query(text: string, values: unknown[]): Promise<unknown>;
}
type Obtained = [PgClient, (error?: unknown) => void];

/** The settings each pooled connection carries now, so a connection already set is not set again. */
const settingsOf = new WeakMap<PgClient, string>();

/** Sets a connection's scope: parameters are the structure id (or '') and 'on' for a system path (or ''). */
export const APPLY_SCOPE_SQL = `SELECT set_config('app.structure_id', $1, false), set_config('app.system_scope', $2, false)`;

/**
 * Row-level security's half in the application: every connection the pool hands out is first set
 * to the scope of the code asking for it (a structure, a system purpose, or nothing), before the
 * first statement of a query or a transaction. PostgreSQL's policies then show and accept only
 * that structure's rows. A connection is handed to one caller at a time, and every hand-out sets
 * it, so a scope never outlives the query or transaction it was set for; the scope is captured
 * when the connection is asked for, which is where TypeORM starts a query or a transaction.
 * A connection whose settings already match is not set again (no round trip).
 */
export function installRowSecurity(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { obtainMasterConnection: () => Promise<Obtained> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const { structureId, system } = scopeSettings(currentScope());
    const key = `${structureId}|${system}`;
    const [client, release] = await obtain();
    if (settingsOf.get(client) !== key) {
      try {
        await client.query(APPLY_SCOPE_SQL, [structureId, system]);
      } catch (error) {
        settingsOf.delete(client);
        release(error);
        throw error;
      }
      settingsOf.set(client, key);
    }
    return [client, release];
  };
}

/** Installs row security on the app's data source as soon as it exists, before any request or job. */
@Injectable()
export class RowSecurity {
  constructor(@InjectDataSource() dataSource: DataSource) {
    installRowSecurity(dataSource);
  }
}

