/**
 * A send that must wait longer than a worker should hold a job (a rate limit, another sender in
 * hand): the job is postponed by `waitMs` instead of failing, and tries again then.
 */
export class SendLater extends Error {
  constructor(readonly waitMs: number) {
    super(`send postponed by ${waitMs} ms`);
    this.name = "SendLater";
  }
}
