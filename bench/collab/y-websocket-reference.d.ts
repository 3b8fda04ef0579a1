/** The y-websocket 1.x reference server (installed as y-websocket-reference), which ships no types. */
declare module 'y-websocket-reference/bin/utils' {
  export function setupWSConnection(
    ws: unknown,
    req: unknown,
    opts?: { docName?: string; gc?: boolean },
  ): void;
}
