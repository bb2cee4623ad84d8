/**
 * One line that says what a failed Twilio REST call means, without a stack trace.
 * twilio-node throws a RestException (status, code, message, moreInfo) for an HTTP
 * error answer, and a plain Error for a transport failure.
 */
export function describeApiError(error: unknown, doing: string): string {
  if (isRestException(error)) {
    const code = error.code ? ` ${error.code}` : '';
    const more = error.moreInfo ? ` (${error.moreInfo})` : '';
    // A body without Twilio's error shape (a proxy's page, a validator's problem+json)
    // leaves RestException without a message.
    const message =
      typeof error.message === 'string' && error.message.trim()
        ? oneLine(error.message)
        : 'no error message in the answer';
    return `Twilio API error${code} (HTTP ${error.status}) while ${doing}: ${message}${more}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `could not reach the Twilio API while ${doing}: ${oneLine(message)}`;
}

interface RestExceptionShape {
  status: number;
  message?: string;
  code?: number;
  moreInfo?: string;
}

function isRestException(error: unknown): error is RestExceptionShape {
  return (
    error instanceof Error &&
    typeof (error as Partial<RestExceptionShape>).status === 'number' &&
    (error as Partial<RestExceptionShape>).status! >= 400
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
