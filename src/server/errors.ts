import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';

/** The closed list of error codes the API can answer with, and their HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 403,
  mfa_invalid_code: 400,
  mfa_not_pending: 409,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  email_taken: 409,
  possible_duplicate: 409,
  consent_missing: 403,
  consent_required: 409,
  transition_not_allowed: 409,
  attachment_consent_missing: 409,
  double_discussion: 409,
  case_closed: 409,
  case_exists: 409,
  proposal_pending: 409,
  is_director: 409,
  name_taken: 409,
  user_in_access_log: 409,
  cannot_change_self: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 415,
  invalid_import: 422,
  token_invalid: 410,
  too_many_attempts: 429,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid; see details.',
  bad_request: 'The request could not be understood.',
  unauthenticated: 'Sign in first.',
  invalid_credentials: 'Incorrect combination of e-mail address and password.',
  mfa_required: 'Complete two-factor verification first.',
  mfa_invalid_code: 'The verification code is not correct.',
  mfa_not_pending: 'There is no two-factor enrolment in progress.',
  csrf_invalid: 'Missing or invalid CSRF token.',
  forbidden: 'You may not change this record.',
  not_found: 'Not found.',
  conflict: 'Conflict with the current state.',
  version_conflict: 'Someone else changed this record; reload and try again.',
  email_taken: 'This e-mail address is already in use.',
  consent_missing: 'There is no valid consent for your organisation to see this part of the case.',
  consent_required: 'This organisation has no valid consent for case discussion yet; record consent first or confirm.',
  transition_not_allowed: 'This change is not allowed from the current state; see allowed.',
  double_discussion: 'This household already has an open agenda item at another table; confirm to add it anyway, or cancel.',
  attachment_consent_missing:
    'The receiving organisation has no valid consent for sharing case information; record consent for the referral or send it without attachments.',
  case_closed: 'This case is closed and read-only; the coordinator can reopen it.',
  case_exists: 'This household already has an open case; ask the hub coordinator.',
  proposal_pending: 'There is already a proposal waiting for an answer.',
  is_director: 'Hand over the case direction before leaving the care team.',
  possible_duplicate: 'A person with this name and date already exists; choose them or confirm this is someone else.',
  name_taken: 'This name is already in use.',
  user_in_access_log: 'This user appears in the access log and can only be deactivated.',
  cannot_change_self: 'You cannot do this to your own account.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'Send JSON (Content-Type: application/json).',
  invalid_image: 'Upload a JPEG, PNG or WebP image of at most 2 MB.',
  invalid_import: 'The import file is not valid; see details. Nothing was imported.',
  token_invalid: 'This link has expired or was already used.',
  too_many_attempts: 'Too many attempts; try again later.',
  rate_limited: 'Too many requests; slow down.',
  internal: 'Something went wrong on our side.',
  not_ready: 'The service is not ready.',
};

export interface ErrorDetail {
  path: string;
  code: string;
  /** Optional English explanation, for details that have no message in the locale files (e.g. schema errors). */
  message?: string;
}

/** The one error type of the server: a code from the closed list plus optional field-level details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    /** Extra, documented fields of the error body (e.g. the candidates of a possible duplicate). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(DEFAULT_MESSAGE[code]);
    this.status = ERROR_STATUS[code];
  }
  /** Set by deniedError: the refusal is written to the access log. */
  denied?: DeniedAccess;
}

/** What a refused attempt was aimed at, for its 'denied' row in the access log (written outside the rolled-back work). */
export interface DeniedAccess {
  objectType: string;
  objectId: string | null;
}

/**
 * A 404 that hides something the caller may not see: answered exactly like a missing record, and logged with
 * outcome 'denied' by the error handler (NEN 7513 asks for refused attempts too).
 */
export function deniedError(denied: DeniedAccess): AppError {
  const err = new AppError('not_found');
  err.denied = denied;
  return err;
}

export function errorBody(code: ErrorCode, details: ErrorDetail[], requestId: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message: DEFAULT_MESSAGE[code], details, requestId, ...extra } };
}

function zodDetails(err: ZodError): ErrorDetail[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), code: i.message && /^[a-z][a-z0-9_]*$/.test(i.message) ? i.message : i.code }));
}

/** PostgreSQL's SQLSTATE of an error, on the error itself or (Drizzle wraps the driver error) on its cause. */
function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  for (const c of [e?.code, e?.cause?.code]) if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c;
  return undefined;
}

/** What of an error may be logged: its type and codes, never text that can carry values. */
export function safeErrorFields(err: unknown): { type: string; code?: string; sqlState?: string } {
  const e = err as { name?: unknown; code?: unknown; constructor?: { name?: string } } | undefined;
  const type = typeof e?.name === 'string' ? e.name : (e?.constructor?.name ?? typeof err);
  const code = typeof e?.code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(e.code) ? e.code : undefined;
  return { type: type.slice(0, 64), ...(code ? { code } : {}), ...(sqlStateOf(err) ? { sqlState: sqlStateOf(err) } : {}) };
}

/** Maps every error to a coded JSON answer; 5xx never carries internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, request, reply) => {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      appErr = new AppError(
        'validation_failed',
        err.validation.map((v) => ({
          path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          code:
            typeof v.message === 'string' && /^[a-z][a-z0-9_]*$/.test(v.message)
              ? v.message
              : String(v.params?.issue && (v.params.issue as { code?: string }).code ? (v.params.issue as { code: string }).code : v.keyword),
        })),
      );
    } else if (err instanceof ZodError) appErr = new AppError('validation_failed', zodDetails(err));
    else {
      const fe = err as FastifyError;
      const status = fe.statusCode ?? 500;
      const sqlState = sqlStateOf(err);
      if (status === 415) appErr = new AppError('unsupported_media_type');
      else if (status === 413) appErr = new AppError('payload_too_large');
      else if (status === 429) appErr = new AppError('rate_limited');
      else if (status === 404) appErr = new AppError('not_found');
      else if (status >= 400 && status < 500) appErr = new AppError('bad_request', [{ path: 'body', code: fe.code ?? 'invalid' }]);
      // Last line of defence: a PostgreSQL data exception (class 22: invalid uuid, NUL byte, integer out of range)
      // comes from a value the validation should have refused; it is the request's fault, not ours.
      else if (sqlState?.startsWith('22')) appErr = new AppError('validation_failed', [{ path: 'request', code: 'invalid_value' }]);
      else appErr = new AppError('internal');
    }
    // Never the message, the stack or the cause's text: a driver error's message is the failed query with its
    // parameters (names, dates of birth, addresses), and the stack repeats the message. Type, codes and request id only.
    if (appErr.status >= 500) request.log.error({ err: safeErrorFields(err) }, 'request failed');
    else if (!(err instanceof AppError) && sqlStateOf(err)) request.log.warn({ err: safeErrorFields(err) }, 'database refused a value');
    reply
      .headers(appErr.headers)
      .status(appErr.status)
      .send(errorBody(appErr.code, appErr.details, request.id, appErr.extra));
  });
}
