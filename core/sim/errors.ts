/* Errors the simulator reports to the user: a bad request, not a bug (messages are shown as they are). */
export class SimError extends Error {}
