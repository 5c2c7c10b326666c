import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/env';

/** What the guard does when code inside a transaction asks the pool for a second connection. */
export type TransactionGuardMode = 'throw' | 'warn';

interface OpenTransaction {
  runner: QueryRunner | undefined;
  /** Set once the callback settled: work it started and left running is no longer "inside". */
  settled: boolean;
}

export class ConnectionOutsideTransactionError extends Error {
  constructor() {
    super(
      'A query took a second pool connection from inside a transaction: pass the transaction\'s manager along ' +
        '(under load every connection waits for another one, and the pool wedges)',
    );
    this.name = 'ConnectionOutsideTransactionError';
  }
}

const inside = new AsyncLocalStorage<OpenTransaction>();
const logger = new Logger('TransactionGuard');

/**
 * Watches a data source for the one mistake that wedged the API under load: a query issued
 * inside `dataSource.transaction(...)` through the data source (or a repository injected from it)
 * instead of the transaction's manager. Such a query waits for a second pool connection while the
 * transaction holds its own; with N requests doing it at once on a pool of N, every request holds
 * one connection and waits for another, for ever.
 *
 * The guard marks the transaction's callback with an async context and checks every connection the
 * driver hands out. In tests and development it throws, so the suite finds every such place; in
 * production it logs the stack and lets the query go (the pool's acquisition timeout is the net).
 */
export function installTransactionGuard(dataSource: DataSource, mode: TransactionGuardMode): void {
  const manager = dataSource.manager as EntityManager & { transaction: EntityManager['transaction'] };
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => {
    const index = typeof args[0] === 'function' ? 0 : 1;
    const work = args[index] as (transactionManager: EntityManager) => Promise<unknown>;
    args[index] = async (transactionManager: EntityManager) => {
      const open: OpenTransaction = { runner: transactionManager.queryRunner, settled: false };
      try {
        return await inside.run(open, () => work(transactionManager));
      } finally {
        open.settled = true;
      }
    };
    return transaction(...args);
  }) as EntityManager['transaction'];

  const driver = dataSource.driver as unknown as { obtainMasterConnection: () => Promise<unknown> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () => {
    const open = inside.getStore();
    if (open && !open.settled) {
      const error = new ConnectionOutsideTransactionError();
      if (mode === 'throw') return Promise.reject(error);
      logger.warn({ err: error }, error.message);
    }
    return obtain();
  };
}

/** Installs the guard on the app's data source as soon as it exists, before any request or job. */
@Injectable()
export class TransactionGuard {
  constructor(@InjectDataSource() dataSource: DataSource, config: AppConfig) {
    const mode = config.TRANSACTION_GUARD ?? (config.NODE_ENV === 'production' ? 'warn' : 'throw');
    installTransactionGuard(dataSource, mode);
  }
}
