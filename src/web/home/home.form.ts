import { DIGEST_TIME_FORMAT } from '../../reminders/reminders.dto';

/** The posted reminders form as the users service takes it; null when the digest time is not a time. */
export function remindersInput(form: Record<string, unknown>) {
  const digestTime = typeof form.digestTime === 'string' ? form.digestTime : '';
  if (!DIGEST_TIME_FORMAT.test(digestTime)) return null;
  return {
    digestEnabled: form.digestEnabled === 'on',
    digestTime,
    meetingRemindersEnabled: form.meetingRemindersEnabled === 'on',
  };
}
