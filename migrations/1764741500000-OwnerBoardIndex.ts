import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A board filtered by owner (« mes entreprises ») counts that owner's companies per column and reads
 * each column's first cards in next-action order, often with a NAF prefix on top. With only
 * (structure, owner) indexed, each column walked the whole column in order and dropped the other
 * owners' cards (3,500 rows for 21 cards, ~70 ms cold at 100k companies), and the count visited one
 * table page per company. The owner index now follows the board's order within each owner and
 * carries the NAF code: a column's page reads its 21 entries (0.3 ms), the count is an index-only
 * scan (~2 ms for 5,000 companies). It still serves every lookup by (structure, owner).
 * See docs/benchmark.md.
 */
export class OwnerBoardIndex1764741500000 implements MigrationInterface {
  name = 'OwnerBoardIndex1764741500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX company_owner_board_idx ON company (structure_id, owner_id, stage_id, board_due, id) INCLUDE (naf_code)`);
    await queryRunner.query(`DROP INDEX company_owner_idx`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX company_owner_idx ON company (structure_id, owner_id)`);
    await queryRunner.query(`DROP INDEX company_owner_board_idx`);
  }
}
