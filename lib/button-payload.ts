/**
 * One kind of button payload: a name and its parts joined by "|", in short ASCII (Telegram's
 * callback data holds 64 bytes), so every feature encodes, recognises and splits its payloads the
 * same way and no two features can claim the same name (`PAYLOAD_KINDS`).
 */
export interface PayloadKind {
  readonly name: string;
  /** The payload of a button of this kind with these parts. */
  encode(...parts: ReadonlyArray<string | number>): string;
  /** Whether a payload is of this kind (also a malformed one, or one an older version wrote). */
  owns(raw: string | undefined): raw is string;
  /** The parts after the name, or null when the payload is of another kind. */
  parts(raw: string | undefined): string[] | null;
}

/** Every payload kind made so far, by name: a second kind with a taken name is a programming error. */
export const PAYLOAD_KINDS = new Map<string, PayloadKind>();

/** Declares a payload kind; throws when the name is already taken. */
export function payloadKind(name: string): PayloadKind {
  if (!/^[a-z]+$/.test(name)) throw new Error(`payload kind "${name}" must be lower-case letters`);
  if (PAYLOAD_KINDS.has(name)) throw new Error(`payload kind "${name}" is declared twice`);
  const prefix = `${name}|`;
  const kind: PayloadKind = {
    name,
    encode: (...parts) => [name, ...parts].join("|"),
    owns: (raw): raw is string => raw?.startsWith(prefix) === true,
    parts: (raw) => (raw?.startsWith(prefix) ? raw.slice(prefix.length).split("|") : null),
  };
  PAYLOAD_KINDS.set(name, kind);
  return kind;
}
