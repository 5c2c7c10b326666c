import { EntityManager } from 'typeorm';
import { alertLabel } from '../alerts/alerts.service';
import { answerAlert, CheckInContext, ruptureMessage } from '../checkins/check-in-alerts';
import { Candidate } from '../candidates/candidate.entity';
import { planCheckIns } from '../checkins/check-in-plan';
import { CheckIn, CheckInParty, Difficulty } from '../checkins/check-in.entity';
import { StaffAlert } from '../alerts/staff-alert.entity';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { Placement } from '../placements/placement.entity';
import { addCalendarDays, calendarDayIn } from '../common/calendar/working-days';

const TIME_ZONE = 'Europe/Paris';

interface DemoAnswer {
  party: CheckInParty;
  step: string;
  rating: number;
  goingWell?: string;
  difficulties?: Difficulty[];
  difficultyDetails?: string;
  wantsCall?: boolean;
}

/** What the demo's follow-ups show: answers given, and one contract broken off. */
const FOLLOW_UPS: Array<{ company: string; contact: string; answers: DemoAnswer[]; rupture?: { daysAgo: number; reason: string } }> = [
  {
    company: 'EHPAD Les Tilleuls',
    contact: 'Petit',
    answers: [
      { party: 'employee', step: '10 days', rating: 4, goingWell: 'L’équipe m’a bien accueillie, je suis en binôme le matin.' },
      {
        party: 'employer',
        step: '1 month',
        rating: 2,
        goingWell: 'Très appréciée des résidents.',
        difficulties: ['tasks', 'team'],
        difficultyDetails: 'Le bionettoyage des chambres prend du retard ; tension avec une collègue du service de nuit.',
        wantsCall: true,
      },
    ],
  },
  {
    company: 'Supermarché de Flers',
    contact: 'Dufour',
    answers: [{ party: 'employee', step: '3 days', rating: 3, goingWell: 'La mise en rayon me plaît.' }],
    rupture: { daysAgo: 5, reason: 'Les horaires du matin ne sont plus compatibles avec la garde de son fils.' },
  },
];

/**
 * The follow-up of the demo's started contracts, so that a newcomer sees it on first login: each
 * plan's past steps sent, answers (one good, one poor with its alert open), the later steps still
 * planned (the worker's reconciler queues them), and one contract broken off with its alert. Skipped
 * when the structure already has check-ins. No e-mail is recorded: nothing was really sent.
 */
export async function seedDemoFollowUp(manager: EntityManager, structureId: string, now: Date, log: (line: string) => void): Promise<void> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM check_in WHERE structure_id = $1`, [structureId]);
  if (count > 0) return log(`  check-ins already seeded (${count})`);
  const today = calendarDayIn(TIME_ZONE, now);
  const structure = (await manager.query(`SELECT name FROM structure WHERE id = $1`, [structureId]))[0] as { name: string };
  const managers = ((await manager.query(`SELECT id FROM app_user WHERE structure_id = $1 AND role = 'manager' AND active`, [structureId])) as Array<{ id: string }>).map((row) => row.id);
  for (const demo of FOLLOW_UPS) {
    const company = await manager.getRepository(Company).findOneByOrFail({ structureId, name: demo.company });
    const placement = await manager.getRepository(Placement).findOneByOrFail({ structureId, companyId: company.id });
    const candidate = await manager.getRepository(Candidate).findOneByOrFail({ id: placement.candidateId });
    const contact = await manager.getRepository(Contact).findOneByOrFail({ structureId, companyId: company.id, lastName: demo.contact });
    placement.employerContactId = contact.id;
    const endDate = demo.rupture ? addCalendarDays(today, -demo.rupture.daysAgo) : null;
    const endsAt = demo.rupture ? new Date(now.getTime() - demo.rupture.daysAgo * 86_400_000) : null;
    // Planned as on its first day: every step in the plan, none skipped for being late.
    const steps = planCheckIns({ kind: placement.kind, startDate: placement.startDate, plannedEndDate: placement.plannedEndDate, offsets: null, timeZone: TIME_ZONE, now: new Date(0) });
    const rows: CheckIn[] = [];
    for (const step of steps) {
      for (const party of step.parties) {
        const recipient = party === 'employee' ? candidate.email : contact.email;
        const past = step.dueAt.getTime() <= (endsAt ?? now).getTime();
        const status = step.status === 'skipped' ? 'skipped' : past ? 'sent' : demo.rupture ? 'cancelled' : 'planned';
        const answer = demo.answers.find((item) => item.party === party && item.step === step.step);
        rows.push(
          manager.getRepository(CheckIn).create({
            structureId,
            placementId: placement.id,
            party,
            step: step.step,
            dueAt: step.dueAt,
            status: answer ? 'answered' : status,
            skipReason: step.skipReason,
            recipient: status === 'sent' || answer ? recipient : null,
            attempts: status === 'sent' || answer ? 1 : 0,
            sentAt: status === 'sent' || answer ? step.dueAt : null,
            answeredAt: answer ? new Date(step.dueAt.getTime() + 5 * 3_600_000) : null,
            rating: answer?.rating ?? null,
            goingWell: answer?.goingWell ?? null,
            difficulties: answer?.difficulties ?? [],
            difficultyDetails: answer?.difficultyDetails ?? null,
            wantsCall: answer ? (answer.wantsCall ?? false) : null,
          }),
        );
      }
    }
    const saved = await manager.getRepository(CheckIn).save(rows);
    for (const answer of demo.answers) {
      const row = saved.find((item) => item.party === answer.party && item.step === answer.step)!;
      const context: CheckInContext = {
        id: row.id,
        structureId,
        structureName: structure.name,
        placementId: placement.id,
        party: row.party,
        step: row.step,
        status: row.status,
        sentAt: row.sentAt,
        candidateFirstName: candidate.firstName,
        candidateLastName: candidate.lastName,
        companyName: company.name,
        contactFirstName: contact.firstName,
        contactLastName: contact.lastName,
      };
      const alert = answerAlert(context, { rating: answer.rating, difficulties: answer.difficulties ?? [], wantsCall: answer.wantsCall ?? false });
      if (!alert) continue;
      await manager.getRepository(StaffAlert).save(manager.getRepository(StaffAlert).create({ ...alert, userId: placement.ownerId, createdAt: row.answeredAt! }));
      log(`  alert: ${alertLabel(alert)} (${candidate.firstName} ${candidate.lastName})`);
    }
    if (demo.rupture) {
      Object.assign(placement, { status: 'ended', endDate, endKind: 'early', ruptureReason: demo.rupture.reason, endedBy: 'employee', version: placement.version + 1 });
      const message = ruptureMessage(`${candidate.firstName} ${candidate.lastName}`, company.name, endDate);
      for (const userId of [...new Set([placement.ownerId, ...managers])]) {
        await manager.getRepository(StaffAlert).save(
          manager.getRepository(StaffAlert).create({ structureId, placementId: placement.id, checkInId: null, kind: 'rupture', message, userId, createdAt: endsAt! }),
        );
      }
      candidate.status = 'on_path';
      await manager.getRepository(Candidate).save(candidate);
    }
    await manager.getRepository(Placement).save(placement);
    log(`  follow-up: ${candidate.firstName} ${candidate.lastName} at ${company.name}${demo.rupture ? ' (broken off)' : ''}`);
  }
}
