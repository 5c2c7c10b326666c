import { EntityManager } from 'typeorm';

/** The proposals' SQL: each question takes the structure explicitly and the transaction's manager. */

/** When the lead was first proposed, withdrawn proposals left out (null when none is left). */
export async function firstProposalAt(manager: EntityManager, structureId: string, leadId: string): Promise<Date | null> {
  const [{ first }] = (await manager.query(
    `SELECT min(proposed_at) AS first FROM proposal WHERE lead_id = $1 AND structure_id = $2 AND outcome <> 'withdrawn'`,
    [leadId, structureId],
  )) as Array<{ first: Date | null }>;
  return first;
}

/** Locks the lead's row until the transaction ends. */
export async function lockLeadRow(manager: EntityManager, structureId: string, leadId: string): Promise<void> {
  await manager.query(`SELECT id FROM job_lead WHERE id = $1 AND structure_id = $2 FOR UPDATE`, [leadId, structureId]);
}

/**
 * The stage moves a proposal made that can be undone: still the company's last move, back to a
 * stage not archived, and no other proposal left on the company's leads.
 */
export async function stageMovesToUndo(
  manager: EntityManager,
  structureId: string,
  proposalId: string,
): Promise<Array<{ companyId: string; fromStageId: string; version: number }>> {
  return (await manager.query(
    `SELECT e.company_id AS "companyId", e.from_stage_id AS "fromStageId", c.version
         FROM stage_event e JOIN company c ON c.id = e.company_id AND c.stage_id = e.to_stage_id
         JOIN pipeline_stage s ON s.id = e.from_stage_id AND s.archived_at IS NULL
        WHERE e.proposal_id = $1 AND e.structure_id = $2 AND e.from_stage_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM stage_event later WHERE later.company_id = e.company_id AND later.occurred_at > e.occurred_at)
          AND NOT EXISTS (SELECT 1 FROM proposal p JOIN job_lead l ON l.id = p.lead_id
                           WHERE l.company_id = e.company_id AND p.outcome <> 'withdrawn')`,
    [proposalId, structureId],
  )) as Array<{ companyId: string; fromStageId: string; version: number }>;
}
