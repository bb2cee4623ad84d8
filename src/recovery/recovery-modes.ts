/**
 * What the fallback does with a call once the primary has failed (`RECOVERY_MODE`).
 * - `message`: speak the fallback message and hang up (the safe answer every other
 *   mode falls back to).
 * - `dial`: a short apology, then `<Dial>` a backup number; the message if nobody answers.
 * - `voicemail`: an apology, then `<Record>` a message; the recording is alerted on.
 * - `redirect`: `<Redirect>` to a standby TwiML application.
 */
export const RECOVERY_MODES = ['message', 'dial', 'voicemail', 'redirect'] as const;

export type RecoveryMode = (typeof RECOVERY_MODES)[number];
