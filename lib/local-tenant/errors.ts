/** Auth0's HTTP reason phrases, as they appear in the `error` field of Management API error bodies. */
const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The body Auth0's Management API sends with every error status. */
export interface ManagementErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
}

/**
 * An error the local tenant answers with, in Auth0's Management API shape:
 * `{"statusCode": 403, "error": "Forbidden", "message": "…", "errorCode": "…"}`.
 */
export class TenantApiError extends Error {
  readonly statusCode: number;
  readonly errorCode: string | undefined;

  constructor(statusCode: number, message: string, errorCode?: string) {
    super(message);
    this.name = "TenantApiError";
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /** The JSON body Auth0 would send. */
  toBody(): ManagementErrorBody {
    const body: ManagementErrorBody = {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? "Error",
      message: this.message,
    };
    if (this.errorCode !== undefined) body.errorCode = this.errorCode;
    return body;
  }
}
