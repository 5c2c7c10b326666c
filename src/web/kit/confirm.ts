import type { Response } from 'express';
import { Session } from '../../auth/session.entity';
import { Actor } from '../../tenancy/actor';
import { Raw, text } from './forms';
import { PageContext } from './page-context';

/**
 * Consequential actions (proposing a candidate, cancelling a placement, deactivating an account,
 * archiving a script or a stage) are confirmed before they happen. Their form carries
 * `data-confirm="…"`: with JavaScript, public/confirm.js asks in a dialog and posts `confirme=oui`;
 * without, the post lacks it and the server answers this confirmation page, whose form posts it.
 */
export const CONFIRM_FIELD = 'confirme';

export function isConfirmed(body: Raw | undefined): boolean {
  return text(body?.[CONFIRM_FIELD]) === 'oui';
}

export interface Confirmation {
  /** The page title and heading, a question. */
  title: string;
  /** What will happen, in one or two sentences. */
  sentence: string;
  /** What the action touches, listed under the sentence (the follow-up steps an end cancels). */
  items?: string[];
  /** Where the confirmed form posts (the same address). */
  action: string;
  confirmLabel: string;
  /** Back without changing anything. */
  backHref: string;
  /** The posted fields to post again (a proposal's candidate...). */
  fields?: Record<string, string>;
}

/** The confirmation page, the no-JavaScript path of a `data-confirm` form. */
export async function renderConfirmation(
  pages: PageContext,
  actor: Actor,
  session: Session,
  response: Response,
  activePath: string,
  confirmation: Confirmation,
) {
  const context = await pages.build(actor, session, activePath, {
    title: confirmation.title,
    confirmation: {
      ...confirmation,
      fields: Object.entries(confirmation.fields ?? {})
        .filter(([name]) => name !== CONFIRM_FIELD && name !== '_csrf')
        .map(([name, value]) => ({ name, value })),
    },
  });
  return response.status(200).render('confirm', context);
}
