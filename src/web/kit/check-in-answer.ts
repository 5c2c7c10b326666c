import { RATING_LABELS } from '../../checkins/check-in-alerts';
import { CheckIn, DIFFICULTY_LABELS } from '../../checkins/check-in.entity';

/** What a check-in answer says, as every page shows it. */
export type AnswerFields = Pick<CheckIn, 'rating' | 'goingWell' | 'difficulties' | 'difficultyDetails' | 'wantsCall'>;

/**
 * An answer in French, the same on the placement, person, company and alert pages: the rating's
 * label (« Difficile (2/4) »), the difficulties by name, its free text as written.
 */
export function answerView(answer: AnswerFields) {
  return {
    rating: answer.rating ? `${RATING_LABELS[answer.rating]} (${answer.rating}/4)` : null,
    goingWell: answer.goingWell || null,
    difficulties: answer.difficulties.length ? answer.difficulties.map((difficulty) => DIFFICULTY_LABELS[difficulty] ?? difficulty).join(', ') : null,
    details: answer.difficultyDetails || null,
    wantsCall: answer.wantsCall === true,
  };
}

export type AnswerView = ReturnType<typeof answerView>;
