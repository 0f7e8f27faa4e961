/**
 * Errors of the REST API as `application/problem+json` (RFC 9457): `type` (a URN naming the
 * problem), `title` (the status's phrase), `status`, `detail` (for a person), `code` (for a
 * program; stable) and, for validation failures, `errors`: one entry per failing field, with the
 * path inside the part of the request it came from (body, query or path).
 */
export interface ProblemFieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemFieldError[];
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const problemType = (code: string) => `urn:organization-console:problem:${code}`;

/** Thrown anywhere below the API's router; the error handler turns it into its answer. */
export class ApiProblem extends Error {
  readonly headers: Record<string, string>;
  readonly errors?: ProblemFieldError[];

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    options: { errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toJSON(): Problem {
    return {
      type: problemType(this.code),
      title: titles[this.status] ?? "Error",
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export function problemResponse(problem: ApiProblem): Response {
  const headers = new Headers(problem.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problem.toJSON()), { status: problem.status, headers });
}

export const notFound = (detail = "There is nothing here, or you cannot see it.") => new ApiProblem(404, "not_found", detail);

export const validationFailed = (errors: ProblemFieldError[], detail = "The request has invalid fields: see errors.") => new ApiProblem(422, "validation_failed", detail, { errors });
