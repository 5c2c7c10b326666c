import { SmsCapView } from '../../sms/sms-cap.service';
import { Flash } from '../kit/flash';
import { FormState } from '../leads/lead.view';

export const SMS_SETTINGS_NOTICES = new Flash({ plafond: 'Le plafond mensuel de SMS a été enregistré.' });

/** « 42 SMS envoyés sur 500 ce mois-ci » and what the managers are told, in French. */
export function smsUsage(cap: SmsCapView, monthLabel: string) {
  const used = cap.usedThisMonth;
  const share = cap.monthlyCap > 0 ? Math.min(100, Math.floor((used * 100) / cap.monthlyCap)) : 100;
  return {
    used,
    cap: cap.monthlyCap,
    share,
    sentence:
      cap.monthlyCap === 0
        ? `Plafond à 0 : aucun SMS ne part (${used} envoyé${used > 1 ? 's' : ''} en ${monthLabel}).`
        : `${used} SMS envoyé${used > 1 ? 's' : ''} sur ${cap.monthlyCap} en ${monthLabel} (${share} %).`,
    warning:
      cap.monthlyCap === 0
        ? null
        : `Les responsables sont prévenu·es une fois par mois dès ${cap.warningAt} SMS (80 % du plafond)${cap.warnedFor ? ' : c’est fait pour ce mois-ci' : ''}.`,
    reached: cap.monthlyCap > 0 && used >= cap.monthlyCap,
  };
}

/** The cap form: the value typed (kept on a refusal) or the structure's cap. */
export function capForm(cap: SmsCapView, state?: FormState): FormState {
  return state ?? { values: { monthlyCap: String(cap.monthlyCap) }, errors: {} };
}
