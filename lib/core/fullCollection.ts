/** V8's full collection when the process was started with `--expose-gc` (the `chargeback` launcher's line), else undefined. */
export const fullCollection = (): (() => void) | undefined => (globalThis as { gc?: () => void }).gc;
