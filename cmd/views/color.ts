/** Whether to colour output for a stream: only on a TTY, never with NO_COLOR or --no-color. */
export function useColor(stream: NodeJS.WriteStream, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
