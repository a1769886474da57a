/** A bad user input: the message names the parameter and the allowed range. The CLI maps it to exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
