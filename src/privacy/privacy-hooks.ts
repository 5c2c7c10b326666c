import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Identity } from './scrub';

/** Whose identity is being removed, inside the anonymising transaction. */
export interface AnonymisedSubject {
  type: 'candidate' | 'contact';
  id: string;
  structureId: string;
  /** The identity as it was, to find it in free text. */
  identity: Identity;
  /** `retention` (the daily scan) or `erasure` (a request). */
  kind: 'retention' | 'erasure';
  actorId: string | null;
  at: Date;
}

export type AnonymisationHook = (manager: EntityManager, subject: AnonymisedSubject) => Promise<void>;

/**
 * Other modules that keep copies of personal data (an audit trail, say) register a hook here; each
 * runs inside the anonymising transaction, so either everything forgets the person or nothing does.
 */
@Injectable()
export class PrivacyHooks {
  private readonly hooks: AnonymisationHook[] = [];

  onAnonymise(hook: AnonymisationHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, subject: AnonymisedSubject): Promise<void> {
    for (const hook of this.hooks) await hook(manager, subject);
  }
}
