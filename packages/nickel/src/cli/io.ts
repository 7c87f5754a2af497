/**
 * Everything a command touches outside the library, so commands run the same in the main thread,
 * in a worker, or in a test with captured output.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether diagnostics go to a terminal (colour is used only then, unless --color says otherwise). */
  readonly stderrIsTTY: boolean;
  readStdin(): string;
  writeFile(path: string, text: string): void;
  /**
   * When set, a stack overflow is not reported but thrown as StackOverflowRetry, for a caller that
   * can run the command again in a thread with a larger stack.
   */
  readonly retryOnStackOverflow?: boolean;
}

/** An io whose output is kept until the command is over (so a retried run leaves no trace). */
export interface BufferedIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
}
