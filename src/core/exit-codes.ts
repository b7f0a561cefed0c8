/** The exit codes of every `watchkeeper` command: 0 clean, 1 problems found, 2 usage error or unreadable input. */
export const EXIT_CODES = { ok: 0, problems: 1, usage: 2 } as const;

/** One of EXIT_CODES. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
