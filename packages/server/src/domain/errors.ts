/** A refusal the API reports with its HTTP status and a message that says what was wrong. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 423 | 429 | 503,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}
