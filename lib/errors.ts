export const errorStatus = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  PERMISSION_DENIED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  TRACK_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  LISTING_NOT_FOUND: 404,
  OFFER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  USERNAME_TAKEN: 409,
  ROOM_EXISTS: 409,
  HAS_DEPENDENTS: 409,
  INVALID_STATE: 409,
  CHANNEL_FULL: 409,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  success: false;
  error: string;
  error_code: ErrorCode;
  timestamp: number;
  details?: FieldError[];
}

/** A failure a client can cause or should know about; anything else is an internal error. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: FieldError[];
  /** Extra response headers, e.g. Retry-After for RATE_LIMITED. */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: FieldError[]): ErrorBody {
  return {
    success: false,
    error: message,
    error_code: code,
    timestamp: Math.floor(Date.now() / 1000),
    ...(details && details.length > 0 ? { details } : {}),
  };
}

export const notFound = (what = 'Resource', code: ErrorCode = 'NOT_FOUND') =>
  new AppError(code, `${what} not found`);

/** Unique constraints whose violation means something specific to a client. */
const uniqueViolations: Record<string, { code: ErrorCode; message: string }> = {
  users_email_lower_unique: { code: 'EMAIL_TAKEN', message: 'This email is already registered' },
  users_username_lower_unique: { code: 'USERNAME_TAKEN', message: 'This username is taken' },
  categories_name_lower_unique: { code: 'CONFLICT', message: 'A category with this name already exists' },
  user_products_user_product_unique: { code: 'CONFLICT', message: 'This product is already in your collection' },
};

interface PgLikeError {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
}

/** Finds a Postgres unique violation on the error or its cause chain (Drizzle wraps driver errors). */
function findUniqueViolation(err: unknown): PgLikeError | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as PgLikeError;
    if (e.code === '23505') return e;
    current = e.cause;
  }
  return undefined;
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

function isZodError(err: unknown): err is { issues: ZodLikeIssue[] } {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: string }).name === 'ZodError' &&
    Array.isArray((err as { issues?: unknown }).issues)
  );
}

export function zodDetails(issues: ZodLikeIssue[]): FieldError[] {
  return issues.map((i) => ({
    field: i.path.map(String).join('.') || '_',
    message: i.message,
  }));
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
  /** True when the error is not a client's fault and must be logged with its stack. */
  internal: boolean;
}

/** The one mapping from anything thrown to the error envelope. Never leaks internals. */
export function toErrorBody(err: unknown): MappedError {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: errorBody(err.code, err.message, err.details),
      headers: err.headers,
      internal: false,
    };
  }
  if (isZodError(err)) {
    return {
      status: 400,
      body: errorBody('INVALID_INPUT', 'Invalid input', zodDetails(err.issues)),
      internal: false,
    };
  }
  const unique = findUniqueViolation(err);
  if (unique) {
    const known = uniqueViolations[unique.constraint ?? unique.constraint_name ?? ''];
    const code = known?.code ?? 'CONFLICT';
    return {
      status: errorStatus[code],
      body: errorBody(code, known?.message ?? 'This conflicts with an existing record'),
      internal: false,
    };
  }
  return {
    status: 500,
    body: errorBody('INTERNAL_ERROR', 'Something went wrong on our side'),
    internal: true,
  };
}
