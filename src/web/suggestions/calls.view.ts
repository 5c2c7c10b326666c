import { CallSuggestion, DISMISSAL_NOTE_MAX, SuggestionScope } from '../../suggestions/call-suggestions.service';
import { DISMISSAL_REASON_LABELS, DISMISSAL_REASONS } from '../../suggestions/call-suggestion-dismissal.entity';
import { Flash } from '../kit/flash';

export const CALL_NOTICES = new Flash({
  prise: 'L’entreprise vous est attribuée, avec un appel prévu aujourd’hui.',
  ecartee: 'Suggestion écartée pour toute l’équipe.',
});

/** `?portee=equipe` shows the whole team's; anything else, mine and nobody's. */
export function callScope(raw: unknown): SuggestionScope {
  return raw === 'equipe' ? 'team' : 'me';
}

export const SCOPE_PARAM: Record<SuggestionScope, string> = { me: 'moi', team: 'equipe' };

export function scopeLinks(scope: SuggestionScope) {
  return [
    { href: '/a-appeler', label: 'Pour moi', current: scope === 'me' },
    { href: '/a-appeler?portee=equipe', label: 'Toute l’équipe', current: scope === 'team' },
  ];
}

/** A row's form after a refused post: the errors beside their fields, the text typed kept. */
export interface SuggestionRowState {
  form?: 'prendre' | 'ecarter';
  values?: Record<string, string>;
  errors?: Record<string, string>;
  alert?: string;
}

export function suggestionRow(suggestion: CallSuggestion, scope: SuggestionScope, state: SuggestionRowState = {}) {
  const id = suggestion.companyId;
  const dismissing = state.form === 'ecarter';
  const chosen = dismissing ? state.values?.reason : undefined;
  return {
    id,
    anchor: `suggestion-${id}`,
    name: suggestion.name,
    place: [suggestion.commune, suggestion.postcode ? `(${suggestion.postcode})` : null].filter(Boolean).join(' ') || null,
    sector: suggestion.sectorLabel ?? (suggestion.nafCode ? `NAF ${suggestion.nafCode}` : null),
    stageName: suggestion.stageName,
    owner: suggestion.owner?.name ?? null,
    score: suggestion.score.toLocaleString('fr-FR', { maximumFractionDigits: 1 }),
    reasons: suggestion.reasons,
    version: suggestion.version,
    portee: SCOPE_PARAM[scope],
    takeAlert: state.form === 'prendre' ? state.alert : undefined,
    dismiss: {
      open: dismissing,
      alert: dismissing && !state.errors?.reason && !state.errors?.note ? state.alert : undefined,
      errors: dismissing ? (state.errors ?? {}) : {},
      note: dismissing ? (state.values?.note ?? '') : '',
      max: DISMISSAL_NOTE_MAX,
      reasons: DISMISSAL_REASONS.map((value) => ({
        value,
        label: DISMISSAL_REASON_LABELS[value],
        inputId: `ecarter-${id}-${value}`,
        checked: chosen === value,
      })),
    },
  };
}

/** What replaces a row once taken or set aside (with htmx): one sentence and the way to the company. */
export function doneRow(id: string, name: string, kind: 'prise' | 'ecartee') {
  return {
    id,
    anchor: `suggestion-${id}`,
    name,
    message: kind === 'prise' ? `${name} vous est attribuée, avec un appel prévu aujourd’hui.` : `${name} est écartée pour toute l’équipe.`,
  };
}
