import type { ApiErrorBody } from '../contract/schemas'

// Bad command line: exit 2, with the usage text.
export class UsageError extends Error {}

// The core said no (or the person did): exit 1 with the message and details.
export class CliError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message)
  }
}
